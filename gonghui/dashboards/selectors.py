"""The county dashboard (数据驾驶舱): figures, charts and tables computed from the records of
the user's subtree, through each app's own selectors. A chart's every bar or slice carries
the link to the list behind it; every table can be exported."""

import functools
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gonghui.claims import selectors as claim_selectors
from gonghui.claims.models import GRANTED_STATUSES, ClaimStatus
from gonghui.core import registry, switches
from gonghui.core.money import percent
from gonghui.hardship import selectors as hardship_selectors
from gonghui.hardship.models import Status as FileStatus
from gonghui.medinsure import selectors as medinsure_selectors
from gonghui.medinsure.models import NoticeStatus
from gonghui.mutual_aid import selectors as mutual_aid_selectors
from gonghui.mutual_aid.models import PLAN_SHORT_LABELS, Period, Plan
from gonghui.mutual_aid.selectors import EnrollmentCounts
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


def enrollment_section(user, period: Period | None, counts: EnrollmentCounts) -> Section:
    section = Section(key="enrollment", title=_("Mutual-aid enrollment"))
    if period is None:
        section.not_built = _("No mutual-aid period is visible to you yet.")
        return section
    figures = mutual_aid_selectors.period_figures(user, period, counts)
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
    history = list(reversed(mutual_aid_selectors.person_times_by_period(user, counts)))
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
    figures = hardship_selectors.summary_figures(user, year)
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


def claims_section(user, period: Period | None, counts: EnrollmentCounts) -> Section:
    """Payouts by plan and month, loss ratio by period and plan, turnaround, claims by state."""
    figures = claim_selectors.claim_figures(user, period=period, breakdowns=False)
    section = Section(
        key="claims",
        title=_("Claims and payouts · %(period)s") % {"period": period}
        if period
        else _("Claims and payouts"),
    )
    to_approval, to_payment = figures.to_approval, figures.to_payment
    section.figures = [
        Figure(_("Paid person-times"), figures.paid_count),
        Figure(_("Paid amount"), figures.paid_amount, _("yuan")),
        Figure(
            _("Submission to approval (median)"),
            "—" if to_approval.median_hours is None else to_approval.median_hours,
            _("hours") if to_approval.median_hours is not None else "",
            _("%(share)s%% within 2 days") % {"share": to_approval.within_promise}
            if to_approval.within_promise is not None
            else "",
        ),
        Figure(
            _("Approval to payment (median)"),
            "—" if to_payment.median_hours is None else to_payment.median_hours,
            _("hours") if to_payment.median_hours is not None else "",
            _("%(share)s%% within 2 days") % {"share": to_payment.within_promise}
            if to_payment.within_promise is not None
            else "",
        ),
    ]
    queue = "staff:claims_queue"
    states = figures.by_status
    section.charts.append(
        Chart(
            key="claims_by_status",
            title=_("Claims by state"),
            kind="bar",
            categories=[row.label for row in states],
            series=[{"name": _("Claims"), "data": [row.count for row in states]}],
            links=[
                _url(queue, status=status.value)
                for status in ClaimStatus
                if status != ClaimStatus.DRAFT
            ],
            unit=_("claims"),
        )
    )
    lines = granted_lines(user)
    months, by_plan_month = claim_payouts_by_plan_and_month(lines)
    section.charts.append(
        Chart(
            key="payouts_by_month",
            title=_("Payouts by plan and month of payment"),
            kind="bar",
            categories=months,
            series=[
                {"name": str(PLAN_SHORT_LABELS[plan]), "data": by_plan_month[plan]} for plan in Plan
            ],
            links=[_url(queue, status=ClaimStatus.PAID) for _month in months],
            unit=_("yuan"),
        )
    )
    section.tables.append(
        Table(
            key="loss_ratio",
            title=_("Loss ratio by period and plan (payouts ÷ contributions)"),
            columns=[
                _("Period"),
                _("Plan"),
                _("Contributions due"),
                _("Granted"),
                _("Loss ratio (%)"),
            ],
            rows=loss_ratios(user, lines, counts),
        )
    )
    return section


