"""Creating programmes, their batches and quota pools; the eligibility rule of a batch."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.activities import access
from gonghui.activities.models import (
    HOLDING,
    Allocation,
    Batch,
    Kind,
    MemberTag,
    Pool,
    Programme,
    Registration,
    Tag,
)
from gonghui.core.db import write_transaction


def _in_subtree(org, root) -> bool:
    return org.path.startswith(root.path)


def programme_create(
    *,
    actor,
    org,
    kind: str,
    title: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    allocation: str = Allocation.FIRST_COME,
    self_apply: bool = True,
    offer_hours: int = 48,
    description: str = "",
    seed_source: str = "",
) -> Programme:
    if not access.can_organise(actor) or not _in_subtree(org, actor.org):
        raise PermissionDenied(_("You may not organise activities for this organisation."))
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the programme a title."), code="title")
    if kind not in Kind.values or allocation not in Allocation.values:
        raise ValidationError(_("Choose the kind and the allocation."), code="kind")
    if not (opens_at and closes_at) or closes_at <= opens_at:
        raise ValidationError(
            _("The registration window must close after it opens."), code="window"
        )
    if not 1 <= int(offer_hours) <= 24 * 14:
        raise ValidationError(_("An offer is kept between 1 hour and 14 days."), code="offer_hours")
    seed_source = (seed_source or "").strip()
    if allocation == Allocation.DRAW and not seed_source:
        raise ValidationError(
            _("A programme allocated by draw announces its seed source when it is published."),
            code="seed_source",
        )
    with write_transaction():
        return Programme.objects.create(
            seed_source=seed_source,
            org=org,
            kind=kind,
            title=title,
            description=description,
            opens_at=opens_at,
            closes_at=closes_at,
            allocation=allocation,
            self_apply=self_apply,
            offer_hours=offer_hours,
            created_by=actor,
        )


def batch_add(
    *,
    actor,
    programme: Programme,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    place: str,
    places: int,
    quotas: dict | None = None,
    scope=None,
    gender: str = "",
    min_age: int | None = None,
    max_age: int | None = None,
    required_tag: str = "",
    hardship_only: bool = False,
    not_served_years: int | None = None,
) -> Batch:
    """A batch and its pools: one per entry of `quotas` (organisation → places) and the
    general pool with the places left."""
    if not access.can_organise(actor) or not _in_subtree(programme.org, actor.org):
        raise PermissionDenied(_("You may not change this programme."))
    quotas = quotas or {}
    scope = scope or programme.org
    if places is None or int(places) < 1:
        raise ValidationError(_("A batch has at least one place."), code="places")
    if ends_on < starts_on:
        raise ValidationError(_("A batch cannot end before it starts."), code="dates")
    if not _in_subtree(scope, programme.org):
        raise ValidationError(
            _("A batch is open to the organiser's own subtree only."), code="scope"
        )
    if gender and gender not in ("male", "female"):
        raise ValidationError(_("Unknown gender."), code="gender")
    if required_tag and required_tag not in Tag.values:
        raise ValidationError(_("Unknown member group."), code="tag")
    if min_age is not None and max_age is not None and min_age > max_age:
        raise ValidationError(_("The minimum age is above the maximum age."), code="age")
    quota_total = sum(int(value) for value in quotas.values())
    if any(int(value) < 0 for value in quotas.values()) or quota_total > int(places):
        raise ValidationError(
            _("The quotas (%(quotas)d places) exceed the batch's %(places)d places.")
            % {"quotas": quota_total, "places": int(places)},
            code="quotas",
        )
    for org in quotas:
        if not _in_subtree(org, scope):
            raise ValidationError(
                _("A quota goes to a union inside the batch's subtree."), code="quota_org"
            )
    with write_transaction():
        batch = Batch.objects.create(
            programme=programme,
            name=name.strip() or pgettext("activities", "Batch"),
            starts_on=starts_on,
            ends_on=ends_on,
            place=place,
            places=places,
            scope=scope,
            gender=gender,
            min_age=min_age,
            max_age=max_age,
            required_tag=required_tag,
            hardship_only=hardship_only,
            not_served_years=not_served_years,
        )
        for org, count in quotas.items():
            Pool.objects.create(batch=batch, org=org, places=int(count))
        Pool.objects.create(batch=batch, org=None, places=int(places) - quota_total)
    return batch


def pool_for(batch: Batch, member) -> Pool:
    """The member's quota pool (the deepest quota organisation above their union), else the
    general pool."""
    pools = list(batch.pools.filter(for_vouchers=False).select_related("org"))
    mine = [p for p in pools if p.org_id and member.union.path.startswith(p.org.path)]
    if mine:
        return max(mine, key=lambda p: len(p.org.path))
    return next(p for p in pools if p.org_id is None)


def ineligibility(batch: Batch, member, *, today: datetime.date | None = None) -> list[str]:
    """Why the member may not join the batch (empty: they may)."""
    today = today or timezone.localdate()
    reasons = []
    if member.status != "active":
        reasons.append(_("Only active union members may join."))
    if not member.union.path.startswith(batch.scope.path):
        reasons.append(_("Open to members of %(org)s only.") % {"org": batch.scope.name})
    if batch.gender and member.gender != batch.gender:
        reasons.append(
            _("Open to women only.") if batch.gender == "female" else _("Open to men only.")
        )
    age = member.age
    if batch.min_age is not None and age < batch.min_age:
        reasons.append(_("Open from age %(age)d.") % {"age": batch.min_age})
    if batch.max_age is not None and age > batch.max_age:
        reasons.append(_("Open up to age %(age)d.") % {"age": batch.max_age})
    if (
        batch.required_tag
        and not MemberTag.objects.filter(member=member, tag=batch.required_tag).exists()
    ):
        reasons.append(_("Open to %(group)s only.") % {"group": Tag(batch.required_tag).label})
    if batch.hardship_only:
        from gonghui.hardship.models import HardshipFile, Status

        if not HardshipFile.objects.filter(member=member, status=Status.ACTIVE).exists():
            reasons.append(_("Open to holders of a hardship file only."))
    if batch.not_served_years:
        since = today.replace(year=today.year - batch.not_served_years)
        served = Registration.objects.filter(
            Q(member=member),
            Q(programme__kind=batch.programme.kind),
            Q(batch__starts_on__gte=since),
            Q(status__in=HOLDING),
        ).exclude(programme=batch.programme)
        if served.exists():
            reasons.append(
                _("Not open to members who took part in the last %(years)d years.")
                % {"years": batch.not_served_years}
            )
    return reasons


def member_tag_set(*, actor, member, tag: str, on: bool = True) -> None:
    if not access.can_organise(actor) or not member.union.path.startswith(actor.org.path):
        raise PermissionDenied(_("You may not change this member."))
    if tag not in Tag.values:
        raise ValidationError(_("Unknown member group."), code="tag")
    with write_transaction():
        if on:
            MemberTag.objects.get_or_create(member=member, tag=tag)
        else:
            MemberTag.objects.filter(member=member, tag=tag).delete()
