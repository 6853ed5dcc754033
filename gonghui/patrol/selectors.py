"""Reads of patrols, scoped: staff see routes organised in their subtree and the patrols on
them or of their subtree's members; a member sees the routes open to them and their own
patrols."""

from django.db.models import Q
from django.utils import timezone

from gonghui.orgs.models import Member
from gonghui.patrol import access, geo
from gonghui.patrol.models import Patrol, Route, Slot, Status
from gonghui.patrol.services.common import rules_for


def my_member(user) -> Member | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.select_related("union").filter(user=user).first()


def member_holds_anything(user) -> bool:
    return Patrol.objects.filter(member__user=user).exists()


def routes_visible_to(user):
    if not access.can_read(user):
        return Route.objects.none()
    return Route.objects.filter(org__path__startswith=user.org.path).select_related("org")


def patrols_visible_to(user):
    if not access.can_read(user):
        return Patrol.objects.none()
    path = user.org.path
    return Patrol.objects.filter(
        Q(route__org__path__startswith=path) | Q(member__union__path__startswith=path)
    ).select_related("route__org", "slot", "member__union")


def review_queue(user):
    return patrols_visible_to(user).filter(status=Status.REVIEW).order_by("finished_at", "id")


def _ancestors(member) -> list[int]:
    return [int(part) for part in member.union.path.strip("/").split("/") if part]


def open_slots_for(member, *, lat=None, lng=None, now=None) -> list[dict]:
    """Slots the member may grab now (window open, not begun), nearest route start first
    when the phone gave a position, else soonest first."""
    now = now or timezone.now()
    rules = rules_for(member.union)
    horizon = now + timezone.timedelta(days=rules.open_days)
    slots = (
        Slot.objects.filter(
            route__active=True,
            route__org_id__in=_ancestors(member),
            starts_at__gt=now,
            starts_at__lte=horizon,
        )
        .select_related("route")
        .prefetch_related("route__checkpoints")
        .order_by("starts_at", "route__name")
    )
    held = set(
        Patrol.objects.filter(member=member)
        .exclude(status__in=[Status.CANCELLED, Status.LATE_CANCELLED])
        .values_list("slot_id", flat=True)
    )
    rows = []
    for slot in slots[:300]:
        first = next(iter(slot.route.checkpoints.all()), None)
        distance = None
        if lat is not None and lng is not None and first is not None:
            distance = geo.distance_m(lat, lng, first.lat, first.lng)
        rows.append(
            {
                "slot": slot,
                "route": slot.route,
                "start": first,
                "distance": distance,
                "far": geo.readable(distance) if distance is not None else "",
                "held": slot.pk in held,
            }
        )
    if lat is not None and lng is not None:
        rows.sort(key=lambda r: (r["distance"] is None, r["distance"] or 0, r["slot"].starts_at))
    return rows


def my_patrols(member):
    return (
        Patrol.objects.filter(member=member)
        .select_related("route", "slot")
        .prefetch_related("events", "passes")
        .order_by("-slot__starts_at", "-id")
    )
