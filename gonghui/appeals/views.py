"""Appeal pages: the member's (申诉 on the phone, /m/appeals/) and the staff queue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gonghui.accounts.decorators import member_required, staff_required
from gonghui.appeals import access, exports, registry, selectors, services
from gonghui.appeals.forms import AppealForm, DecideForm, QueueFilterForm
from gonghui.core.exports import list_export
from gonghui.core.imports import error_text
from gonghui.orgs import selectors as org_selectors

PAGE_SIZE = 50


def _refusal_or_404(kind: str, object_id: int):
    kind_def = registry.get(kind)
    refusal = kind_def.refusal(object_id) if kind_def else None
    if refusal is None:
        raise Http404
    return refusal


# --- the member's phone -------------------------------------------------------------------


@member_required
def my_appeals(request):
    member = request.user.member
    return render(
        request,
        "appeals/portal/list.html",
        {
            "appeals": selectors.appeals_visible_to(request.user).prefetch_related("events"),
            "refusals": selectors.appealable_refusals(member),
        },
    )


@member_required
def appeal_new(request, kind, object_id):
    refusal = _refusal_or_404(kind, object_id)
    if refusal.member.user_id != request.user.pk:
        raise Http404
    existing = selectors.appeal_of(kind, object_id)
    if existing is not None:
        return redirect("appeals_portal:detail", pk=existing.pk)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.appeal_file(
                actor=request.user,
                kind=kind,
                object_id=object_id,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Your appeal has been filed. We will send you an SMS."))
            return redirect("appeals_portal:detail", pk=appeal.pk)
    return render(request, "appeals/portal/new.html", {"form": form, "refusal": refusal})


@member_required
def my_appeal(request, pk):
    appeal = get_object_or_404(selectors.appeals_visible_to(request.user), pk=pk)
    return render(
        request,
        "appeals/portal/detail.html",
        {"appeal": appeal, "events": appeal.events.order_by("at", "id")},
    )


# --- staff ---------------------------------------------------------------------------------


@staff_required
def queue(request):
    if not access.can_see_queue(request.user):
        raise PermissionDenied
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    appeals = selectors.appeal_queue(
        request.user, status=filters.get("status", ""), kind=filters.get("kind", "")
    )
    if response := list_export(request, exports.QUEUE, appeals):
        return response
    page = Paginator(appeals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "appeals/queue.html",
        {"form": form, "page": page, "total": page.paginator.count},
    )


@staff_required
def detail(request, pk):
    if not access.can_see_queue(request.user):
        raise PermissionDenied
    appeal = get_object_or_404(selectors.appeals_visible_to(request.user), pk=pk)
    can_decide = selectors.can_decide(request.user, appeal)
    form = DecideForm(request.POST or None)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.appeal_decide(
                    actor=request.user,
                    appeal=appeal,
                    uphold=form.cleaned_data["decision"] == "uphold",
                    note=form.cleaned_data["note"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(
                    None, error_text(exc) if isinstance(exc, ValidationError) else str(exc)
                )
            else:
                messages.success(request, _("The appeal has been decided; the member gets an SMS."))
                return redirect("staff:appeal_detail", pk=appeal.pk)
    kind = registry.get(appeal.kind)
    refusal = kind.refusal(appeal.object_id) if kind else None
    return render(
        request,
        "appeals/detail.html",
        {
            "appeal": appeal,
            "events": appeal.events.select_related("actor").order_by("at", "id"),
            "form": form,
            "can_decide": can_decide,
            "is_refuser": appeal.refused_by_id == request.user.pk,
            "refusal": refusal,
        },
    )


@staff_required
def file_for_member(request, kind, object_id):
    """代办: staff file the appeal the member makes at the window (recorded as such)."""
    if not access.can_file_for_members(request.user):
        raise PermissionDenied
    refusal = _refusal_or_404(kind, object_id)
    if not org_selectors.members_visible_to(request.user).filter(pk=refusal.member.pk).exists():
        raise Http404
    existing = selectors.appeal_of(kind, object_id)
    if existing is not None:
        messages.info(request, _("This decision has already been appealed."))
        return redirect("staff:appeal_detail", pk=existing.pk)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.appeal_file(
                actor=request.user,
                kind=kind,
                object_id=object_id,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The appeal has been filed for the member (代办)."))
            return redirect("staff:appeal_detail", pk=appeal.pk)
    return render(request, "appeals/file.html", {"form": form, "refusal": refusal})
