"""Staff pages of the medical-insurance link (/staff/medinsure/): the upload with its preview
and column mapping, records, notices, recoveries, figures and the bureau's API keys. Views
parse, call a service or a selector, render."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.core.audit import log_access
from gonghui.core.imports import error_text
from gonghui.core.jobs import import_job_create
from gonghui.core.models import AccessLog
from gonghui.core.search import page_query, search_data
from gonghui.core.tabular import FileFormatError, Limits, open_table
from gonghui.medinsure import access, handoff, previews, selectors, services
from gonghui.medinsure.forms import (
    ApiKeyForm,
    LinkSettingsForm,
    MappingForm,
    NoticeFilterForm,
    PreviewMappingForm,
    RecordFilterForm,
    RecoveryCloseForm,
    UploadForm,
)
from gonghui.medinsure.models import FIELD_LABELS, RecoveryStatus

PAGE_SIZE = 50
PREVIEW_ROWS = 5
UPLOAD_SALT = "medinsure-upload"


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _importable(request):
    """The federations whose files this user may import."""
    federations = selectors.federations_run_by(request.user)
    return federations.filter(
        pk__in=[f.pk for f in federations if access.can_import(request.user, f)]
    )


@staff_required
def home(request):
    return render(
        request,
        "medinsure/home.html",
        {
            "figures": selectors.benefit_figures(request.user),
            "imports": selectors.imports_visible_to(request.user).select_related(
                "created_by", "api_key"
            )[:10],
            "can_import": access.can_import_somewhere(request.user),
        },
    )


# --- upload, preview, mapping --------------------------------------------------------------


def _preview(stored_name: str) -> tuple[list[str], list[list[str]]]:
    with previews.preview_open(stored_name) as handle:
        names, rows = open_table(handle, [], limits=Limits.feed())
        sample = []
        for _number, cells in rows:
            sample.append(["" if cell is None else str(cell) for cell in cells])
            if len(sample) >= PREVIEW_ROWS:
                break
    return names, sample


@staff_required
def upload(request):
    """Step 1: choose the file. Step 2 (preview): the first rows and the columns each field
    reads, from the federation's saved mapping; confirming starts the background import and
    goes to its progress page."""
    federations = _importable(request)
    _require(federations.exists())
    if request.method == "POST" and request.POST.get("token"):
        return _confirm(request, federations)
    form = UploadForm(request.POST or None, request.FILES or None, federations=federations)
    if request.method == "POST" and form.is_valid():
        federation = form.cleaned_data["federation"]
        upload_file = form.cleaned_data["file"]
        stored = previews.preview_save(upload_file)
        try:
            headers, sample = _preview(stored)
        except FileFormatError as exc:
            previews.preview_delete(stored)
            form.add_error("file", str(exc))
        else:
            token = signing.dumps(
                {"name": stored, "original": upload_file.name, "federation": federation.pk},
                salt=UPLOAD_SALT,
            )
            mapping_form = PreviewMappingForm(
                headers=headers,
                mapping=selectors.column_mapping_for(federation),
                can_save=access.can_configure(request.user, federation),
            )
            return _render_preview(
                request, federation, token, headers, sample, mapping_form, upload_file.name
            )
    return render(request, "medinsure/upload.html", {"form": form})


def _render_preview(request, federation, token, headers, sample, mapping_form, original):
    return render(
        request,
        "medinsure/upload_preview.html",
        {
            "federation": federation,
            "token": token,
            "headers": headers,
            "sample": sample,
            "mapping_form": mapping_form,
            "original": original,
        },
    )


def _confirm(request, federations):
    try:
        data = signing.loads(request.POST["token"], salt=UPLOAD_SALT, max_age=3600)
    except signing.BadSignature as exc:
        raise PermissionDenied from exc
    federation = get_object_or_404(federations, pk=data["federation"])
    if not previews.preview_exists(data["name"]):
        messages.error(request, _("The uploaded file has expired; please upload it again."))
        return redirect("staff:medinsure_upload")
    headers, sample = _preview(data["name"])
    can_save = access.can_configure(request.user, federation)
    form = PreviewMappingForm(
        request.POST,
        headers=headers,
        mapping=selectors.column_mapping_for(federation),
        can_save=can_save,
    )
    if not form.is_valid():
        return _render_preview(
            request, federation, request.POST["token"], headers, sample, form, data["original"]
        )
    mapping = form.mapping()
    if can_save and form.cleaned_data.get("remember"):
        try:
            services.column_mapping_save(actor=request.user, federation=federation, mapping=mapping)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
            return _render_preview(
                request, federation, request.POST["token"], headers, sample, form, data["original"]
            )
    with previews.preview_open(data["name"]) as handle:
        job = import_job_create(
            actor=request.user,
            kind="settlements",
            upload=File(handle, name=data["original"]),
            options={
                "federation": federation.pk,
                "mapping": {name: header for name, header in mapping.items() if header},
            },
        )
    previews.preview_delete(data["name"])
    return redirect("staff:import_job", pk=job.pk)


def _configurable_federations(request) -> list:
    """The federations whose data link this user configures; 403 when none."""
    federations = [
        f
        for f in selectors.federations_run_by(request.user)
        if access.can_configure(request.user, f)
    ]
    _require(bool(federations))
    return federations


@staff_required
def mapping(request):
    federations = _configurable_federations(request)
    federation = next(
        (f for f in federations if str(f.pk) == request.GET.get("federation")), federations[0]
    )
    form = MappingForm(request.POST or None, mapping=selectors.column_mapping_for(federation))
    if request.method == "POST" and form.is_valid():
        try:
            services.column_mapping_save(
                actor=request.user, federation=federation, mapping=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The column mapping has been saved."))
            return redirect("staff:medinsure_mapping")
    return render(
        request,
        "medinsure/mapping.html",
        {"form": form, "federation": federation, "federations": federations},
    )


@staff_required
def link_settings(request):
    federations = _configurable_federations(request)
    federation = federations[0]
    current = handoff.straight_through_up_to(federation.pk)
    form = LinkSettingsForm(request.POST or None, initial={"straight_through_up_to": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.link_settings_save(
                actor=request.user,
                federation=federation,
                straight_through_up_to=form.cleaned_data["straight_through_up_to"],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("staff:medinsure_settings")
    return render(
        request,
        "medinsure/settings.html",
        {"form": form, "federation": federation, "current": current},
    )


# --- records and notices -------------------------------------------------------------------


def _filters(request, form_class, names):
    """Searches are POSTed so that a full ID number never lands in a URL; pagination links
    carry the other filters."""
    data = search_data(request)
    form = form_class(data or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, filters, data, page_query(data, names)


@staff_required
def records(request):
    form, filters, data, query = _filters(
        request, RecordFilterForm, ("q", "matched", "kind", "category")
    )
    found = selectors.record_search(
        request.user,
        query=filters.get("q", ""),
        matched=filters.get("matched", ""),
        kind=filters.get("kind", ""),
        category=filters.get("category", ""),
    )
    page = Paginator(found, PAGE_SIZE).get_page(data.get("page"))
    return render(request, "medinsure/records.html", {"form": form, "page": page, "query": query})


@staff_required
def record_detail(request, pk):
    record = get_object_or_404(
        selectors.records_visible_to(request.user).select_related(
            "member__union", "period", "batch", "federation"
        ),
        pk=pk,
    )
    wants = request.GET.get("reveal") == "1"
    reveal = wants and access.can_read_diagnosis(request.user)
    if wants and not reveal:
        raise PermissionDenied
    if reveal:
        org = record.member.union if record.member else record.federation
        label = f"{record.name} {record.serial}"
        log_access(
            request=request,
            action=AccessLog.Action.VIEW_ID_NUMBER,
            subject=record,
            org=org,
            label=label,
        )
        if record.diagnosis:
            log_access(
                request=request,
                action=AccessLog.Action.VIEW_DIAGNOSIS,
                subject=record,
                org=org,
                label=label,
            )
    related = (
        selectors.reversed_record(record)
        if record.kind == "reversal"
        else selectors.reversal_of(record)
    )
    if (
        related is not None
        and not selectors.records_visible_to(request.user).filter(pk=related.pk).exists()
    ):
        related = None
    notice = getattr(record, "notice", None)
    if (
        notice is not None
        and not selectors.notices_visible_to(request.user).filter(pk=notice.pk).exists()
    ):
        notice = None
    return render(
        request,
        "medinsure/record_detail.html",
        {
            "record": record,
            "reveal": reveal,
            "can_reveal": access.can_read_diagnosis(request.user),
            "related": related,
            "notice": notice,
        },
    )


@staff_required
def notices(request):
    form, filters, data, query = _filters(request, NoticeFilterForm, ("q", "status", "kind"))
    found = selectors.notice_search(
        request.user,
        query=filters.get("q", ""),
        status=filters.get("status", ""),
        kind=filters.get("kind", ""),
    )
    page = Paginator(found, PAGE_SIZE).get_page(data.get("page"))
    return render(request, "medinsure/notices.html", {"form": form, "page": page, "query": query})


@staff_required
def notice_detail(request, pk):
    notice = get_object_or_404(
        selectors.notices_visible_to(request.user).select_related(
            "member__union", "record", "period", "confirmed_by"
        ),
        pk=pk,
    )
    return render(
        request,
        "medinsure/notice_detail.html",
        {
            "notice": notice,
            "lines": selectors.notice_line_items(notice),
            "refusals": selectors.notice_refusals(notice),
            "events": notice.events.select_related("actor"),
            "recovery": getattr(notice, "recovery", None),
        },
    )


# --- recoveries ----------------------------------------------------------------------------


@staff_required
def recoveries(request):
    found = selectors.recoveries_visible_to(request.user).select_related(
        "member__union", "notice__record", "reversal", "closed_by"
    )
    status = request.GET.get("status", RecoveryStatus.OPEN)
    if status in RecoveryStatus.values:
        found = found.filter(status=status)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "medinsure/recoveries.html",
        {
            "page": page,
            "status": status,
            "statuses": RecoveryStatus.choices,
            "can_close": access.can_close_recoveries(request.user),
            "form": RecoveryCloseForm(),
            "query": f"status={status}",
        },
    )


@staff_required
@require_POST
def recovery_close(request, pk):
    recovery = get_object_or_404(selectors.recoveries_visible_to(request.user), pk=pk)
    _require(access.can_close_recoveries(request.user))
    form = RecoveryCloseForm(request.POST)
    if form.is_valid():
        try:
            services.recovery_close(
                actor=request.user,
                recovery=recovery,
                to=form.cleaned_data["to"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The recovery has been closed."))
    return redirect("staff:medinsure_recoveries")


# --- figures -------------------------------------------------------------------------------


@staff_required
def figures(request):
    return render(
        request, "medinsure/figures.html", {"figures": selectors.benefit_figures(request.user)}
    )


# --- the bureau's API keys -----------------------------------------------------------------


@staff_required
def api_keys(request):
    federations = _configurable_federations(request)
    federation = federations[0]
    form = ApiKeyForm(request.POST or None)
    new_key = None
    if request.method == "POST" and request.POST.get("revoke"):
        key = get_object_or_404(
            selectors.api_keys_visible_to(request.user), pk=request.POST["revoke"]
        )
        services.api_key_revoke(actor=request.user, api_key=key)
        messages.success(request, _("The key has been revoked."))
        return redirect("staff:medinsure_api_keys")
    if request.method == "POST" and form.is_valid():
        try:
            _key, new_key = services.api_key_create(
                actor=request.user, federation=federation, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            form = ApiKeyForm()
    return render(
        request,
        "medinsure/api_keys.html",
        {
            "form": form,
            "keys": selectors.api_keys_visible_to(request.user),
            "new_key": new_key,
            "federation": federation,
            "fields": list(FIELD_LABELS.items()),
        },
    )