@dataclass(frozen=True)
class GrantedLines:
    """Granted claims' current computation lines, summed by the claim's period, state, month
    of payment and line code: what the payouts chart and the loss ratios both read."""

    rows: list[tuple[int | None, str, object, str, Decimal]]


def granted_lines(user) -> GrantedLines:
    """One pass over the user's granted claims (scoping claims by their members' unions is
    what costs at county scale), from the claims through their current computation to its
    lines, so that a town's few thousand claims use the lines' index."""
    granted = claim_selectors.claims_visible_to(user).filter(status__in=GRANTED_STATUSES)
    rows = (
        granted.annotate(month=TruncMonth("paid_at", tzinfo=timezone.get_current_timezone()))
        .values_list("period_id", "status", "month", "computation__lines__code")
        .annotate(total=Sum("computation__lines__amount"))
        .order_by()
    )
    # The outer join gives a claim without computation lines one empty row: it adds nothing.
    return GrantedLines([row for row in rows if row[3] is not None])


def claim_payouts_by_plan_and_month(
    lines: GrantedLines,
) -> tuple[list[str], dict[str, list[Decimal]]]:
    """Paid claims' lines summed by plan and by the month they were paid."""
    sums: dict[tuple[str, str], Decimal] = {}
    for _period_id, status, month, code, total in lines.rows:
        if status != ClaimStatus.PAID:
            continue
        key = (f"{month:%Y-%m}", code.split(".")[0])
        sums[key] = sums.get(key, Decimal(0)) + total
    months = sorted({month for month, _plan in sums})
    return months, {
        plan: [sums.get((month, plan), Decimal(0)) for month in months] for plan in Plan
    }


def loss_ratios(user, lines: GrantedLines, counts: EnrollmentCounts) -> list[list]:
    """Per period and plan: contributions due (enrollments × contribution), what claims were
    granted from that plan, and the ratio. The fund stays solvent while it is under 100%.
    `counts` are the user's enrollments of every visible period; the ratios count those of
    grassroots unions."""
    unions = set(org_selectors.unions_visible_to(user).values_list("pk", flat=True))
    enrolled = counts.by_period_and_plan(unions)
    paid: dict[tuple[int, str], Decimal] = {}
    for period_id, _status, _month, code, total in lines.rows:
        key = (period_id, code.split(".")[0])
        paid[key] = paid.get(key, Decimal(0)) + total
    rows = []
    for period in counts.periods:
        for plan, contribution in mutual_aid_selectors.contributions_of(period).items():
            due = contribution * enrolled.get((period.pk, plan), 0)
            rows.append(
                [
                    str(period),
                    str(PLAN_SHORT_LABELS[plan]),
                    due,
                    paid.get((period.pk, plan), Decimal(0)),
                    percent(paid.get((period.pk, plan), 0), due),
                ]
            )
    return rows


