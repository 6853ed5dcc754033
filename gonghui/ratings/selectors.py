"""Reads, each scoped to the user: staff see their organisation's subtree (programmes of
their federation and those above)."""

import datetime

from django.db.models import Q, QuerySet

from gonghui.accounts import roles
from gonghui.craftsman.scoring import Rules, rules_from_mapping
from gonghui.ratings.models import (
    Application,
    Programme,
    RulesVersion,
    StandardItem,
    Title,
    TitleStatus,
)


def _ancestors(org) -> list[int]:
    return [int(part) for part in org.path.strip("/").split("/") if part]


def programmes_visible_to(user) -> QuerySet[Programme]:
    if not roles.is_staff(user):
        return Programme.objects.none()
    return Programme.objects.filter(
        Q(federation_id__in=_ancestors(user.org)) | Q(federation__path__startswith=user.org.path)
    ).select_related("federation", "scope")


def applications_visible_to(user) -> QuerySet[Application]:
    base = Application.objects.select_related("programme", "applicant", "enterprise")
    if not roles.is_staff(user):
        return base.none()
    return base.filter(applicant__path__startswith=user.org.path)


def titles_visible_to(user) -> QuerySet[Title]:
    base = Title.objects.select_related("programme", "holder", "holder__parent", "enterprise")
    if not roles.is_staff(user):
        return base.none()
    return base.filter(holder__path__startswith=user.org.path)


def standard_items_visible_to(user) -> QuerySet[StandardItem]:
    if not roles.is_staff(user):
        return StandardItem.objects.none()
    return StandardItem.objects.filter(union__path__startswith=user.org.path)


def current_version(programme: Programme) -> RulesVersion:
    return programme.versions.order_by("-number").first()


def rules_of(version: RulesVersion) -> Rules:
    return rules_from_mapping(version.rules)


def in_force(titles: QuerySet[Title], on: datetime.date) -> QuerySet[Title]:
    """Titles in force on a date: named by then, not yet expired, neither revoked nor renewed
    (the lapse job only writes down what the dates already say)."""
    return titles.filter(valid_from__lte=on, valid_until__gte=on, status=TitleStatus.IN_FORCE)


def reassessment_due(titles: QuerySet[Title], on: datetime.date) -> QuerySet[Title]:
    """In force, and within the programme's re-assessment period before expiry."""
    return in_force(titles, on).filter(reassess_due__lte=on)


def holds_title(org, programme_code: str, on: datetime.date) -> bool:
    return in_force(Title.objects.filter(holder=org, programme__code=programme_code), on).exists()
