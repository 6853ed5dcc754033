"""The craftsman section of the staff dashboard: applications, scores and the selected against
the quota by town and by industry, for the schemes of the year, scoped to the user's subtree."""

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.craftsman import selectors
from gonghui.dashboards.selectors import Figure, Section, Table


def section(user, year) -> Section:
    rows = selectors.applications_visible_to(user).filter(scheme__year=year)
    selected = Q(rank__selected=True)
    totals = rows.aggregate(n=Count("id"), chosen=Count("id", filter=selected), avg=Avg("score"))
    quota = sum(s.quota for s in selectors.schemes_visible_to(user).filter(year=year))
    by_town = (
        rows.values("union__parent__name")
        .annotate(n=Count("id"), chosen=Count("id", filter=selected), avg=Avg("score"))
        .order_by("union__parent__name")
    )
    by_industry = (
        rows.values("enterprise__industry")
        .annotate(n=Count("id"), chosen=Count("id", filter=selected))
        .order_by("enterprise__industry")
    )
    columns = [_("Applications"), _("Selected")]
    from gonghui.craftsman.views.archive import contest_figures, contests_visible_to

    contests = contest_figures(contests_visible_to(user).filter(date__year=year))
    return Section(
        key="craftsman",
        title=_("Craftsman evaluation"),
        figures=[
            Figure(_("Applications"), totals["n"]),
            Figure(_("Selected"), totals["chosen"]),
            Figure(_("Places in the quotas"), quota),
            Figure(_("Average score"), round(totals["avg"] or 0, 1)),
            Figure(_("Skill contests"), contests["contests"]),
            Figure(_("Contestants"), contests["contestants"]),
            Figure(_("Trades"), contests["trades"]),
        ],
        tables=[
            Table(
                "craftsman_by_town",
                _("By town"),
                [_("Town"), *columns, _("Average score")],
                [
                    [r["union__parent__name"] or "—", r["n"], r["chosen"], round(r["avg"] or 0, 1)]
                    for r in by_town
                ],
            ),
            Table(
                "craftsman_by_industry",
                _("By industry"),
                [pgettext("craftsman", "Industry"), *columns],
                [[r["enterprise__industry"] or "—", r["n"], r["chosen"]] for r in by_industry],
            ),
        ],
    )
