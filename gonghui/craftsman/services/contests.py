"""Skill contests (技能竞赛) and their results; a result becomes evidence on an application
without retyping (its item, date and certificate number are taken from the record)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.accounts.models import Role
from gonghui.craftsman.models import Contest, ContestResult
from gonghui.orgs.selectors import members_visible_to

LEVELS = ("county", "city", "province")
ORGANISERS = frozenset({Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})


def _check(actor) -> None:
    if not (roles.is_staff(actor) and actor.role in ORGANISERS):
        raise PermissionDenied(_("Your role may not record skill contests."))


def contest_create(*, actor, name: str, trade: str, level: str, date, organiser: str) -> Contest:
    _check(actor)
    if level not in LEVELS:
        raise ValidationError(_("The level must be county, city or province."))
    if not name.strip() or not trade.strip():
        raise ValidationError(_("A contest needs a name and a trade."))
    return Contest.objects.create(
        federation=actor.org,
        name=name.strip(),
        trade=trade.strip(),
        level=level,
        date=date,
        organiser=organiser.strip() or actor.org.name,
    )


def result_record(
    *,
    actor,
    contest: Contest,
    member,
    rank=None,
    prize: str = "",
    item: str = "",
    certificate: str = "",
) -> ContestResult:
    _check(actor)
    if not members_visible_to(actor).filter(pk=member.pk).exists():
        raise PermissionDenied(_("This member is outside your organisation."))
    try:
        return ContestResult.objects.create(
            contest=contest,
            member=member,
            rank=rank,
            prize=prize.strip(),
            item=item.strip(),
            certificate=certificate.strip(),
        )
    except IntegrityError as exc:
        raise ValidationError(_("This member already has a result in this contest.")) from exc


def result_as_line(result: ContestResult) -> dict:
    """The evidence line a contest result gives: nothing to retype."""
    return {
        "item": result.item,
        "date": result.contest.date,
        "ref": result.certificate,
        "quantity": 1,
        "upload": None,
        "contest_result": result,
    }
