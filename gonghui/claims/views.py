"""Staff pages: the review workbench (queue, claim page with the documents beside the
computation), filing at a service window, payout batches, figures and the SMS texts.
Views parse, call a service, render."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.accounts.models import User
from gonghui.claims import access, selectors, services, sms
from gonghui.claims import exports as claim_exports
from gonghui.claims.files import serve_material
from gonghui.claims.forms import (
    ApproveForm,
    CorrectionForm,
    LineFailForm,
    MemberLookupForm,
    QueueFilterForm,
    RejectForm,
    ReturnForm,
    SmsTemplateForm,
    StaffFactsForm,
)
from gonghui.claims.models import (
    EDITABLE_STATUSES,
    REVIEW_STATUSES,
    ClaimStatus,
    EventType,
    LineStatus,
    MaterialKind,
    SmsKind,
)
from gonghui.claims.portal_views import add_materials, detail_context, facts_page, sign_page
from gonghui.core import exports
from gonghui.core.audit import log_access
from gonghui.core.exports import list_export
from gonghui.core.imports import error_text
from gonghui.core.models import AccessLog
from gonghui.core.money import fmt_yuan
from gonghui.core.search import page_query, search_data
from gonghui.mutual_aid.selectors import periods_visible_to
from gonghui.orgs.selectors import member_search, unions_visible_to

PAGE_SIZE = 50
LOG_WINDOW = datetime.timedelta(minutes=10)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _claim(request, pk):
    return get_object_or_404(selectors.claims_visible_to(request.user), pk=pk)


def _log_view(request, claim) -> None:
    """One access-log row per person and claim every few minutes: the claim page and the
    documents it shows are one look at the diagnosis, not one per photo."""
    recent = AccessLog.objects.filter(
        user=request.user,
        action=AccessLog.Action.VIEW_DIAGNOSIS,
        subject_type=claim._meta.label_lower,
        subject_id=str(claim.pk),
        at__gte=timezone.now() - LOG_WINDOW,
    )
    if recent.exists():
        return
    log_access(
        request=request,
        action=AccessLog.Action.VIEW_DIAGNOSIS,
        subject=claim,
        org=claim.member.union,
        label=f"{claim.reference} {claim.member.name}",
    )


@staff_required
def queue(request):
    """The search is POSTed (it may be an ID number, never in a URL); the filters also come by
    GET, from the dashboard's drill-down links and the pagination links."""
    user = request.user
    data = search_data(request)
    form = QueueFilterForm(
        data or None,
        unions=unions_visible_to(user).order_by("path"),
        reviewers=User.objects.filter(
            role__in=access.REVIEWERS, org__path__startswith=user.org.path
        ).order_by("username"),
    )
    claims = selectors.claim_queue(user, **form.filters())
    if response := list_export(request, claim_exports.QUEUE, claims):
        return response
    page = Paginator(claims, PAGE_SIZE).get_page(data.get("page"))
    return render(
        request,
        "claims/staff/queue.html",
        {
            "form": form,
            "page": page,
            "now": timezone.now(),
            "query": page_query(data, QueueFilterForm.base_fields),
            "can_file": access.can_file_for_members(user),
        },
    )


@staff_required
def detail(request, pk):
    _require(access.can_open_claims(request.user))
    claim = _claim(request, pk)
    _log_view(request, claim)
    context = detail_context(claim)
    user = request.user
    can_review = access.can_review(user) and claim.filed_by_id != user.pk
    context.update(
        {
            "can_review": can_review and claim.status in REVIEW_STATUSES,
            "second": claim.status == ClaimStatus.AWAITING_SECOND_APPROVAL,
            "own_first_approval": claim.first_approver_id == user.pk,
            "can_file": access.can_file_for_members(user) and claim.status in EDITABLE_STATUSES,
            "corrections": claim.corrections.select_related("actor"),
            "findings": claim.computation.findings.all() if claim.computation else [],
            "duplicates": selectors.duplicate_claims(claim),
            "threshold": services.second_approval_threshold(),
            "approve_form": ApproveForm(),
            "correct_form": CorrectionForm(),
            "reject_form": RejectForm(),
            "return_form": ReturnForm(initial={"materials": selectors.missing_materials(claim)}),
            "payout_lines": claim.payout_lines.select_related("batch"),
        }
    )
    return render(request, "claims/staff/detail.html", context)


@staff_required
def material_file(request, pk, material_pk):
    _require(access.can_open_claims(request.user))
    claim = _claim(request, pk)
    material = get_object_or_404(claim.materials, pk=material_pk)
    _log_view(request, claim)
    return serve_material(material)


@staff_required
def application_form(request, pk):
    _require(access.can_open_claims(request.user))
    claim = _claim(request, pk)
    signature = get_object_or_404(claim.materials, kind=MaterialKind.APPLICATION_FORM)
    return render(
        request,
        "claims/application_form.html",
        {
            "claim": claim,
            "signature": signature,
            "signature_url": "staff:claims_file",
            "back_url": "staff:claims_detail",
        },
    )


