"""Pairing (结对帮扶): cadres paired with hardship workers, and their visits."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.hardship.models import (
    HardshipFile,
    Pair,
    PairVisit,
    Status,
)
from gonghui.hardship.services.common import (
    check_keeper,
    current_date,
    not_in_future,
)
from gonghui.orgs.selectors import orgs_visible_to


@transaction.atomic
def pair_create(*, actor, cadre, file: HardshipFile, started_on: datetime.date | None = None):
    check_keeper(actor, file)
    if file.status == Status.CLOSED:
        raise ValidationError(_("A closed file cannot be paired."), code="closed")
    if not roles.is_staff(cadre) or not orgs_visible_to(actor).filter(pk=cadre.org_id).exists():
        raise ValidationError(
            _("The cadre must be union staff in your own organisation."), code="cadre"
        )
    try:
        with transaction.atomic():
            return Pair.objects.create(
                cadre=cadre, file=file, started_on=started_on or current_date(), created_by=actor
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(cadre)s is already paired with %(name)s.")
            % {"cadre": cadre, "name": file.member.name},
            code="paired",
        ) from exc


@transaction.atomic
def pair_end(*, actor, pair: Pair) -> Pair:
    check_keeper(actor, pair.file)
    Pair.objects.filter(pk=pair.pk, ended_on__isnull=True).update(ended_on=current_date())
    pair.refresh_from_db()
    return pair


@transaction.atomic
def pair_visit_record(
    *, actor, pair: Pair, visited_on: datetime.date, mode: str, content: str
) -> PairVisit:
    """The paired cadre logs a visit (staff keeping the file may log it for them)."""
    if actor.pk != pair.cadre_id:
        check_keeper(actor, pair.file)
    if pair.ended_on is not None:
        raise ValidationError(_("This pairing has ended."), code="ended")
    not_in_future(visited_on, _("The visit date"))
    if not content.strip():
        raise ValidationError(_("Write down what was done."), code="content")
    return PairVisit.objects.create(
        pair=pair, visited_on=visited_on, mode=mode, content=content.strip(), recorded_by=actor
    )