def benefits_found_section(user) -> Section:
    """C3, the measure of 零次跑: benefits found in the bureau's records and told to members."""
    figures = medinsure_selectors.benefit_figures(user)
    section = Section(key="benefits_found", title=_("Benefits found in the medical-insurance data"))
    section.figures = [
        Figure(
            _("Settlement records matched"),
            figures.matched,
            note=_("of %(n)s records; %(rate)s%% matched")
            % {
                "n": figures.records,
                "rate": figures.match_rate if figures.match_rate is not None else "—",
            },
        ),
        Figure(
            _("Benefits found"),
            figures.found_count,
            note=_("%(amount)s yuan") % {"amount": f"{figures.found_amount:,}"},
        ),
        Figure(
            _("Confirmed by members"),
            figures.confirmed_count,
            note=_("%(rate)s%% confirmed; %(n)s waiting")
            % {
                "rate": figures.confirmation_rate if figures.confirmation_rate is not None else "—",
                "n": figures.pending_count,
            },
        ),
        Figure(
            _("Discharge to notice (median)"),
            "—" if figures.median_days_to_notice is None else figures.median_days_to_notice,
            _("days") if figures.median_days_to_notice is not None else "",
        ),
        Figure(
            _("Discharge to confirmation (median)"),
            "—"
            if figures.median_days_to_confirmation is None
            else figures.median_days_to_confirmation,
            _("days") if figures.median_days_to_confirmation is not None else "",
        ),
        Figure(
            _("Told before asking (found ÷ owed)"),
            "—" if figures.found_rate is None else figures.found_rate,
            "%" if figures.found_rate is not None else "",
            _("%(found)s of %(owed)s benefits owed; %(hand)s filed by hand")
            % {
                "found": figures.found_count,
                "owed": figures.owed_count,
                "hand": figures.filed_by_hand_count,
            },
        ),
        Figure(
            _("Discharge to money (median)"),
            "—" if figures.median_days_to_payment is None else figures.median_days_to_payment,
            _("days") if figures.median_days_to_payment is not None else "",
            _("%(n)s claims made from records, %(straight)s approved without a reviewer")
            % {"n": figures.record_claims, "straight": figures.straight_through},
        ),
    ]
    statuses = [
        (NoticeStatus.PENDING, figures.pending_count),
        (NoticeStatus.CONFIRMED, figures.confirmed_count),
        (NoticeStatus.MERGED, figures.merged_count),
        (NoticeStatus.CANCELLED, figures.cancelled_count),
        (NoticeStatus.EXPIRED, figures.expired_count),
    ]
    section.charts.append(
        Chart(
            key="notices_by_status",
            title=_("Benefit notices by state"),
            kind="pie",
            categories=[str(status.label) for status, _n in statuses],
            series=[{"name": _("Notices"), "data": [n for _status, n in statuses]}],
            links=[_url("staff:medinsure_notices", status=status.value) for status, _n in statuses],
        )
    )
    section.tables.append(
        Table(
            key="recoveries",
            title=_("Recoveries (追回)"),
            columns=[_("State"), _("Cases"), _("Amount (yuan)")],
            rows=[
                [row["label"], row["count"], row["amount"]] for row in figures.recoveries.values()
            ],
            links=[_url("staff:medinsure_recoveries", status=key) for key in figures.recoveries],
        )
    )
    return section


# The section that holds each exportable table: an export builds only that section.
TABLE_SECTIONS = {
    "large_enterprises": "coverage",
    "enrollment_by_union": "enrollment",
    "loss_ratio": "claims",
    "recoveries": "benefits_found",
    "aid_by_type": "hardship",
    "campaigns": "hardship",
}


def dashboard(
    user, *, period: Period | None = None, year: int | None = None, only: str | None = None
) -> list[Section]:
    """Every section, or with `only` the section of that key alone."""
    year = year or timezone.localdate().year
    if period is None:
        period = mutual_aid_selectors.periods_visible_to(user).order_by("-start").first()
    # Counted once for the enrollment and claims sections, and only when one is built.
    counts = functools.cache(lambda: mutual_aid_selectors.enrollment_counts(user))
    builders = {
        "coverage": lambda: coverage_section(user),
        "enrollment": lambda: enrollment_section(user, period, counts()),
        "claims": lambda: claims_section(user, period, counts()),
        "benefits_found": lambda: benefits_found_section(user),
        "hardship": lambda: hardship_section(user, year),
    }
    for service in registry.optional_services():
        if service.dashboard_section and switches.service_open_to(user, service.key):
            builders[service.key] = functools.partial(service.dashboard_section, user, year)
    return [build() for key, build in builders.items() if only in (None, key)]


def _section_of_table(key: str) -> str | None:
    if key in TABLE_SECTIONS:
        return TABLE_SECTIONS[key]
    return next(
        (
            service.key
            for service in registry.optional_services()
            if service.dashboard_section and key.startswith(f"{service.key}_")
        ),
        None,
    )


def find_table(user, key: str, *, period: Period | None, year: int) -> Table | None:
    section_key = _section_of_table(key)
    if section_key is None:
        return None
    sections = dashboard(user, period=period, year=year, only=section_key)
    return next(
        (table for section in sections for table in section.tables if table.key == key), None
    )
