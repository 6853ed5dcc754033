"""The case file after filing: mediation records, the handover to the town 矛调中心 and its
outcome, follow-up visits of settled disputes (within 30 days of closing), one extension of a
deadline, and the hardship file (C4) opened in one step from a hardship case."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.consent.models import How
from gonghui.consent.services import agreement_as_shown
from gonghui.deadlines.services import deadline_extend
from gonghui.grid import selectors
from gonghui.grid.models import (
    Action,
    Case,
    FollowUp,
    Handover,
    Kind,
    Level,
    MediationRecord,
    PartyRole,
    Status,
)
from gonghui.grid.services import deadlines
from gonghui.grid.services.cases import _move, event, lock, money
from gonghui.grid.workflow import OUTCOMES
from gonghui.hardship import publication
from gonghui.hardship.services.files import file_apply

FOLLOW_UP_DAYS = 30


def _required(fields: dict) -> None:
    missing = {name: _("This field is required.") for name, value in fields.items() if not value}
    if missing:
        raise ValidationError(missing, code="required")


@transaction.atomic
def mediation_record(
    *, actor, case: Case, date, place, mediators, present, statements, outcome
) -> MediationRecord:
    case = lock(case, actor)
    _required({"date": date, "place": place, "mediators": mediators, "statements": statements,
               "outcome": outcome})  # fmt: skip
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")}, code="date")
    record = MediationRecord.objects.create(
        case=case, date=date, place=place.strip()[:128], mediators=mediators.strip()[:255],
        present=(present or "").strip()[:255], statements=statements.strip(),
        outcome=outcome.strip(), recorded_by=actor,
    )  # fmt: skip
    _move(case, actor=actor, action=Action.MEDIATE, note=outcome)
    return record


@transaction.atomic
def case_hand_over(*, actor, case: Case, centre: str, file_summary: str) -> Handover:
    """To the town 矛调中心 (an external body): the file handed over with a record."""
    case = lock(case, actor)
    if case.level == Level.UNION:
        raise ValidationError(
            _("Only the town or county federation hands a case to the mediation centre."),
            code="level",
        )
    _required({"centre": (centre or "").strip(), "file_summary": (file_summary or "").strip()})
    handover = Handover.objects.create(
        case=case, centre=centre.strip()[:128], handed_by=actor, file_summary=file_summary.strip()
    )
    deadlines.mediation_met(case)
    _move(case, actor=actor, action=Action.HAND_OVER, note=centre)
    return handover


@transaction.atomic
def handover_outcome(*, actor, case: Case, settled: bool, outcome: str, recovered=None) -> Case:
    case = lock(case, actor)
    if case.status != Status.HANDED_OVER:
        raise ValidationError(_("The case is not at the mediation centre."), code="bad_transition")
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("Record the outcome.")}, code="outcome")
    now = timezone.now()
    changed = Handover.objects.filter(case=case, outcome_at__isnull=True).update(
        outcome=outcome.strip(), settled=bool(settled), outcome_at=now
    )
    if not changed:
        raise ValidationError(_("The outcome has already been recorded."), code="twice")
    changes = {"status": OUTCOMES[bool(settled)]}
    if settled:
        changes["settled_at"] = now
    if recovered not in (None, ""):
        changes["recovered"] = money(recovered, "recovered")
    _move(case, actor=actor, action=Action.OUTCOME, note=outcome, **changes)
    return case


@transaction.atomic
def follow_up_record(*, actor, case: Case, date, performed: bool, note="") -> FollowUp:
    """The visit after a settled dispute was closed: was the agreement performed?"""
    case = lock(case, actor)
    if case.status != Status.CLOSED or case.settled_at is None:
        raise ValidationError(
            _("Follow-up visits are for settled disputes after closing."), code="not_settled"
        )
    if date is None or date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")}, code="date")
    closed = timezone.localtime(case.closed_at).date()
    if not closed <= date <= closed + datetime.timedelta(days=FOLLOW_UP_DAYS):
        raise ValidationError(
            {"date": _("The follow-up visit is within 30 days of closing.")}, code="date"
        )
    visit = FollowUp.objects.create(
        case=case, date=date, performed=bool(performed), note=(note or "").strip(), visited_by=actor
    )
    _move(case, actor=actor, action=Action.FOLLOW_UP, note=note or "")
    return visit


@transaction.atomic
def case_deadline_extend(*, actor, case: Case, amount: int, reason: str):
    if not selectors.can_act(actor, case) or not roles.is_staff(actor):
        raise PermissionDenied(_("You may not act on this case."))
    deadline = deadlines.open_deadline(case)
    if deadline is None:
        raise ValidationError(_("The case has no open deadline."), code="no_deadline")
    extended = deadline_extend(actor=actor, deadline=deadline, amount=amount, reason=reason)
    event(case, action=Action.EXTEND, from_status=case.status, actor=actor, note=reason)
    return extended


@transaction.atomic
def hardship_file_open(*, actor, case: Case, main_cause: str, note: str):
    """A hardship case opens the worker's C4 file in one step, prefilled from the case; the
    worker agreed to the public notice by word to the staff (noted)."""
    case = lock(case, actor)
    if case.kind != Kind.HARDSHIP:
        raise ValidationError(_("Only a hardship case opens a hardship file."), code="kind")
    if case.hardship_file_id:
        raise ValidationError(_("This case has already opened a hardship file."), code="twice")
    party = case.parties.filter(role=PartyRole.WORKER, member__isnull=False).first()
    if party is None:
        raise ValidationError(
            _("No worker of this case is a union member: a hardship file needs a member."),
            code="no_member",
        )
    agreement = agreement_as_shown(party.member, publication.SERVICE, how=How.SPOKEN, note=note)
    file = file_apply(
        actor=actor,
        member=party.member,
        consent=agreement,
        main_cause=main_cause,
        statement=_("From case %(code)s: %(facts)s") % {"code": case.code, "facts": case.facts},
    )
    case.hardship_file = file
    case.save(update_fields=["hardship_file"])
    event(case, action=Action.HARDSHIP, from_status=case.status, actor=actor, note=note)
    return file
