"""Staff pages of the mutual-aid scheme: periods and their configuration, enrollment,
payments, figures and the benefit calculator. Views parse, call a service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.core import exports
from gonghui.core.exports import list_export
from gonghui.core.imports import error_text
from gonghui.core.jobs import import_job_create
from gonghui.core.money import fmt_yuan
from gonghui.core.search import page_query, search_data
from gonghui.mutual_aid import access, quotes, selectors, services
from gonghui.mutual_aid import exports as lists
from gonghui.mutual_aid.forms import (
    ContributionsForm,
    DiseaseForm,
    EnrollmentImportForm,
    EnrollmentSearchForm,
    ParametersForm,
    PaymentForm,
    PeriodCreateForm,
    PeriodEditForm,
    RosterForm,
    StaffQuoteForm,
    TargetsForm,
    TransitionForm,
)
from gonghui.mutual_aid.models import (
    ENROLLABLE_STATUSES,
    PERIOD_TRANSITIONS,
    PLAN_SHORT_LABELS,
    Disease,
    DiseaseCategory,
    Payment,
    PeriodStatus,
    Plan,
)
from gonghui.mutual_aid.services.enrollment import ENROLLMENT_FILE_COLUMNS
from gonghui.orgs.models import OrgKind
from gonghui.orgs.selectors import members_visible_to, orgs_visible_to

PAGE_SIZE = 50


def _period(request, pk):
    return get_object_or_404(selectors.periods_visible_to(request.user), pk=pk)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@staff_required
def home(request):
    periods = list(selectors.periods_visible_to(request.user).order_by("-start"))
    current = next((p for p in periods if p.status in ENROLLABLE_STATUSES), None)
    figures = selectors.period_figures(request.user, current) if current else None
    return render(
        request,
        "mutual_aid/home.html",
        {
            "periods": periods,
            "current": current,
            "figures": figures,
            "can_configure": access.can_configure(request.user),
            "can_enroll": access.can_enroll(request.user),
        },
    )


# --- periods and their configuration -------------------------------------------------------


@staff_required
def period_create(request):
    _require(access.can_configure(request.user))
    federations = orgs_visible_to(request.user).filter(kind=OrgKind.FEDERATION)
    federation = federations.filter(pk=request.GET.get("federation") or 0).first()
    federation = federation or federations.first()
    if federation is None:
        raise Http404
    form = PeriodCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            scheme = services.scheme_create(actor=request.user, federation=federation)
            period = services.period_create(
                actor=request.user,
                scheme=scheme,
                code=data["code"],
                start=data["start"],
                end=data["end"],
                plans=form.plans(),
                enrollment_opens=data["enrollment_opens"],
                enrollment_closes=data["enrollment_closes"],
                min_share=data["min_share"],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The period has been created as a draft."))
            return redirect("staff:mutual_aid_period", pk=period.pk)
    return render(
        request, "mutual_aid/period_create.html", {"form": form, "federation": federation}
    )


@staff_required
def period_detail(request, pk):
    period = _period(request, pk)
    can_configure = access.can_configure(request.user)
    current = selectors.parameter_set_current(period)
    offers = list(period.plans.all())
    contributions = ContributionsForm(initial={offer.plan: offer.contribution for offer in offers})
    figures = selectors.period_figures(request.user, period)
    return render(
        request,
        "mutual_aid/period_detail.html",
        {
            "period": period,
            "offers": offers,
            "plan_rows": [
                (contributions[plan], figures.total.by_plan.get(plan, 0)) for plan in Plan.values
            ],
            "contributions_open": any(not figures.total.by_plan.get(plan) for plan in Plan.values),
            "parameters": current,
            "parameter_history": period.parameter_sets.all(),
            "events": period.events.select_related("actor"),
            "next_statuses": [PeriodStatus(s) for s in PERIOD_TRANSITIONS[period.status]],
            "disease_counts": {
                category.label: period.diseases.filter(category=category).count()
                for category in DiseaseCategory
            },
            "figures": figures,
            "can_configure": can_configure,
            "can_enroll": access.can_enroll(request.user),
            "can_record_payments": access.can_record_payments(request.user),
            "enrollable": period.status in ENROLLABLE_STATUSES,
        },
    )


@staff_required
def period_edit(request, pk):
    period = _period(request, pk)
    _require(access.can_configure(request.user))
    initial = {name: getattr(period, name) for name in PeriodEditForm.base_fields}
    form = PeriodEditForm(request.POST or None, initial=initial)
    if period.status != PeriodStatus.DRAFT:
        form.fields["start"].disabled = form.fields["end"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.period_update(actor=request.user, period=period, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The period has been saved."))
            return redirect("staff:mutual_aid_period", pk=period.pk)
    return render(request, "mutual_aid/period_edit.html", {"form": form, "period": period})


@staff_required
@require_POST
def period_transition(request, pk):
    period = _period(request, pk)
    _require(access.can_configure(request.user))
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.period_transition(
                actor=request.user,
                period=period,
                to=form.cleaned_data["to"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(
                request,
                _("The period is now “%(status)s”.") % {"status": period.get_status_display()},
            )
    return redirect("staff:mutual_aid_period", pk=period.pk)


@staff_required
@require_POST
def contributions(request, pk):
    period = _period(request, pk)
    _require(access.can_configure(request.user))
    form = ContributionsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Contributions are amounts in yuan."))
        return redirect("staff:mutual_aid_period", pk=period.pk)
    try:
        for plan in Plan.values:
            if form.cleaned_data[plan] is not None:
                services.plan_offer_save(
                    actor=request.user,
                    period=period,
                    plan=plan,
                    contribution=form.cleaned_data[plan],
                )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The contributions have been saved."))
    return redirect("staff:mutual_aid_period", pk=period.pk)


@staff_required
def parameters(request, pk):
    period = _period(request, pk)
    current = selectors.parameter_set_current(period)
    can_edit = access.can_configure(request.user)
    form = ParametersForm(request.POST or None, values=current.values)
    if request.method == "POST":
        _require(can_edit)
        if form.is_valid():
            try:
                saved = services.parameters_update(
                    actor=request.user,
                    period=period,
                    values=form.values(),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(
                    request,
                    _("Parameters saved as version %(version)d.") % {"version": saved.version},
                )
                return redirect("staff:mutual_aid_parameters", pk=period.pk)
    return render(
        request,
        "mutual_aid/parameters.html",
        {
            "period": period,
            "form": form,
            "current": current,
            "history": period.parameter_sets.select_related("created_by"),
            "can_edit": can_edit,
        },
    )


@staff_required
def diseases(request, pk):
    period = _period(request, pk)
    can_edit = access.can_configure(request.user)
    form = DiseaseForm(request.POST or None)
    if request.method == "POST":
        _require(can_edit)
        if form.is_valid():
            try:
                services.disease_save(
                    actor=request.user,
                    period=period,
                    **{**form.cleaned_data, "position": form.cleaned_data["position"] or 0},
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("The disease has been added."))
                return redirect("staff:mutual_aid_diseases", pk=period.pk)
    lists = [
        (category, period.diseases.filter(category=category.value)) for category in DiseaseCategory
    ]
    return render(
        request,
        "mutual_aid/diseases.html",
        {"period": period, "lists": lists, "form": form, "can_edit": can_edit},
    )


@staff_required
def disease_edit(request, pk, disease_pk):
    period = _period(request, pk)
    _require(access.can_configure(request.user))
    disease = get_object_or_404(Disease, pk=disease_pk, period=period)
    if request.method == "POST" and request.POST.get("delete"):
        services.disease_delete(actor=request.user, disease=disease)
        messages.success(request, _("%(name)s has been removed.") % {"name": disease.name})
        return redirect("staff:mutual_aid_diseases", pk=period.pk)
    form = DiseaseForm(
        request.POST or None,
        initial={
            "category": disease.category,
            "name": disease.name,
            "icd10": disease.icd10,
            "note": disease.note,
            "position": disease.position,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.disease_save(
                actor=request.user,
                period=period,
                disease=disease,
                **{**form.cleaned_data, "position": form.cleaned_data["position"] or 0},
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The disease has been saved."))
            return redirect("staff:mutual_aid_diseases", pk=period.pk)
    return render(
        request,
        "mutual_aid/disease_edit.html",
        {"period": period, "disease": disease, "form": form},
    )


@staff_required
def targets(request, pk):
    period = _period(request, pk)
    _require(access.can_configure(request.user))
    unions = selectors.unions_of_scheme_visible_to(request.user, period).order_by("path")
    form = TargetsForm(
        request.POST or None,
        unions=unions,
        targets=dict(period.targets.values_list("union_id", "target")),
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = services.targets_set(actor=request.user, period=period, targets=form.targets())
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("%(count)d targets saved.") % {"count": count})
            return redirect("staff:mutual_aid_figures_period", pk=period.pk)
    return render(request, "mutual_aid/targets.html", {"period": period, "form": form})


# --- enrollment ----------------------------------------------------------------------------


@staff_required
def enrollments(request, pk):
    period = _period(request, pk)
    unions = selectors.unions_of_scheme_visible_to(request.user, period)
    data = search_data(request)  # POSTed: the search may be by ID number
    form = EnrollmentSearchForm(data or None, unions=unions)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.enrollment_search(
        request.user,
        period=period,
        query=filters.get("q", ""),
        union_id=filters["union"].pk if filters.get("union") else None,
        plan=filters.get("plan", ""),
        status=filters.get("status", ""),
    )
    if response := list_export(request, lists.ENROLLMENTS, found):
        return response
    page = Paginator(found, PAGE_SIZE).get_page(data.get("page"))
    return render(
        request,
        "mutual_aid/enrollments.html",
        {
            "period": period,
            "form": form,
            "page": page,
            "query": page_query(data, ("q", "union", "plan", "status")),
            "total": page.paginator.count,
            "can_enroll": access.can_enroll(request.user) and period.status in ENROLLABLE_STATUSES,
        },
    )


@staff_required
def enroll(request, pk):
    """Pick members from a union's roster and enroll them in the plans ticked."""
    period = _period(request, pk)
    _require(access.can_enroll(request.user))
    unions = selectors.unions_of_scheme_visible_to(request.user, period).order_by("path")
    union_param = request.GET.get("union") or request.POST.get("union")
    union = get_object_or_404(unions, pk=union_param) if union_param else unions.first()
    lines = selectors.roster(request.user, period=period, union=union) if union else []
    today = timezone.localdate()
    default_date = min(max(today, period.enrollment_opens), period.enrollment_closes, period.end)
    form = RosterForm(
        request.POST or None,
        plans=[offer.plan for offer in period.plans.all()],
        members=members_visible_to(request.user).filter(union=union),
        initial={
            "enrolled_on": default_date,
            "plans": [offer.plan for offer in period.plans.all()],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.enrollment_create(
                actor=request.user,
                period=period,
                members=list(form.cleaned_data["members"].select_related("union")),
                plans=form.cleaned_data["plans"],
                enrolled_on=form.cleaned_data["enrolled_on"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(
                request,
                _(
                    "%(created)d enrollments added. Skipped: %(already)d already enrolled, "
                    "%(not_applicable)d women-only plans for men."
                )
                % outcome.__dict__,
            )
            return redirect(f"{request.path}?union={union.pk}")
    figures = selectors.period_figures(request.user, period)
    union_figures = next(
        (row for row in figures.unions if union and row.union.pk == union.pk), None
    )
    return render(
        request,
        "mutual_aid/enroll.html",
        {
            "period": period,
            "unions": unions,
            "union": union,
            "lines": lines,
            "form": form,
            "union_figures": union_figures,
            "enrollable": period.status in ENROLLABLE_STATUSES,
        },
    )


@staff_required
def enrollment_import(request, pk):
    """The file is imported in the background; the job page shows progress and outcome."""
    period = _period(request, pk)
    _require(access.can_enroll(request.user))
    can_pay = access.can_record_payments(request.user)
    form = EnrollmentImportForm(request.POST or None, request.FILES or None)
    if not can_pay:
        del form.fields["paid"]
    if request.method == "POST" and form.is_valid():
        job = import_job_create(
            actor=request.user,
            kind="enrollment",
            upload=form.cleaned_data["file"],
            options={
                "period": period.pk,
                "paid": can_pay and form.cleaned_data.get("paid", False),
                "skip_bad_rows": form.cleaned_data["skip_bad_rows"],
            },
        )
        return redirect("staff:import_job", pk=job.pk)
    return render(request, "mutual_aid/import.html", {"period": period, "form": form})


@staff_required
def enrollment_import_template(request, pk):
    """A CSV a clerk can fill in Excel: the header and one example row."""
    period = _period(request, pk)
    union = selectors.unions_of_scheme_visible_to(request.user, period).order_by("path").first()
    example = [
        union.code if union else "",
        "张三",
        "",
        "13800000000",
        "住院、重大疾病",
        period.enrollment_opens.isoformat(),
        "否",
        "是",
        "否",
    ]
    return exports.csv_response(ENROLLMENT_FILE_COLUMNS, [example], "参保导入模板.csv")


@staff_required
def payments(request, pk):
    period = _period(request, pk)
    can_record = access.can_record_payments(request.user)
    figures = selectors.period_figures(request.user, period)
    form = PaymentForm(
        request.POST or None,
        unions=selectors.unions_of_scheme_visible_to(request.user, period),
        initial={"paid_on": timezone.localdate()},
    )
    if request.method == "POST":
        _require(can_record)
        if form.is_valid():
            try:
                payment = services.payment_record(
                    actor=request.user, period=period, **form.cleaned_data
                )
            except ValidationError as exc:
                messages.error(request, error_text(exc))
            else:
                messages.success(
                    request,
                    _(
                        "Payment of %(amount)s yuan by %(union)s recorded; its enrollments are now effective."
                    )
                    % {"amount": fmt_yuan(payment.amount), "union": payment.union.name},
                )
                return redirect("staff:mutual_aid_payments", pk=period.pk)
        else:
            messages.error(request, _("Please check the amount and the date."))
    history = Payment.objects.filter(
        period=period, union__in=selectors.unions_of_scheme_visible_to(request.user, period)
    ).select_related("union", "recorded_by")
    rows = sorted(figures.unions, key=lambda row: (not row.outstanding, row.union.path))
    for spec, found in ((lists.DUES, [row for row in rows if row.due]), (lists.PAYMENTS, history)):
        if response := list_export(request, spec, found):
            return response
    return render(
        request,
        "mutual_aid/payments.html",
        {
            "period": period,
            "figures": figures,
            "rows": rows,
            "history": history,
            "can_record": can_record,
            "today": timezone.localdate(),
        },
    )


# --- figures and the calculator ------------------------------------------------------------


@staff_required
def figures(request, pk=None):
    periods = selectors.periods_visible_to(request.user).order_by("-start")
    period = get_object_or_404(periods, pk=pk) if pk else periods.first()
    return render(
        request,
        "mutual_aid/figures.html",
        {
            "by_period": selectors.person_times_by_period(request.user),
            "plans": list(PLAN_SHORT_LABELS.items()),
            "period": period,
            "figures": selectors.period_figures(request.user, period) if period else None,
            "can_configure": access.can_configure(request.user),
        },
    )


@staff_required
def quote(request):
    members = members_visible_to(request.user)
    periods = selectors.periods_visible_to(request.user).order_by("-start")
    data = request.POST if request.method == "POST" else None
    initial = {"member": request.GET.get("member"), "period": periods.first()}
    form = StaffQuoteForm(data, members=members, periods=periods, initial=initial)
    result = None
    member_param = request.GET.get("member", "")
    chosen = members.filter(pk=member_param).first() if member_param.isdigit() else None
    if data is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if data["member"] is not None:
                chosen = data["member"]
                result = quotes.quote_for_member(
                    member=chosen, event=data["event"], filed_on=timezone.localdate()
                )
            else:
                result = quotes.quote_for_facts(
                    period=data["period"],
                    gender=data["gender"],
                    basic_medical_insurance=data["basic_medical_insurance"],
                    maternity_insurance=data["maternity_insurance"],
                    plans=data["plans"],
                    enrolled_on=data["enrolled_on"],
                    renewal=data["renewal"],
                    event=data["event"],
                    filed_on=timezone.localdate(),
                )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
    return render(
        request,
        "mutual_aid/quote.html",
        {"form": form, "quote": result, "chosen": chosen},
    )
