"""The county dashboard (数据驾驶舱): figures, charts and tables computed from the records of
the user's subtree, through each app's own selectors. A chart's every bar or slice carries
the link to the list behind it; every table can be exported."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gonghui.hardship import selectors as hardship_selectors
from gonghui.hardship.models import Status as FileStatus
from gonghui.mutual_aid import selectors as mutual_aid_selectors
from gonghui.mutual_aid.models import Period
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.models import OrgKind

CHART_BARS = 15  # more bars than this are unreadable; the table below a chart has them all


@dataclass
class Figure:
    label: str
    value: object
    unit: str = ""
    note: str = ""


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # bar | pie | line
    categories: list[str]
    series: list[dict]
    links: list[str | None] = field(default_factory=list)
    unit: str = ""

    def as_json(self) -> dict:
        return {
            "title": self.title,
            "kind": self.kind,
            "categories": self.categories,
            "series": [
                {"name": s["name"], "data": [_plain(v) for v in s["data"]]} for s in self.series
            ],
            "links": self.links,
            "unit": self.unit,
        }


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list]
    links: list[str | None] = field(default_factory=list)

    @property
    def linked_rows(self) -> list[tuple[list, str | None]]:
        return list(zip(self.rows, self.links or [None] * len(self.rows), strict=True))


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    not_built: str = ""


def _plain(value):
    """Chart data goes to ECharts as JSON numbers: a Decimal becomes a float only here, for
    drawing; tables and exports keep the Decimal."""
    return float(value) if isinstance(value, Decimal) else value


def _url(name: str, *args, **query) -> str:
    url = reverse(name, args=args)
    query = {key: value for key, value in query.items() if value not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


def coverage_section(user) -> Section:
    figures = org_selectors.coverage_figures(user)
    kinds = [OrgKind.TOWN, OrgKind.STREET, OrgKind.INDUSTRY, OrgKind.SINGLE, OrgKind.JOINT]
    counts = dict(figures["unions_by_kind"])
    rate = figures["membership_rate"]
    section = Section(key="coverage", title=_("Union coverage"))
    section.figures = [
        Figure(_("Grassroots unions"), figures["grassroots_unions"]),
        Figure(
            _("Enterprises covered by a union"),
            figures["enterprises_covered"],
            note=_("of %(n)s registered") % {"n": figures["enterprises"]},
        ),
        Figure(_("Members"), figures["members"]),
        Figure(
            _("Membership rate"),
            "—" if rate is None else rate,
            "%" if rate is not None else "",
            _("goal %(goal)s%%") % {"goal": figures["membership_goal"]},
        ),
    ]
    section.charts = [
        Chart(
            key="unions_by_kind",
            title=_("Unions by kind"),
            kind="bar",
            categories=[str(kind.label) for kind in kinds],
            series=[{"name": _("Unions"), "data": [counts.get(kind.label, 0) for kind in kinds]}],
            links=[_url("staff:org_list") for _kind in kinds],
        )
    ]
    rows, links = [], []
    for minimum, key in ((100, "at_least_100"), (25, "at_least_25")):
        entry = figures[key]
        rows.append(
            [
                _("%(n)s staff or more") % {"n": minimum},
                entry["total"],
                entry["with_union"],
                entry["without_union"],
                entry["rate"],
            ]
        )
        links.append(_url("staff:enterprise_list", min_staff=minimum, covered="no"))
    section.tables = [
        Table(
            key="large_enterprises",
            title=_("Large enterprises with a union"),
            columns=[_("Size"), _("Enterprises"), _("With a union"), _("Without"), _("Rate (%)")],
            rows=rows,
            links=links,
        )
    ]
    return section


def enrollment_section(user, period: Period | None) -> Section:
    section = Section(key="enrollment", title=_("Mutual-aid enrollment"))
    if period is None:
        section.not_built = _("No mutual-aid period is visible to you yet.")
        return section
    figures = mutual_aid_selectors.period_figures(user, period)
    total = figures.total
    section.title = _("Mutual-aid enrollment · %(period)s") % {"period": period}
    section.figures = [
        Figure(_("Persons enrolled"), total.persons),
        Figure(_("Person-times"), total.person_times),
        Figure(
            _("Completion of target"),
            "—" if total.completion is None else total.completion,
            "%" if total.completion is not None else "",
            _("target %(n)s") % {"n": total.target or 0},
        ),
        Figure(_("Contributions due"), total.due, _("yuan")),
        Figure(_("Contributions paid"), total.paid, _("yuan")),
    ]
    unions = sorted(figures.unions, key=lambda row: -row.persons)
    charted = unions[:CHART_BARS]
    enrollments_url = "staff:mutual_aid_enrollments"
    section.charts.append(
        Chart(
            key="enrollment_by_union",
            title=_("Persons enrolled and target, the %(n)s largest unions") % {"n": len(charted)},
            kind="bar",
            categories=[row.union.name for row in charted],
            series=[
                {"name": _("Enrolled"), "data": [row.persons for row in charted]},
                {"name": _("Target"), "data": [row.target or 0 for row in charted]},
            ],
            links=[_url(enrollments_url, period.pk, union=row.union.pk) for row in charted],
        )
    )
    history = list(reversed(mutual_aid_selectors.person_times_by_period(user)))
    section.charts.append(
        Chart(
            key="person_times_by_period",
            title=_("Enrolled person-times by period"),
            kind="line",
            categories=[str(row["period"]) for row in history],
            series=[{"name": _("Person-times"), "data": [row["total"] for row in history]}],
            links=[_url(enrollments_url, row["period"].pk) for row in history],
        )
    )
    section.tables.append(
        Table(
            key="enrollment_by_union",
            title=_("Enrollment by union"),
            columns=[
                _("Union"),
                _("Persons enrolled"),
                _("Person-times"),
                _("Target"),
                _("Completion (%)"),
                _("Contributions due"),
                _("Contributions paid"),
                _("Below the minimum share"),
            ],
            rows=[
                [
                    row.union.name,
                    row.persons,
                    row.person_times,
                    row.target,
                    row.completion,
                    row.due,
                    row.paid,
                    _("Yes") if row.below_min else "",
                ]
                for row in unions
            ],
            links=[_url(enrollments_url, period.pk, union=row.union.pk) for row in unions],
        )
    )
    return section


def hardship_section(user, year: int) -> Section:
    figures = hardship_selectors.figures(user, year)
    section = Section(key="hardship", title=_("Hardship files and aid · %(year)s") % {"year": year})
    section.figures = [
        Figure(_("Active files"), figures["active"]),
        Figure(_("New this year"), figures["new"]),
        Figure(_("Closed this year"), figures["closed"]),
        Figure(_("Fallen back this year"), figures["fallen_back"]),
        Figure(_("Overdue for yearly review"), figures["due_for_review"]),
    ]
    file_list = "staff:hardship_file_list"
    section.charts.append(
        Chart(
            key="files_by_tier",
            title=_("Active files by tier"),
            kind="pie",
            categories=[str(label) for label, _value, _n in figures["by_tier"]],
            series=[{"name": _("Files"), "data": [n for _l, _v, n in figures["by_tier"]]}],
            links=[
                _url(file_list, tier=value, status=FileStatus.ACTIVE)
                for _l, value, _n in figures["by_tier"]
            ],
        )
    )
    campaigns = figures["campaigns"]
    section.charts.append(
        Chart(
            key="campaigns",
            title=_("Campaigns: spent against budget"),
            kind="bar",
            categories=[row["campaign"].name for row in campaigns],
            series=[
                {"name": _("Budget"), "data": [row["campaign"].budget for row in campaigns]},
                {"name": _("Spent"), "data": [row["spent"] for row in campaigns]},
            ],
            links=[
                reverse("staff:hardship_campaign_detail", args=[row["campaign"].pk])
                for row in campaigns
            ],
            unit=_("yuan"),
        )
    )
    section.tables.append(
        Table(
            key="aid_by_type",
            title=_("Aid by type"),
            columns=[_("Type"), _("Records"), _("Households"), _("Cash (yuan)"), _("Goods (yuan)")],
            rows=[
                [row["label"], row["n"], row["households"], row["cash"], row["goods"]]
                for row in figures["aid_by_type"]
            ],
        )
    )
    section.tables.append(
        Table(
            key="campaigns",
            title=_("Campaigns"),
            columns=[_("Campaign"), _("Recipients"), _("Budget"), _("Spent"), _("Spent (%)")],
            rows=[
                [
                    row["campaign"].name,
                    row["recipients"],
                    row["campaign"].budget,
                    row["spent"],
                    row["spent_percent"],
                ]
                for row in campaigns
            ],
            links=[
                reverse("staff:hardship_campaign_detail", args=[row["campaign"].pk])
                for row in campaigns
            ],
        )
    )
    return section


def not_built_section(key: str, title: str) -> Section:
    return Section(
        key=key,
        title=title,
        not_built=_("Not built yet: this part of the dashboard appears when its records exist."),
    )


def dashboard(user, *, period: Period | None = None, year: int | None = None) -> list[Section]:
    year = year or timezone.localdate().year
    if period is None:
        period = mutual_aid_selectors.periods_visible_to(user).order_by("-start").first()
    return [
        coverage_section(user),
        enrollment_section(user, period),
        not_built_section("claims", _("Claims and payouts")),
        not_built_section("benefits_found", _("Benefits found in the medical-insurance data")),
        hardship_section(user, year),
    ]


def find_table(sections: list[Section], key: str) -> Table | None:
    return next(
        (table for section in sections for table in section.tables if table.key == key), None
    )
