"""The public notice (公示) of a hardship file and the objections raised during it. The notice
publishes only what the worker agreed to when applying (consent; hardship/publication.py)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.consent.services import consent_for
from gonghui.core.dates import working_day_end, working_days
from gonghui.deadlines.calendar import calendar_for_org
from gonghui.hardship import publication, selectors
from gonghui.hardship.models import Action, HardshipFile, Objection, PublicNotice, Status
from gonghui.hardship.services.common import check_keeper, check_scope, not_in_future
from gonghui.hardship.services.files import _move
from gonghui.hardship.workflow import check_move


@transaction.atomic
def file_start_notice(
    *, actor, file: HardshipFile, starts_on: datetime.date, ends_on: datetime.date, place: str
) -> PublicNotice:
    check_scope(actor, file)
    check_move(status=file.status, action=Action.START_NOTICE, role=actor.role)
    if ends_on < starts_on:
        raise ValidationError(_("The notice cannot end before it starts."), code="notice_dates")
    least = settings.HARDSHIP_NOTICE_MIN_WORKING_DAYS
    calendar = calendar_for_org(file.member.union)
    if working_days(starts_on, ends_on, calendar) < least:
        raise ValidationError(
            _(
                "A public notice lasts at least %(n)d working days (holidays and make-up "
                "working days as in the working-day calendar): one that starts on %(start)s "
                "ends on %(end)s or later."
            )
            % {
                "n": least,
                "start": starts_on.isoformat(),
                "end": working_day_end(starts_on, least, calendar).isoformat(),
            },
            code="notice_days",
        )
    if not place.strip():
        raise ValidationError(_("Say where the notice is posted."), code="notice_place")
    consent = consent_for(publication.SERVICE, file.pk)
    if consent is None:
        raise ValidationError(
            _(
                "The worker has not agreed to what the notice publishes, so it cannot be "
                "posted. Record their agreement on the file first."
            ),
            code="no_consent",
        )
    notice = PublicNotice.objects.create(
        file=file,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place.strip(),
        text=publication.notice_text(file, consent),
        started_by=actor,
    )
    _move(
        file=file,
        action=Action.START_NOTICE,
        actor=actor,
        note=_("%(start)s to %(end)s at %(place)s")
        % {"start": starts_on.isoformat(), "end": ends_on.isoformat(), "place": notice.place},
    )
    return notice


def _current_notice(file: HardshipFile) -> PublicNotice:
    notice = selectors.current_notice(file)
    if notice is None:
        raise ValidationError(_("This file has no public notice."), code="no_notice")
    return notice


@transaction.atomic
def objection_record(
    *, actor, file: HardshipFile, received_on: datetime.date, content: str, raised_by: str = ""
) -> Objection:
    check_keeper(actor, file)
    if file.status != Status.PUBLIC_NOTICE:
        raise ValidationError(
            _("Objections are recorded while the file is on public notice."), code="no_notice"
        )
    if not content.strip():
        raise ValidationError(_("Write down the objection."), code="objection_empty")
    not_in_future(received_on, _("The date received"))
    return Objection.objects.create(
        notice=_current_notice(file),
        received_on=received_on,
        raised_by=raised_by.strip(),
        content=content.strip(),
        recorded_by=actor,
    )


@transaction.atomic
def objection_resolve(*, actor, objection: Objection, resolution: str) -> Objection:
    check_keeper(actor, objection.notice.file)
    if not resolution.strip():
        raise ValidationError(_("Say how the objection was resolved."), code="resolution_empty")
    now = timezone.now()
    updated = Objection.objects.filter(pk=objection.pk, resolved_at__isnull=True).update(
        resolution=resolution.strip(), resolved_by=actor, resolved_at=now
    )
    if updated != 1:
        raise ValidationError(_("This objection is already resolved."), code="resolved")
    objection.refresh_from_db()
    return objection