def _act(request, pk, action) -> HttpResponse:
    """Run one review decision; a refusal is shown on the claim page."""
    claim = _claim(request, pk)
    try:
        message = action(claim)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
    else:
        messages.success(request, message)
    return redirect("staff:claims_detail", pk=claim.pk)


@staff_required
@require_POST
def approve(request, pk):
    form = ApproveForm(request.POST)
    form.is_valid()

    def action(claim):
        services.claim_approve(
            actor=request.user, claim=claim, note=form.cleaned_data.get("note", "")
        )
        if claim.status == ClaimStatus.AWAITING_SECOND_APPROVAL:
            return _("Approved; above the threshold, a second reviewer must confirm it.")
        return _("Approved: %(amount)s yuan. The member has been sent an SMS.") % {
            "amount": fmt_yuan(claim.amount)
        }

    return _act(request, pk, action)


@staff_required
@require_POST
def reject(request, pk):
    form = RejectForm(request.POST)

    def action(claim):
        if not form.is_valid():
            raise ValidationError(_("Choose the reason."))
        services.claim_reject(actor=request.user, claim=claim, **form.cleaned_data)
        return _("Rejected. The member has been sent an SMS with the reason.")

    return _act(request, pk, action)


@staff_required
@require_POST
def return_(request, pk):
    form = ReturnForm(request.POST)

    def action(claim):
        if not form.is_valid():
            raise ValidationError(_("Say which material is needed."))
        services.claim_return(actor=request.user, claim=claim, **form.cleaned_data)
        return _("Returned to the member, who has been sent an SMS saying what is missing.")

    return _act(request, pk, action)


@staff_required
@require_POST
def correct(request, pk):
    form = CorrectionForm(request.POST)

    def action(claim):
        if not form.is_valid():
            raise ValidationError(_("Choose the input, the correct value and the reason."))
        services.claim_correct(actor=request.user, claim=claim, **form.cleaned_data)
        return _("Corrected and recomputed: %(amount)s yuan.") % {"amount": fmt_yuan(claim.amount)}

    return _act(request, pk, action)


# --- filing at a service window ------------------------------------------------------------


@staff_required
def file_start(request):
    _require(access.can_file_for_members(request.user))
    # POSTed: the lookup is often by ID number, which must not land in a URL.
    data = search_data(request, ("query",))
    form = MemberLookupForm(data if data.get("query") else None)
    found = []
    if form.is_valid():
        found = list(member_search(request.user, query=form.cleaned_data["query"])[:20])
    return render(
        request,
        "claims/staff/file_start.html",
        {"form": form, "found": found, "types": EventType.choices},
    )


@staff_required
def file_create(request, member_pk, event_type):
    _require(access.can_file_for_members(request.user))
    member = get_object_or_404(member_search(request.user), pk=member_pk)
    return facts_page(
        request,
        event_type=event_type,
        template="claims/staff/facts.html",
        flow={
            "form_class": StaffFactsForm,
            "member": member,
            "url": "staff:claims_materials",
            "context": {"member": member, "event_label": dict(EventType.choices).get(event_type)},
        },
    )


def _editable(request, pk):
    _require(access.can_file_for_members(request.user))
    claim = _claim(request, pk)
    if claim.status not in EDITABLE_STATUSES:
        raise PermissionDenied
    return claim


@staff_required
def file_edit(request, pk):
    claim = _editable(request, pk)
    return facts_page(
        request,
        claim=claim,
        template="claims/staff/facts.html",
        flow={
            "form_class": StaffFactsForm,
            "url": "staff:claims_materials",
            "context": {"member": claim.member, "event_label": claim.get_event_type_display()},
        },
    )


@staff_required
def file_materials(request, pk):
    claim = _editable(request, pk)
    if request.method == "POST":
        if request.POST.get("remove"):
            material = get_object_or_404(claim.materials, pk=request.POST["remove"])
            services.material_remove(actor=request.user, claim=claim, material=material)
        else:
            add_materials(request, claim)
        return redirect("staff:claims_materials", pk=claim.pk)
    return render(
        request,
        "claims/staff/materials.html",
        {
            "claim": claim,
            "slots": [
                s
                for s in selectors.material_slots(claim)
                if s["kind"] != MaterialKind.APPLICATION_FORM
            ],
            "request_event": selectors.open_request(claim),
        },
    )


@staff_required
def file_sign(request, pk):
    claim = _editable(request, pk)
    return sign_page(
        request, claim, template="claims/staff/sign.html", done_url="staff:claims_detail"
    )


