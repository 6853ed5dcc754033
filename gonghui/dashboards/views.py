from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.decorators import staff_required
from gonghui.core import exports
from gonghui.core.imports import error_text
from gonghui.dashboards import articles, reform, selectors
from gonghui.dashboards.forms import AdoptForm, DraftCreateForm, DraftParametersForm
from gonghui.mutual_aid.selectors import periods_visible_to


def _period(request):
    periods = periods_visible_to(request.user).order_by("-start")
    chosen = request.GET.get("period")
    period = periods.filter(pk=chosen).first() if chosen and chosen.isdigit() else None
    return period or periods.first(), periods


def _year(request) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


@staff_required
def dashboard(request):
    period, periods = _period(request)
    year = _year(request)
    sections = selectors.dashboard(request.user, period=period, year=year)
    charts = {chart.key: chart.as_json() for section in sections for chart in section.charts}
    return render(
        request,
        "dashboards/dashboard.html",
        {
            "sections": sections,
            "charts": charts,
            "period": period,
            "periods": periods,
            "year": year,
            "now": timezone.localtime(),
            "can_simulate": reform.can_simulate(request.user),
        },
    )


@staff_required
def export_table(request, key):
    period, _periods = _period(request)
    table = selectors.find_table(request.user, key, period=period, year=_year(request))
    if table is None:
        raise Http404
    columns = [
        exports.Column(label, 36 if index == 0 else 14) for index, label in enumerate(table.columns)
    ]
    content = exports.table_xlsx(table.title, columns, table.rows)
    return exports.xlsx_response(content, f"{table.title}.xlsx")


@staff_required
def article_figures(request):
    year = _year(request)
    return render(
        request,
        "dashboards/articles.html",
        {"figures": articles.article_figures(request.user, year), "year": year},
    )


@staff_required
def reform_list(request):
    if not reform.can_simulate(request.user):
        raise PermissionDenied
    periods = periods_visible_to(request.user).order_by("-start")
    form = DraftCreateForm(
        request.POST or None, periods=periods, initial={"period": periods.first()}
    )
    if request.method == "POST" and form.is_valid():
        draft = reform.reform_draft_create(
            actor=request.user, period=form.cleaned_data["period"], name=form.cleaned_data["name"]
        )
        return redirect("staff:dashboard_reform", pk=draft.pk)
    drafts = reform.drafts_visible_to(request.user)
    return render(request, "dashboards/reform_list.html", {"form": form, "drafts": drafts})


@staff_required
def reform_detail(request, pk):
    if not reform.can_simulate(request.user):
        raise PermissionDenied
    draft = get_object_or_404(reform.drafts_visible_to(request.user), pk=pk)
    periods = periods_visible_to(request.user).filter(scheme=draft.period.scheme)
    parameters_form = DraftParametersForm(
        request.POST if "save" in request.POST else None, values=draft.values
    )
    adopt_form = AdoptForm(request.POST if "adopt" in request.POST else None, periods=periods)
    if request.method == "POST":
        try:
            if "save" in request.POST and parameters_form.is_valid():
                reform.reform_draft_update(
                    actor=request.user, draft=draft, values=parameters_form.cleaned_data
                )
                messages.success(request, _("The draft has been saved and simulated again."))
                return redirect("staff:dashboard_reform", pk=draft.pk)
            if "adopt" in request.POST and adopt_form.is_valid():
                reform.reform_draft_adopt(
                    actor=request.user,
                    draft=draft,
                    period=adopt_form.cleaned_data["period"],
                    reason=adopt_form.cleaned_data["reason"],
                )
                messages.success(request, _("The draft's parameters have been adopted."))
                return redirect("staff:dashboard_reform", pk=draft.pk)
        except ValidationError as exc:
            target = parameters_form if "save" in request.POST else adopt_form
            target.add_error(None, error_text(exc))
    simulation = reform.reform_simulate(user=request.user, draft=draft)
    return render(
        request,
        "dashboards/reform_detail.html",
        {
            "draft": draft,
            "simulation": simulation,
            "parameters_form": parameters_form,
            "adopt_form": adopt_form,
        },
    )
