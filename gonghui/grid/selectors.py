"""Reads, each scoped to the user: staff their subtree (a confidential case only from its town
up), a grid member the cases of their enterprise and those they filed, a lawyer the cases made
from legal questions of their federation, a member the cases they filed or are a party to."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from gonghui.accounts import roles
from gonghui.accounts.models import Role
from gonghui.grid.models import (
    Case,
    Channel,
    Grid,
    GridMember,
    HealthCheck,
    LegalEvent,
    LegalQuestion,
    Party,
)

ACTORS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})


def _root(user) -> int:
    return int(user.org.path.strip("/").split("/")[0])


def grid_member_of(user) -> GridMember | None:
    if not (user.is_authenticated and user.role == Role.GRID_MEMBER):
        return None
    return (
        GridMember.objects.select_related("enterprise", "grid", "member").filter(user=user).first()
    )


def cases_visible_to(user) -> QuerySet[Case]:
    base = Case.objects.select_related("union", "town", "org", "enterprise")
    if roles.is_staff(user):
        path = user.org.path
        return base.filter(union__path__startswith=path).filter(
            Q(confidential=False) | Q(town__path__startswith=path)
        )
    if roles.is_grid_helper(user):
        if user.role == Role.LAWYER:
            return base.filter(channel=Channel.QUESTION, union__path__startswith=user.org.path)
        own = grid_member_of(user)
        mine = Q(filed_by=user)
        if own is not None:
            mine |= Q(enterprise=own.enterprise, confidential=False)
        return base.filter(mine)
    if roles.is_member(user):
        party = Party.objects.filter(case=OuterRef("pk"), member__user=user)
        return base.filter(Q(filed_by=user) | Exists(party))
    return base.none()


def can_act(user, case: Case) -> bool:
    """Staff at the organisation handling the case or above it; the enterprise's grid member
    while the case is with the grassroots union."""
    if roles.is_staff(user) and user.role in ACTORS:
        return case.org.path.startswith(user.org.path)
    own = grid_member_of(user)
    return bool(
        own
        and case.level == "union"
        and not case.confidential
        and case.enterprise_id == own.enterprise_id
    )


def can_see_full_parties(user) -> bool:
    return roles.can_view_sensitive(user) or roles.is_grid_helper(user)


def grids_visible_to(user) -> QuerySet[Grid]:
    if roles.is_staff(user):
        return Grid.objects.filter(union__path__startswith=user.org.path).select_related("union")
    return Grid.objects.none()


def questions_visible_to(user) -> QuerySet[LegalQuestion]:
    base = LegalQuestion.objects.select_related("member", "answered_by")
    if roles.is_member(user):
        return base.filter(member__user=user)
    if user.is_authenticated and user.role == Role.LAWYER and user.org_id:
        return base.filter(federation_id=_root(user))
    if roles.is_staff(user):
        return base.filter(member__union__path__startswith=user.org.path)
    return base.none()


def legal_events_visible_to(user) -> QuerySet[LegalEvent]:
    if roles.is_staff(user) or roles.is_grid_helper(user):
        return LegalEvent.objects.filter(federation_id=_root(user))
    return LegalEvent.objects.none()


def health_checks_visible_to(user) -> QuerySet[HealthCheck]:
    if roles.is_staff(user):
        return HealthCheck.objects.filter(org__path__startswith=user.org.path).select_related(
            "enterprise"
        )
    return HealthCheck.objects.none()


def case_by_code(code: str, mobile: str) -> Case | None:
    """The filer's view without another login: the case number and the filer's mobile."""
    code, mobile = (code or "").strip().upper(), (mobile or "").strip()
    if not code or not mobile:
        return None
    return Case.objects.filter(code=code, filer_mobile=mobile).first()
