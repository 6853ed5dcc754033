"""Filing and deciding appeals. Filing: the member (or staff 代办 for them), once per refused
decision, with a reason. Deciding: staff of the kind's deciding roles, in scope, never the
one who refused; upheld runs the owning app's undo inside the same transaction; the member
is sent an SMS either way."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.appeals import registry, selectors
from gonghui.appeals.models import TRANSITIONS, Appeal, AppealEvent, AppealStatus
from gonghui.core.proxy import check_may_act_for
from gonghui.notify.services import sms_send

MAX_REASON = 2000


def _check_move(old: str, new: str) -> None:
    if new not in TRANSITIONS.get(old, frozenset()):
        raise ValidationError(_("This appeal has already been decided."), code="decided")


def _refusal(kind_key: str, object_id: int) -> tuple[registry.AppealKind, registry.Refusal]:
    kind = registry.get(kind_key)
    refusal = kind.refusal(object_id) if kind is not None else None
    if refusal is None:
        raise ValidationError(
            _("This decision cannot be appealed (it was not a refusal, or it has changed)."),
            code="not_appealable",
        )
    return kind, refusal


@transaction.atomic
def appeal_file(*, actor, kind: str, object_id: int, reason: str) -> Appeal:
    """The member appeals a refusal of theirs, or staff file it for them (代办, recorded)."""
    kind_def, refusal = _refusal(kind, object_id)
    on_behalf = check_may_act_for(actor, refusal.member)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give the reason for your appeal."), code="reason")
    if len(reason) > MAX_REASON:
        raise ValidationError(
            _("The reason is too long (at most %(n)d characters).") % {"n": MAX_REASON},
            code="reason",
        )
    already = _("This decision has already been appealed; an appeal is made only once.")
    if selectors.appeal_of(kind, object_id) is not None:
        raise ValidationError(already, code="once")
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                kind=kind,
                object_id=object_id,
                member=refusal.member,
                title=refusal.title[:200],
                refusal_reason=refusal.reason,
                refused_by=refusal.refused_by,
                refused_at=refusal.refused_at,
                reason=reason,
                filed_by=actor,
                on_behalf=on_behalf,
            )
    except IntegrityError as exc:  # the same appeal filed at the same moment
        raise ValidationError(already, code="once") from exc
    AppealEvent.objects.create(
        appeal=appeal,
        from_status="",
        to_status=AppealStatus.FILED,
        actor=actor,
        on_behalf=on_behalf,
        note=reason,
    )
    return appeal


@transaction.atomic
def appeal_decide(*, actor, appeal: Appeal, uphold: bool, note: str) -> Appeal:
    """Uphold (the owning app undoes the refusal) or dismiss, always with a note the member
    reads. Nobody decides an appeal against their own refusal."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    kind = registry.get(appeal.kind)
    if kind is None or not kind.can_decide(actor):
        raise PermissionDenied(_("Your role may not decide this appeal."))
    if not selectors.appeals_visible_to(actor).filter(pk=appeal.pk).exists():
        raise PermissionDenied(_("This appeal is outside your organisation."))
    if appeal.refused_by_id == actor.pk:
        raise PermissionDenied(
            _("You made the decision appealed against; another colleague must decide.")
        )
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Please explain the decision to the member."), code="note")
    new = AppealStatus.UPHELD if uphold else AppealStatus.DISMISSED
    _check_move(appeal.status, new)
    if uphold:
        refusal = kind.refusal(appeal.object_id)
        if refusal is None:
            raise ValidationError(
                _("The refused item has changed since the appeal; it cannot be reopened."),
                code="changed",
            )
        kind.uphold(actor=actor, refusal=refusal, appeal=appeal)
    updated = Appeal.objects.filter(pk=appeal.pk, status=appeal.status).update(
        status=new, decided_by=actor, decided_at=timezone.now(), decision_note=note
    )
    if updated != 1:
        raise ValidationError(_("This appeal has already been decided."), code="decided")
    AppealEvent.objects.create(
        appeal=appeal, from_status=appeal.status, to_status=new, actor=actor, note=note
    )
    appeal.refresh_from_db()
    _notify(appeal)
    return appeal


def _notify(appeal: Appeal) -> None:
    member = appeal.member
    if not member.mobile:
        return
    if appeal.status == AppealStatus.UPHELD:
        text = _("Your appeal (%(ref)s, %(title)s) was upheld: %(note)s")
    else:
        text = _("Your appeal (%(ref)s, %(title)s) was not upheld: %(note)s")
    text = text % {"ref": appeal.reference, "title": appeal.title, "note": appeal.decision_note}
    transaction.on_commit(
        lambda: sms_send(mobile=member.mobile, text=text, kind="appeal_decided", member=member)
    )
