"""The ratings section of the staff dashboard."""

from django.utils.translation import pgettext

from gonghui.dashboards.selectors import Figure, Section, Table
from gonghui.ratings.figures import figures


def section(user, year) -> Section:
    data = figures(user)
    return Section(
        key="ratings",
        title=pgettext("ratings", "Union ratings"),
        figures=[
            Figure(pgettext("ratings", "Titles in force"), data["in_force"]),
            Figure(pgettext("ratings", "Re-assessments due"), data["reassessment_due"]),
            Figure(pgettext("ratings", "Awards and subsidies (yuan)"), data["awards"]),
        ],
        tables=[
            Table(
                "ratings_by_level",
                pgettext("ratings", "Titles in force by programme and level"),
                [
                    pgettext("ratings", "Programme"),
                    pgettext("ratings", "Level"),
                    pgettext("ratings", "Titles"),
                    pgettext("ratings", "In private enterprises"),
                ],
                [
                    [r["programme__name"], r["level_name"], r["n"], r["private"]]
                    for r in data["by_level"]
                ],
            ),
            Table(
                "ratings_applications",
                pgettext("ratings", "Applications and pass rates"),
                [
                    pgettext("ratings", "Programme"),
                    pgettext("ratings", "Applications"),
                    pgettext("ratings", "Passed"),
                    pgettext("ratings", "Pass rate (%)"),
                ],
                [
                    [r["programme__name"], r["n"], r["passed"], r["rate"]]
                    for r in data["applications"]
                ],
            ),
            Table(
                "ratings_coverage",
                pgettext("ratings", "Standardisation coverage by town"),
                [
                    pgettext("ratings", "Town"),
                    pgettext("ratings", "Grassroots unions"),
                    pgettext("ratings", "Checklist complete"),
                    pgettext("ratings", "Verified"),
                ],
                [[r["town"], r["unions"], r["complete"], r["verified"]] for r in data["coverage"]],
            ),
        ],
    )
