"""Staff pages of a hardship file: the list, applying on a worker's behalf, the file itself
(every view logged), its household data, and one page per lifecycle step."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.consent.forms import consent_agreement
from gonghui.consent.services import consent_for
from gonghui.core.audit import log_access
from gonghui.core.exports import list_export
from gonghui.core.imports import error_text
from gonghui.core.models import AccessLog
from gonghui.core.search import page_query, search_data
from gonghui.deadlines.calendar import calendar_for_org
from gonghui.hardship import access, exports, forms, publication, selectors
from gonghui.hardship.models import Action, Attachment, FamilyMember, Objection, Status
from gonghui.hardship.services import aid as aid_services
from gonghui.hardship.services import files as services
from gonghui.hardship.services import pairs as pair_services
from gonghui.hardship.workflow import steps_for
from gonghui.orgs import selectors as org_selectors

PAGE_SIZE = 30


def visible_file(request, pk):
    files = selectors.files_visible_to(request.user).select_related(
        "member", "member__union", "member__enterprise"
    )
    return get_object_or_404(files, pk=pk)


def log_file_view(request, file, action=AccessLog.Action.VIEW_HARDSHIP_FILE) -> None:
    log_access(
        request=request, action=action, subject=file, org=file.member.union, label=file.member.name
    )


def render_file_page(request, template, file, context):
    """Every page that shows a file's contents goes through here, so each view is logged."""
    log_file_view(request, file)
    return render(request, template, {"file": file, **context})


