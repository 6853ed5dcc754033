"""The figures page, the parameters staff keep, the import of an old system's files, and the
public notice as a PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.core import exports
from gonghui.core.imports import error_text
from gonghui.core.jobs import import_job_create
from gonghui.hardship import access, forms, selectors
from gonghui.hardship.models import AidLimit, PublicNotice, SubsistenceStandard
from gonghui.hardship.services import importing, parameters
from gonghui.hardship.services.notice_pdf import notice_document_issue
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.forms import ImportForm
from gonghui.orgs.models import FEDERATION_KINDS


@staff_required
def figures(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    data = selectors.figures(request.user, year, today)
    charts = {
        "tiers": [{"name": str(label), "value": n} for label, _value, n in data["by_tier"]],
        "causes": {
            "labels": [str(label) for label, _value, _n in data["by_cause"]],
            "values": [n for _label, _value, n in data["by_cause"]],
        },
    }
    return render(
        request,
        "hardship/figures.html",
        {"figures": data, "charts": charts, "years": range(today.year, today.year - 5, -1)},
    )


@staff_required
def parameter_list(request):
    user = request.user
    areas = org_selectors.orgs_visible_to(user).filter(kind__in=FEDERATION_KINDS)
    ancestors = user.org.ancestor_ids
    standard_form = forms.StandardForm(
        request.POST if "set_standard" in request.POST else None,
        areas=areas,
        initial={"year": timezone.localdate().year, "area": user.org},
    )
    limit_form = forms.LimitForm(request.POST if "set_limit" in request.POST else None, areas=areas)
    if request.method == "POST":
        form = standard_form if "set_standard" in request.POST else limit_form
        if form.is_valid():
            try:
                if form is standard_form:
                    parameters.standard_set(actor=user, **form.cleaned_data)
                else:
                    parameters.aid_limit_set(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("The parameter has been saved."))
                return redirect("staff:hardship_parameters")
    # What applies here: the user's own subtree, and the areas above it.
    visible_or_above = Q(area__in=areas) | Q(area_id__in=ancestors)
    return render(
        request,
        "hardship/parameters.html",
        {
            "standards": SubsistenceStandard.objects.filter(visible_or_above).select_related(
                "area"
            ),
            "limits": AidLimit.objects.filter(visible_or_above | Q(area__isnull=True))
            .select_related("area")
            .order_by("aid_type", "tier", "area__path"),
            "standard_form": standard_form,
            "limit_form": limit_form,
            "can_keep_standards": access.can_keep_standards(user),
            "can_keep_limits": access.can_keep_limits(user),
        },
    )


@staff_required
@require_POST
def notice_pdf(request, pk):
    """The public notice as a PDF to post, with its verification QR (documents app)."""
    notice = get_object_or_404(
        PublicNotice.objects.select_related("file__member__union__parent"),
        pk=pk,
        file__in=selectors.files_in_scope(request.user),
    )
    try:
        document = notice_document_issue(
            actor=request.user, notice=notice, base_url=request.build_absolute_uri("/")
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
        return redirect("staff:hardship_file_detail", pk=notice.file_id)
    return redirect("staff:document_pdf", pk=document.pk)


@staff_required
def file_import(request):
    if not access.can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_job_create(
            actor=request.user, kind="hardship_files", upload=form.cleaned_data["file"]
        )
        return redirect("staff:import_job", pk=job.pk)
    return render(
        request,
        "hardship/import.html",
        {
            "form": form,
            "required": importing.IMPORT_COLUMNS,
            "optional": importing.OPTIONAL_COLUMNS,
        },
    )


@staff_required
def file_import_template(request):
    """An example file with every column, in UTF-8 with BOM so Excel opens it in Chinese."""
    return exports.csv_response(
        importing.IMPORT_COLUMNS + importing.OPTIONAL_COLUMNS,
        [importing.EXAMPLE_ROW],
        "困难职工档案导入模板.csv",
    )
