"""Figures of patrols, scoped to the staff user's subtree: patrols and hours by route, slot
time, town and enterprise; the fill rate of slots; no-shows; and the dashboard's section.
Approved patrols are counted in Python from one narrow query (a county has thousands a
month, not millions)."""

import datetime
from collections import defaultdict

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.orgs.models import Organisation, OrgKind
from gonghui.patrol import selectors
from gonghui.patrol.models import NO_SHOWS, Slot, Status


def _hours(minutes) -> str:
    return f"{(minutes or 0) / 60:.1f}"


def _rows(groups: dict) -> list[list]:
    return [
        [label, n, _hours(minutes)]
        for label, (n, minutes) in sorted(groups.items(), key=lambda item: (-item[1][0], item[0]))
    ]


def figures(user, first: datetime.date, last: datetime.date) -> dict:
    patrols = selectors.patrols_visible_to(user).filter(day__gte=first, day__lte=last)
    towns = dict(
        Organisation.objects.filter(kind__in=[OrgKind.TOWN, OrgKind.STREET]).values_list(
            "pk", "name"
        )
    )
    groups = {key: defaultdict(lambda: [0, 0]) for key in ("route", "slot", "town", "enterprise")}
    total_minutes = approved = 0
    done = patrols.filter(status=Status.APPROVED).values_list(
        "route__name", "slot__starts_at", "slot__ends_at", "member__union__path",
        "member__union__name", "member__enterprise__name", "started_at", "finished_at",
    )  # fmt: skip
    for route, slot_start, slot_end, path, union, enterprise, started, finished in done:
        minutes = (finished - started).total_seconds() / 60 if started and finished else 0
        ids = [int(part) for part in path.strip("/").split("/") if part]
        town = next((towns[i] for i in ids if i in towns), union)
        slot = f"{timezone.localtime(slot_start):%H:%M}–{timezone.localtime(slot_end):%H:%M}"
        for key, label in (("route", route), ("slot", slot), ("town", town),
                           ("enterprise", enterprise or "—")):  # fmt: skip
            groups[key][label][0] += 1
            groups[key][label][1] += minutes
        total_minutes += minutes
        approved += 1
    slots = Slot.objects.filter(
        route__in=selectors.routes_visible_to(user), date__gte=first, date__lte=last,
        starts_at__lt=timezone.now(),
    )  # fmt: skip
    fill = slots.aggregate(places=Sum("capacity"), taken=Sum("taken"))
    places, taken = fill["places"] or 0, fill["taken"] or 0
    return {
        "first": first,
        "last": last,
        "approved": approved,
        "hours": _hours(total_minutes),
        "review": patrols.filter(status=Status.REVIEW).count(),
        "rejected": patrols.filter(status=Status.REJECTED).count(),
        "no_shows": patrols.filter(status__in=NO_SHOWS).count(),
        "places": places,
        "taken": taken,
        "fill_rate": f"{taken * 100 / places:.1f}%" if places else "—",
        "by_route": _rows(groups["route"]),
        "by_slot": sorted(_rows(groups["slot"])),
        "by_town": _rows(groups["town"]),
        "by_enterprise": _rows(groups["enterprise"]),
        "no_shows_by_route": [
            list(row)
            for row in patrols.filter(status__in=NO_SHOWS)
            .values_list("route__name")
            .annotate(n=Count("id"))
            .order_by("-n")
        ],
    }


def dashboard_section(user, year: int):
    from gonghui.dashboards import selectors as dash

    data = figures(user, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return dash.Section(
        key="patrol",
        title=_("Safety patrols"),
        figures=[
            dash.Figure(_("Patrols approved"), data["approved"]),
            dash.Figure(_("Patrol hours"), data["hours"]),
            dash.Figure(_("Fill rate of slots"), data["fill_rate"]),
            dash.Figure(_("No-shows"), data["no_shows"]),
        ],
        tables=[
            dash.Table(
                "patrol_by_route",
                _("Patrols by route"),
                [pgettext("patrol", "Route"), pgettext("patrol", "Patrols"), _("Hours")],
                data["by_route"],
            ),
            dash.Table(
                "patrol_by_town",
                _("Patrols by town"),
                [pgettext("patrol", "Town"), pgettext("patrol", "Patrols"), _("Hours")],
                data["by_town"],
            ),
        ],
    )
