"""代办 at the service window: staff grab or cancel a patrol slot for a member of their
subtree (recorded on the patrol's event as done on the member's behalf)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gonghui.accounts.decorators import staff_required
from gonghui.core.imports import error_text
from gonghui.core.switches import service_required
from gonghui.orgs.selectors import members_visible_to
from gonghui.patrol import access, selectors
from gonghui.patrol.models import Patrol, Slot, Status
from gonghui.patrol.services import grabs


@staff_required
@service_required("patrol")
def proxy(request, member_pk):
    if not access.can_organise(request.user):
        raise PermissionDenied
    member = get_object_or_404(
        members_visible_to(request.user).select_related("union"), pk=member_pk
    )
    if request.method == "POST":
        try:
            if "slot" in request.POST:
                slot = get_object_or_404(Slot, pk=request.POST.get("slot") or 0)
                grabs.patrol_grab(actor=request.user, member=member, slot=slot)
                messages.success(
                    request, _("The slot is held for %(name)s.") % {"name": member.name}
                )
            else:
                patrol = get_object_or_404(
                    Patrol, pk=request.POST.get("patrol") or 0, member=member
                )
                grabs.patrol_cancel(actor=request.user, patrol=patrol)
                messages.success(
                    request, _("The place of %(name)s is cancelled.") % {"name": member.name}
                )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(
                request, error_text(exc) if isinstance(exc, ValidationError) else str(exc)
            )
        return redirect("staff:patrol_proxy", member.pk)
    return render(
        request,
        "patrol/staff/proxy.html",
        {
            "member": member,
            "rows": selectors.open_slots_for(member),
            "held": selectors.my_patrols(member).filter(status=Status.HELD),
        },
    )