@staff_required
def file_list(request):
    data = search_data(request)  # POSTed, like every search box a number may be typed in
    form = forms.FileSearchForm(data or None, unions=org_selectors.unions_visible_to(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    files = selectors.file_search(
        request.user,
        query=filters.get("q", ""),
        status=filters.get("status", ""),
        tier=filters.get("tier", ""),
        union_id=filters["union"].pk if filters.get("union") else None,
        due=filters.get("due", False),
    )
    if response := list_export(request, exports.FILES, files):
        return response
    page = Paginator(files, PAGE_SIZE).get_page(data.get("page"))
    due_before = selectors.review_due_before(timezone.localdate())
    return render(
        request,
        "hardship/file_list.html",
        {
            "form": form,
            "page": page,
            "query": page_query(data, ("q", "status", "tier", "union", "due")),
            "total": page.paginator.count,
            "due_before": due_before,
            "can_keep": access.can_keep_files(request.user),
            "can_import": access.can_import(request.user),
        },
    )


@staff_required
def file_create(request):
    if not access.can_keep_files(request.user):
        raise PermissionDenied
    visible = org_selectors.members_visible_to(request.user)
    # Opened from the member's page (?member=): the worker is known, no ID number to type.
    chosen = (
        get_object_or_404(visible.select_related("union"), pk=request.GET["member"])
        if request.GET.get("member", "").isdigit()
        else None
    )
    form = forms.StaffApplyForm(request.POST or None, request.FILES or None, member=chosen)
    if request.method == "POST" and chosen is None and form.is_valid():
        worker = org_selectors.member_find_by_id_number(form.cleaned_data["id_number"])
        if worker is None or not visible.filter(pk=worker.pk).exists():
            form.add_error("id_number", _("No member of a union you keep has this ID number."))
        else:
            # Found: the worker's agreement to the public notice comes next (代办).
            chosen = worker
            form = forms.StaffApplyForm(request.POST, member=chosen)
            form.is_valid()
            form.errors.pop("consent_agreed", None)
            form.errors.pop("consent_how", None)
            form.errors.pop("consent_note", None)
            messages.info(
                request,
                _(
                    "Read the text to be published to the worker, note how they agreed, "
                    "then file the application."
                ),
            )
    elif request.method == "POST" and form.is_valid():
        worker = chosen
        if worker is not None:
            try:
                file = services.file_apply(
                    actor=request.user,
                    member=worker,
                    attachments=form.cleaned_data["attachments"],
                    consent=consent_agreement(form),
                    **form.household(),
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("The application has been filed."))
                return redirect("staff:hardship_file_detail", pk=file.pk)
    return render(
        request, "hardship/file_form.html", {"form": form, "file": None, "worker": chosen}
    )


@staff_required
def file_detail(request, pk):
    file = visible_file(request, pk)
    user = request.user
    reveal = request.GET.get("reveal") == "1"
    if reveal and not access.can_reveal(user):
        raise PermissionDenied
    if reveal:
        log_file_view(request, file, AccessLog.Action.VIEW_ID_NUMBER)
        if file.bank_card:
            log_file_view(request, file, AccessLog.Action.VIEW_BANK_CARD)
    in_scope = selectors.files_in_scope(user).filter(pk=file.pk).exists()
    year = timezone.localdate().year
    steps = steps_for(status=file.status, role=user.role) if in_scope else []
    blockers = (
        [message for _code, message in selectors.approval_blockers(file, timezone.localdate())]
        if Action.APPROVE in steps
        else []
    )
    return render_file_page(
        request,
        "hardship/file_detail.html",
        file,
        {
            "reveal": reveal,
            "can_reveal": access.can_reveal(user),
            "in_scope": in_scope,
            "can_keep": in_scope and access.can_keep_files(user),
            "can_record_aid": in_scope
            and access.can_record_aid(user)
            and file.status == Status.ACTIVE,
            "steps": [(action, Action(action).label) for action in steps],
            "approval_blockers": blockers,
            "family": file.family.all(),
            "events": file.events.select_related("actor"),
            "decisions": file.decisions.select_related("decided_by"),
            "visits": file.visits.prefetch_related("photos"),
            "notices": file.notices.prefetch_related("objections"),
            "consent": consent_for(publication.SERVICE, file.pk),
            "attachments": file.attachments.filter(visit__isnull=True),
            "aid": file.aid.select_related("campaign", "approved_by"),
            "aid_summary": selectors.aid_summary(file, year),
            "pairs": file.pairs.select_related("cadre", "cadre__org"),
            "year": year,
            "due_for_review": selectors.files_due_for_review(
                selectors.files_in_scope(user).filter(pk=file.pk), timezone.localdate()
            ).exists(),
            "objection_form": forms.ObjectionForm(),
            "attachment_form": forms.AttachmentForm(),
            "pair_form": forms.PairForm(cadres=selectors.cadres_for(user)),
        },
    )


@staff_required
def file_edit(request, pk):
    file = visible_file(request, pk)
    form = forms.HouseholdForm(request.POST or None, instance=file)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_update_household(actor=request.user, file=file, **form.household())
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The household figures have been saved."))
            return redirect("staff:hardship_file_detail", pk=file.pk)
    return render_file_page(request, "hardship/file_form.html", file, {"form": form})


@staff_required
def family_add(request, pk):
    file = visible_file(request, pk)
    form = forms.FamilyMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_member_add(actor=request.user, file=file, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The family member has been added."))
            return redirect("staff:hardship_file_detail", pk=file.pk)
    return render_file_page(request, "hardship/family_form.html", file, {"form": form})


@staff_required
@require_POST
def family_remove(request, pk):
    relative = get_object_or_404(
        FamilyMember.objects.filter(file__in=selectors.files_visible_to(request.user)), pk=pk
    )
    try:
        services.family_member_remove(actor=request.user, relative=relative)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("staff:hardship_file_detail", pk=relative.file_id)


@staff_required
@require_POST
def attachment_add(request, pk):
    file = visible_file(request, pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid() or not form.cleaned_data["uploads"]:
        messages.error(request, _("Choose a kind and at least one file."))
    else:
        try:
            services.attachment_add(
                actor=request.user,
                file=file,
                kind=form.cleaned_data["kind"],
                uploads=form.cleaned_data["uploads"],
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The attachments have been added."))
    return redirect("staff:hardship_file_detail", pk=file.pk)


@staff_required
def attachment(request, pk):
    """Attachments are served here, checked against the file's visibility, never from
    MEDIA_URL; each one opened is logged as a view of the file."""
    item = get_object_or_404(
        Attachment.objects.filter(file__in=selectors.files_visible_to(request.user)).select_related(
            "file__member__union"
        ),
        pk=pk,
    )
    log_file_view(request, item.file)
    try:
        handle = item.upload.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, filename=item.original_name)


# --- lifecycle steps -----------------------------------------------------------------------

STEP_FORMS = {
    Action.UNION_REVIEW: forms.TierDecisionForm,
    Action.RECORD_VISIT: forms.VisitForm,
    Action.TOWN_VERIFY: forms.NoteForm,
    Action.START_NOTICE: forms.NoticeForm,
    Action.APPROVE: forms.ApproveForm,
    Action.RETURN: forms.ReturnForm,
    Action.RESUBMIT: forms.NoteForm,
    Action.REVIEW: forms.RequiredNoteForm,
    Action.CHANGE_TIER: forms.ChangeTierForm,
    Action.CLOSE: forms.CloseForm,
    Action.REOPEN: forms.ReopenForm,
}


@staff_required
def file_step(request, pk, action):
    if action not in STEP_FORMS:
        raise Http404
    file = visible_file(request, pk)
    if action not in steps_for(status=file.status, role=request.user.role):
        messages.error(request, _("This step is not open for this file."))
        return redirect("staff:hardship_file_detail", pk=file.pk)
    initial = {"tier": file.tier or file.suggested_tier}
    if action == Action.START_NOTICE:
        initial["ends_on"] = forms.notice_end(calendar_for_org(file.member.union))
    form = STEP_FORMS[action](request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_take_step(
                actor=request.user, file=file, action=action, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(
                request,
                _("Done: %(step)s. The file is now “%(status)s”.")
                % {"step": Action(action).label, "status": file.get_status_display()},
            )
            return redirect("staff:hardship_file_detail", pk=file.pk)
    notice = file.notices.prefetch_related("objections").first()
    return render_file_page(
        request,
        "hardship/file_step.html",
        file,
        {
            "form": form,
            "action": action,
            "step_label": Action(action).label,
            "notice": notice,
            "shows_suggestion": action in {Action.UNION_REVIEW, Action.APPROVE, Action.CHANGE_TIER},
        },
    )


@staff_required
@require_POST
def objection_add(request, pk):
    file = visible_file(request, pk)
    form = forms.ObjectionForm(request.POST)
    if form.is_valid():
        try:
            services.objection_record(actor=request.user, file=file, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The objection has been recorded."))
    else:
        messages.error(request, _("Give the date and the content of the objection."))
    return redirect("staff:hardship_file_detail", pk=file.pk)


@staff_required
@require_POST
def objection_resolve(request, pk):
    objection = get_object_or_404(
        Objection.objects.filter(notice__file__in=selectors.files_visible_to(request.user)),
        pk=pk,
    )
    form = forms.ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.objection_resolve(
                actor=request.user,
                objection=objection,
                resolution=form.cleaned_data["resolution"],
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The objection is marked resolved."))
    else:
        messages.error(request, _("Say how the objection was resolved."))
    return redirect("staff:hardship_file_detail", pk=objection.notice.file_id)


@staff_required
def aid_add(request, pk):
    file = visible_file(request, pk)
    form = forms.AidForm(request.POST or None)
    over_limit = None
    if request.method == "POST" and form.is_valid():
        try:
            aid_services.aid_record_create(actor=request.user, file=file, **form.cleaned_data)
        except aid_services.OverLimit as exc:
            over_limit = exc
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The aid has been recorded."))
            return redirect("staff:hardship_file_detail", pk=file.pk)
    year = timezone.localdate().year
    return render_file_page(
        request,
        "hardship/aid_form.html",
        file,
        {"form": form, "over_limit": over_limit, "aid_summary": selectors.aid_summary(file, year)},
    )


@staff_required
@require_POST
def pair_add(request, pk):
    file = visible_file(request, pk)
    form = forms.PairForm(request.POST, cadres=selectors.cadres_for(request.user))
    if form.is_valid():
        try:
            pair_services.pair_create(actor=request.user, file=file, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The cadre has been paired with the worker."))
    else:
        messages.error(request, _("Choose a cadre."))
    return redirect("staff:hardship_file_detail", pk=file.pk)
