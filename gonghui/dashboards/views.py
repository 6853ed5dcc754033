import io
from decimal import Decimal

import xlsxwriter
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gonghui.accounts.decorators import staff_required
from gonghui.dashboards import articles, selectors
from gonghui.mutual_aid.selectors import periods_visible_to

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
        },
    )


@staff_required
def export_table(request, key):
    period, _periods = _period(request)
    sections = selectors.dashboard(request.user, period=period, year=_year(request))
    table = selectors.find_table(sections, key)
    if table is None:
        raise Http404
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(table.title[:31])
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, table.columns, bold)
    money = workbook.add_format({"num_format": "#,##0.00"})
    for number, row in enumerate(table.rows, start=1):
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, Decimal):
                # Excel keeps numbers as doubles; amounts to the fen survive the trip.
                sheet.write_number(number, column, float(value), money)
            elif isinstance(value, int):
                sheet.write_number(number, column, value)
            else:
                sheet.write_string(number, column, str(value))
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, len(table.columns), 14)
    workbook.close()
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{table.key}.xlsx"
    return response


@staff_required
def article_figures(request):
    year = _year(request)
    return render(
        request,
        "dashboards/articles.html",
        {"figures": articles.article_figures(request.user, year), "year": year},
    )
