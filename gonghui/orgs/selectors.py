"""Reads of the registry. Every page and API endpoint reaches organisations and members
through these, so the subtree rule is enforced once, here."""

import re
import unicodedata

from django.db.models import Count, Q, QuerySet, Sum

from gonghui.accounts import roles
from gonghui.core import crypto, idnumber
from gonghui.core.money import percent
from gonghui.orgs.models import (
    GRASSROOTS_KINDS,
    Enterprise,
    Member,
    MemberStatus,
    Organisation,
    OrgKind,
)

MEMBERSHIP_GOAL = 95  # percent of workers in covered enterprises (seed 002)


def orgs_visible_to(user) -> QuerySet[Organisation]:
    if not roles.is_staff(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(path__startswith=user.org.path)


def unions_visible_to(user) -> QuerySet[Organisation]:
    return orgs_visible_to(user).filter(kind__in=GRASSROOTS_KINDS)


def members_visible_to(user) -> QuerySet[Member]:
    """Staff: members of unions in their subtree. Members: their own record only."""
    if roles.is_member(user):
        return Member.objects.filter(user=user)
    if not roles.is_staff(user):
        return Member.objects.none()
    # Through the organisation ids rather than a join, so that a query on a small table
    # scoped by member (claims, hardship files) can look its members up one by one instead
    # of hashing the whole registry.
    return Member.objects.filter(union__in=orgs_visible_to(user))


def enterprises_visible_to(user) -> QuerySet[Enterprise]:
    if not roles.is_staff(user):
        return Enterprise.objects.none()
    prefix = user.org.path
    return Enterprise.objects.filter(
        Q(union__path__startswith=prefix) | Q(area__path__startswith=prefix)
    )


# "张三 0235", "张三0235", "李小 023X": a name, then the last four characters of the ID number.
NAME_AND_TAIL = re.compile(r"^(?P<name>[^\d]*[^\d\s])\s*(?P<tail>\d{3}[\dXx])$")


def member_query(query: str) -> Q:
    """What a search box's text means for members: a full ID number (exact, through its keyed
    hash), a name plus the ID number's last four characters (through the tail's keyed hash),
    digits (part of a mobile), or part of a name. Empty text matches everyone."""
    query = query.strip()
    if not query:
        return Q()
    if looks_like_id_number(query):
        return Q(id_hash=crypto.lookup_hash(idnumber.normalize(query)))
    named = NAME_AND_TAIL.match(unicodedata.normalize("NFKC", query))  # full-width digits
    if named:
        return Q(
            id_tail_hash=crypto.id_tail_hash(named["tail"]), name__contains=named["name"].strip()
        )
    if query.isdigit():
        return Q(mobile__contains=query)
    return Q(name__contains=query)


def member_search(
    user, *, query: str = "", union_id=None, status="", employment_group=""
) -> QuerySet[Member]:
    """Search by name (part of it), name plus the ID number's last four ("张三 0235"), full
    ID number or mobile (part of it): see member_query."""
    members = members_visible_to(user).select_related("union", "enterprise")
    members = members.filter(member_query(query))
    if union_id:
        members = members.filter(union_id=union_id)
    if status:
        members = members.filter(status=status)
    if employment_group:
        members = members.filter(employment_group=employment_group)
    return members


def looks_like_id_number(text: str) -> bool:
    normalized = idnumber.normalize(text)
    return len(normalized) == 18 and normalized[:17].isdigit()


def member_find_by_id_number(number: str) -> Member | None:
    """Unscoped: for services that match a person across the installation (imports)."""
    return Member.objects.filter(id_hash=crypto.lookup_hash(idnumber.normalize(number))).first()


def coverage_figures(user) -> dict:
    """C0 figures for the user's subtree: unions by kind, enterprises covered, members,
    large enterprises with a union, membership rate against the 95% goal."""
    orgs = orgs_visible_to(user)
    by_kind = dict(orgs.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    covered = Q(union__isnull=False)
    large = {minimum: Q(staff_count__gte=minimum) for minimum in (100, 25)}
    enterprises = enterprises_visible_to(user).aggregate(
        total=Count("id"),
        covered=Count("id", filter=covered),
        staff_in_covered=Sum("staff_count", filter=covered),
        **{f"at_least_{n}": Count("id", filter=q) for n, q in large.items()},
        **{f"at_least_{n}_covered": Count("id", filter=q & covered) for n, q in large.items()},
    )
    members = (
        members_visible_to(user)
        .filter(status=MemberStatus.ACTIVE)
        .aggregate(
            total=Count("id"), in_covered=Count("id", filter=Q(enterprise__union__isnull=False))
        )
    )
    member_count, members_in_covered = members["total"], members["in_covered"]
    staff_in_covered = enterprises["staff_in_covered"] or 0

    def threshold(minimum: int) -> dict:
        total = enterprises[f"at_least_{minimum}"]
        with_union = enterprises[f"at_least_{minimum}_covered"]
        return {
            "total": total,
            "with_union": with_union,
            "without_union": total - with_union,
            "rate": percent(with_union, total),
        }

    return {
        "unions_by_kind": [
            (kind.label, by_kind.get(kind.value, 0))
            for kind in (
                OrgKind.TOWN,
                OrgKind.STREET,
                OrgKind.INDUSTRY,
                OrgKind.SINGLE,
                OrgKind.JOINT,
            )
        ],
        "grassroots_unions": by_kind.get(OrgKind.SINGLE, 0) + by_kind.get(OrgKind.JOINT, 0),
        "enterprises": enterprises["total"],
        "enterprises_covered": enterprises["covered"],
        "members": member_count,
        "at_least_100": threshold(100),
        "at_least_25": threshold(25),
        "staff_in_covered": staff_in_covered,
        "members_in_covered": members_in_covered,
        "membership_rate": percent(members_in_covered, staff_in_covered),
        "membership_goal": MEMBERSHIP_GOAL,
    }


def member_counts_by_union(user) -> dict[int, int]:
    rows = (
        members_visible_to(user)
        .filter(status=MemberStatus.ACTIVE)
        .values_list("union_id")
        .annotate(n=Count("id"))
    )
    return dict(rows)
