"""Reads, each scoped to the user: staff see their organisation's subtree, a member their own."""

import datetime

from django.db.models import Count, Q, QuerySet

from gonghui.accounts import roles
from gonghui.craftsman.models import Application, Honour, RulesVersion, Scheme
from gonghui.craftsman.scoring import Rules, rules_from_mapping


def schemes_visible_to(user) -> QuerySet[Scheme]:
    """Staff: schemes of their federation or of federations above or below them."""
    if roles.is_staff(user):
        path = user.org.path
        ancestors = [int(part) for part in path.strip("/").split("/") if part]
        return Scheme.objects.filter(
            Q(federation_id__in=ancestors) | Q(federation__path__startswith=path)
        ).select_related("federation")
    if roles.is_member(user):
        member = getattr(user, "member", None)
        if member is None:
            return Scheme.objects.none()
        ancestors = [int(part) for part in member.union.path.strip("/").split("/") if part]
        return Scheme.objects.filter(federation_id__in=ancestors)
    return Scheme.objects.none()


def applications_visible_to(user) -> QuerySet[Application]:
    base = Application.objects.select_related("member", "scheme", "union", "enterprise")
    if roles.is_member(user):
        return base.filter(member__user=user)
    if roles.is_staff(user):
        return base.filter(union__path__startswith=user.org.path)
    return base.none()


def current_version(scheme: Scheme) -> RulesVersion:
    return scheme.versions.order_by("-number").first()


def rules_of(version: RulesVersion) -> Rules:
    return rules_from_mapping(version.rules)


def holds_title(member, title: str, on: datetime.date) -> bool:
    """Whether the member holds the title on that date (not revoked): the one question other
    services (C9 eligibility, C10 preference) ask."""
    return (
        Honour.objects.filter(
            member=member,
            title=title,
            valid_from__lte=on,
            revoked_at__isnull=True,
        )
        .filter(Q(valid_until__gte=on) | Q(valid_until__isnull=True))
        .exists()
    )


def scheme_figures(scheme: Scheme) -> dict:
    rows = scheme.applications.values("status").annotate(n=Count("id"))
    by_status = {row["status"]: row["n"] for row in rows}
    return {
        "applications": sum(by_status.values()),
        "by_status": by_status,
        "selected": scheme.ranking.filter(selected=True).count(),
        "quota": scheme.quota,
    }
