"""Member pages (phone, WeUI): the benefits found in the bureau's records, and the one tap
that claims one (confirming the bank card on file, or correcting it)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import member_required
from gonghui.claims.models import EventType
from gonghui.claims.portal_views import prefill_offer
from gonghui.core.imports import error_text
from gonghui.medinsure import selectors, services
from gonghui.medinsure.forms import ConfirmForm
from gonghui.medinsure.models import STANDING_STATUSES, NoticeKind, NoticeStatus
from gonghui.orgs.selectors import members_visible_to


@member_required
def my_benefits(request):
    return render(
        request, "medinsure/portal/benefits.html", {"notices": selectors.my_notices(request.user)}
    )


@member_required
def benefit_detail(request, pk):
    notice = get_object_or_404(
        selectors.notices_visible_to(request.user).select_related("record", "period", "member"),
        pk=pk,
    )
    member = members_visible_to(request.user).get()
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    correcting = request.method == "POST" and bool(request.POST.get("bank_card"))
    if request.method == "POST" and form.is_valid():
        try:
            services.benefit_notice_confirm(
                actor=request.user,
                notice=notice,
                bank_card=form.cleaned_data["bank_card"],
                bank_name=form.cleaned_data["bank_name"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Confirmed."))
            return redirect("medinsure_portal:benefit", pk=notice.pk)
    return render(
        request,
        "medinsure/portal/benefit.html",
        {
            "notice": notice,
            "member": member,
            "lines": selectors.notice_line_items(notice),
            "form": form,
            "correcting": correcting
            or (notice.status == NoticeStatus.PENDING and not member.bank_card),
        },
    )


@member_required
@require_POST
def benefit_pathology(request, pk):
    """A diagnosis that may call on CRITICAL or FEMALE: start the member's claim for it with
    what the record says filled in; they add the pathology report and sign."""
    notice = get_object_or_404(
        selectors.notices_visible_to(request.user).select_related("record", "member"),
        pk=pk,
        kind=NoticeKind.NEEDS_PATHOLOGY_REPORT,
        status__in=STANDING_STATUSES,
    )
    prefill_offer(request, selectors.pathology_claim_facts(notice))
    return redirect("claims_portal:create", event_type=EventType.DIAGNOSIS)
