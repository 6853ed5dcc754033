"""The collective-contracts section of the staff dashboard: contracts in force by kind and
level, the renewal rate, coverage (enterprises and workers), filing punctuality and the
campaign funnel, scoped to the user's subtree, at the end of the year (today in this year)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.contracts import selectors
from gonghui.contracts.models import Level
from gonghui.dashboards.selectors import Figure, Section, Table


def _day(year: int) -> datetime.date:
    today = timezone.localdate()
    return today if year == today.year else datetime.date(year, 12, 31)


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"


def section(user, year) -> Section:
    on = _day(year)
    contracts = selectors.contracts_visible_to(user)
    cover = selectors.coverage_for(user, on)
    totals = cover["totals"]
    renewal = selectors.renewal_rate(contracts, year)
    filing = selectors.filing_punctuality(contracts, year)
    seed = selectors.seed_figures(contracts, on)
    funnel = [
        row
        for campaign in selectors.campaigns_visible_to(user).filter(year=year)
        for row in selectors.campaign_report(campaign, selectors.targets_visible_to(user))
    ]
    total = funnel[-1] if funnel else {}
    return Section(
        key="contracts",
        title=pgettext("contracts", "Collective contracts"),
        figures=[
            Figure(_("Special wage contracts of single-union enterprises"), seed["wage_contracts"]),
            Figure(pgettext("contracts", "Renewal rate"), _pct(renewal["rate"])),
            Figure(pgettext("contracts", "Workers covered"), totals["workers"]),
            Figure(_("Coverage of unionised enterprises"), _pct(totals["rate_unionised"])),
            Figure(_("Coverage of enterprises with 25 staff or more"), _pct(totals["rate_big"])),
            Figure(_("Filed within 10 days"), _pct(filing["rate"])),
            Figure(_("Requests to bargain sent"), total.get("sent", 0)),
        ],
        tables=[
            Table(
                "contracts_in_force",
                _("Contracts in force by kind and level"),
                [
                    pgettext("contracts", "Kind"),
                    *[label for _v, label in Level.choices],
                    pgettext("contracts", "Total"),
                ],  # fmt: skip
                [
                    [row["kind"], *[row[level] for level in Level.values], row["total"]]
                    for row in selectors.in_force_by_kind_and_level(contracts, on)
                ],
            ),
            Table(
                "contracts_coverage_by_town",
                pgettext("contracts", "Coverage by town"),
                [
                    pgettext("contracts", "Town"),
                    pgettext("contracts", "Unionised enterprises"),
                    pgettext("contracts", "Covered"),
                    pgettext("contracts", "Workers covered"),
                    _("Coverage of unionised enterprises"),
                ],
                [
                    [
                        r["name"],
                        r["unionised"],
                        r["covered_unionised"],
                        r["workers"],
                        _pct(r["rate_unionised"]),
                    ]  # fmt: skip
                    for r in cover["by_town"]
                ],
            ),
            Table(
                "contracts_coverage_by_industry",
                pgettext("contracts", "Coverage by industry"),
                [
                    pgettext("contracts", "Industry"),
                    pgettext("contracts", "Covered"),
                    pgettext("contracts", "Workers covered"),
                ],
                [[r["name"], r["covered"], r["workers"]] for r in cover["by_industry"]],
            ),
        ],
    )