@staff_required
@require_POST
def file_submit(request, pk):
    claim = _editable(request, pk)
    try:
        services.claim_submit(actor=request.user, claim=claim)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The claim has been sent for review."))
    return redirect("staff:claims_detail", pk=claim.pk)


# --- payouts -------------------------------------------------------------------------------


@staff_required
def payouts(request):
    _require(access.can_pay(request.user))
    if request.method == "POST":
        ids = [int(pk) for pk in request.POST.getlist("claims") if pk.isdigit()]
        try:
            batch = services.payout_batch_create(actor=request.user, claim_ids=ids or None)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(
                request, _("Payout batch %(batch)s has been built.") % {"batch": batch.reference}
            )
            return redirect("staff:claims_batch", pk=batch.pk)
        return redirect("staff:claims_payouts")
    waiting = selectors.payout_queue(request.user)
    batches = selectors.batches_visible_to(request.user).select_related("created_by")
    for spec, rows in ((claim_exports.WAITING, waiting), (claim_exports.BATCHES, batches)):
        if response := list_export(request, spec, rows):
            return response
    return render(
        request,
        "claims/staff/payouts.html",
        {"waiting": waiting, "batches": batches[:50]},
    )


def _batch(request, pk):
    _require(access.can_pay(request.user))
    return get_object_or_404(selectors.batches_visible_to(request.user), pk=pk)


@staff_required
def batch(request, pk):
    payout_batch = _batch(request, pk)
    return render(
        request,
        "claims/staff/batch.html",
        {
            "batch": payout_batch,
            "lines": payout_batch.lines.select_related("claim__member__union", "decided_by"),
            "fail_form": LineFailForm(),
            "LineStatus": LineStatus,
        },
    )


@staff_required
def batch_export(request, pk):
    payout_batch = _batch(request, pk)
    try:
        content = services.payout_batch_export(actor=request.user, batch=payout_batch)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("staff:claims_batch", pk=payout_batch.pk)
    label = _("Bank transfer file %(batch)s") % {"batch": payout_batch.reference}
    return exports.xlsx_response(
        content,
        f"{label}.xlsx",
        request=request,
        logged=exports.Logged(payout_batch, payout_batch.federation, label),
    )


@staff_required
@require_POST
def batch_paid(request, pk):
    payout_batch = _batch(request, pk)
    try:
        paid = services.payout_batch_mark_paid(actor=request.user, batch=payout_batch)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("%(n)d claim(s) marked paid; the members have been sent an SMS.") % {"n": paid},
        )
    return redirect("staff:claims_batch", pk=payout_batch.pk)


@staff_required
@require_POST
def line_failed(request, pk, line_pk):
    payout_batch = _batch(request, pk)
    line = get_object_or_404(payout_batch.lines, pk=line_pk)
    form = LineFailForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the bank's reason."))
        services.payout_line_fail(actor=request.user, line=line, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("%(claim)s marked failed; it is back in the payout queue.")
            % {"claim": line.claim.reference},
        )
    return redirect("staff:claims_batch", pk=payout_batch.pk)


# --- figures and SMS texts -----------------------------------------------------------------


@staff_required
def figures(request):
    periods = list(periods_visible_to(request.user).order_by("-start"))
    period = next((p for p in periods if str(p.pk) == request.GET.get("period")), None)
    return render(
        request,
        "claims/staff/figures.html",
        {
            "figures": selectors.claim_figures(request.user, period=period),
            "periods": periods,
            "period": period,
        },
    )


@staff_required
def sms_templates(request):
    """Staff read and type the placeholders by their Chinese names; each text is shown with
    a preview of what a phone receives. A refused text stays in its box with the reason."""
    _require(access.can_edit_templates(request.user))
    texts = {kind: sms.for_staff(text) for kind, text in selectors.sms_template_texts().items()}
    refused = ""
    if request.method == "POST":
        form = SmsTemplateForm(request.POST)
        if form.is_valid():
            try:
                services.sms_template_save(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                refused = form.cleaned_data["kind"]
                texts[refused] = form.cleaned_data["text"]
                messages.error(request, error_text(exc))
            else:
                messages.success(request, _("The SMS text has been saved."))
                return redirect("staff:claims_sms_templates")
    saved = selectors.sms_template_texts()
    rows = [
        {
            "kind": kind,
            "form": SmsTemplateForm(initial={"kind": kind.value, "text": texts[kind.value]}),
            "default": sms.for_staff(str(sms.DEFAULT_TEXTS[kind])),
            "preview": sms.preview(saved[kind.value]),
            "refused": refused == kind.value,
        }
        for kind in SmsKind
    ]
    return render(
        request,
        "claims/staff/sms_templates.html",
        {
            "rows": rows,
            "placeholders": [
                (sms.PLACEHOLDER_NAMES[code], meaning) for code, meaning in sms.PLACEHOLDERS.items()
            ],
            "signature": f"【{settings.SMS_SIGNATURE}】",
        },
    )
