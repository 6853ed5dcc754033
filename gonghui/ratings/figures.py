"""The ratings figures, scoped to the user: titles in force by programme, level, town and
ownership; applications and pass rates; re-assessments due; standardisation coverage;
awards and subsidies."""

from django.db.models import Count, Q, Sum
from django.utils import timezone

from gonghui.orgs.models import GRASSROOTS_KINDS, Organisation
from gonghui.ratings import selectors
from gonghui.ratings.models import Status
from gonghui.ratings.standards import CODES

PASSED = (Status.ASSESSED, Status.ON_NOTICE, Status.NAMED)


def figures(user, on=None) -> dict:
    on = on or timezone.localdate()
    titles = selectors.titles_visible_to(user)
    current = selectors.in_force(titles, on)
    by_level = list(
        current.values("programme__name", "level_name")
        .annotate(n=Count("id"), private=Count("id", filter=Q(private=True)))
        .order_by("programme__name", "level_name")
    )
    by_town = list(
        current.values("holder__parent__name")
        .annotate(n=Count("id"))
        .order_by("holder__parent__name")
    )
    apps = selectors.applications_visible_to(user)
    by_programme = []
    for row in (
        apps.values("programme__name")
        .annotate(
            n=Count("id"),
            passed=Count("id", filter=Q(status__in=PASSED, level__gt="")),
            enterprises=Count("enterprise", distinct=True),
        )
        .order_by("programme__name")
    ):
        rate = round(100 * row["passed"] / row["n"], 1) if row["n"] else 0
        by_programme.append({**row, "rate": rate})
    passed_levels = list(
        apps.filter(status__in=PASSED, level__gt="")
        .values("programme__name", "level")
        .annotate(n=Count("id"))
        .order_by("programme__name", "level")
    )
    due = selectors.reassessment_due(titles, on).count()
    awards = titles.aggregate(
        total=Sum("award"), paid=Sum("award", filter=Q(award_paid_on__isnull=False))
    )
    return {
        "in_force": current.count(),
        "by_level": by_level,
        "by_town": by_town,
        "applications": by_programme,
        "passed_levels": passed_levels,
        "reassessment_due": due,
        "awards": awards["total"] or 0,
        "awards_paid": awards["paid"] or 0,
        "coverage": coverage(user),
    }


def coverage(user) -> list[dict]:
    """Per town: grassroots unions, those with the whole checklist in place, and verified."""
    unions = Organisation.objects.filter(path__startswith=user.org.path, kind__in=GRASSROOTS_KINDS)
    full = Count("standard_items", filter=Q(standard_items__done=True), distinct=True)
    rows = {}
    for union in unions.select_related("parent").annotate(
        done=full,
        verified=Count(
            "standard_items",
            filter=Q(standard_items__done=True, standard_items__verified_at__isnull=False),
            distinct=True,
        ),
    ):
        town = union.parent.name if union.parent else "—"
        row = rows.setdefault(town, {"town": town, "unions": 0, "complete": 0, "verified": 0})
        row["unions"] += 1
        row["complete"] += union.done == len(CODES)
        row["verified"] += union.verified == len(CODES)
    result = []
    for row in rows.values():
        row["rate"] = round(100 * row["complete"] / row["unions"], 1) if row["unions"] else 0
        result.append(row)
    return sorted(result, key=lambda r: r["town"])
