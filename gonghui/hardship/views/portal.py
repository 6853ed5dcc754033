"""The worker's phone pages: apply, follow the file's progress, see the aid received."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import member_required
from gonghui.consent.forms import consent_agreement
from gonghui.core.imports import error_text
from gonghui.hardship import forms, selectors
from gonghui.hardship.models import Status
from gonghui.hardship.services import files as services
from gonghui.hardship.views.files import log_file_view
from gonghui.orgs import selectors as org_selectors


def _me(request):
    return org_selectors.members_visible_to(request.user).select_related("union").get()


def _my_file(request):
    """The worker's own file (logged as a view), or None."""
    file = selectors.file_for_member(_me(request))
    if file is not None:
        log_file_view(request, file)
    return file


@member_required
def home(request):
    file = _my_file(request)
    return render(
        request,
        "hardship/portal/home.html",
        {
            "file": file,
            "has_gifts": selectors.aid_received_by(_me(request)).exists(),
            "last_event": file.events.last() if file else None,
            "can_apply": file is None or file.status == Status.CLOSED,
        },
    )


@member_required
def apply(request):
    member = _me(request)
    current = selectors.file_for_member(member)
    if current is not None and current.status != Status.CLOSED:
        return redirect("hardship_portal:progress")
    form = forms.PhoneApplyForm(request.POST or None, request.FILES or None, member=member)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.file_apply(
                actor=request.user,
                member=member,
                attachments=form.cleaned_data["attachments"],
                consent=consent_agreement(form),
                **form.household(),
            )
        except ValidationError as exc:
            error = error_text(exc)
        else:
            messages.success(request, _("Your application has been sent to your union."))
            return redirect("hardship_portal:progress")
    return render(request, "hardship/portal/apply.html", {"form": form, "error": error})


@member_required
def progress(request):
    file = _my_file(request)
    if file is None:
        return redirect("hardship_portal:home")
    return render(
        request,
        "hardship/portal/progress.html",
        {"file": file, "events": file.events.order_by("-at", "-id")},
    )


@member_required
@require_POST
def resubmit(request):
    file = selectors.file_for_member(_me(request))
    if file is None or file.status != Status.RETURNED:
        return redirect("hardship_portal:home")
    try:
        services.file_resubmit(
            actor=request.user, file=file, note=request.POST.get("note", "").strip()
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Your application has been sent again."))
    return redirect("hardship_portal:progress")


@member_required
def my_aid(request):
    _my_file(request)
    aid = selectors.aid_received_by(_me(request)).select_related("campaign")
    totals = aid.aggregate(cash=Sum("amount"), goods=Sum("goods_value"))
    return render(request, "hardship/portal/aid.html", {"aid": aid, "totals": totals})
