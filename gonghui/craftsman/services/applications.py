"""Applications: by the worker on the phone or by the enterprise's union (代办); evidence lines
with uploads (encrypted at rest); refusals, the qualification checks and the one appeal."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.accounts import roles
from gonghui.core.db import write_transaction
from gonghui.core.filecrypt import save_encrypted
from gonghui.core.uploads import clean_upload
from gonghui.craftsman import selectors
from gonghui.craftsman.models import (
    Action,
    Appeal,
    Application,
    Channel,
    Line,
    PoolBy,
    Scheme,
    SchemeStatus,
)
from gonghui.craftsman.scoring import RulesError, check_applicant
from gonghui.craftsman.services.common import (
    check_open,
    check_scope,
    decimal_value,
    move,
    recompute,
)
from gonghui.craftsman.workflow import CREATED
from gonghui.orgs.selectors import members_visible_to


def _pool_of(scheme: Scheme, member) -> str:
    if scheme.pool_by == PoolBy.TOWN:
        return str(member.union.parent_id or "")
    if scheme.pool_by == PoolBy.INDUSTRY:
        return member.enterprise.industry if member.enterprise else ""
    return ""


def _clean_lines(rules, lines) -> list[dict]:
    cleaned = []
    for number, raw in enumerate(lines, start=1):
        item = str(raw.get("item") or "").strip()
        date = raw.get("date")
        if isinstance(date, str):
            try:
                date = datetime.date.fromisoformat(date.strip())
            except ValueError as exc:
                raise ValidationError(
                    _("Line %(number)s: the date is not valid.") % {"number": number}
                ) from exc
        if not isinstance(date, datetime.date):
            raise ValidationError(_("Line %(number)s needs a date.") % {"number": number})
        try:
            quantity = int(raw.get("quantity") or 1)
        except (TypeError, ValueError) as exc:
            raise ValidationError(
                _("Line %(number)s: the quantity is not a whole number.") % {"number": number}
            ) from exc
        cleaned.append(
            {
                "item": item,
                "date": date,
                "ref": str(raw.get("ref") or "").strip()[:64],
                "quantity": quantity,
                "upload": raw.get("upload"),
                "contest_result": raw.get("contest_result"),
            }
        )
    from gonghui.craftsman.scoring import Applicant, Evidence

    try:
        check_applicant(
            Applicant(
                id="new",
                evidence=tuple(
                    Evidence(item=c["item"], date=c["date"], ref=c["ref"], quantity=c["quantity"])
                    for c in cleaned
                ),
            ),
            rules,
        )
    except RulesError as exc:
        raise ValidationError(str(exc), code="rules") from exc
    return cleaned


def _store_upload(application: Application, upload) -> tuple[str, str]:
    clean = clean_upload(upload)
    name = f"craftsman/{application.pk}/{timezone.now():%Y%m%d%H%M%S%f}.{clean.extension}.bin"
    from django.core.files.base import ContentFile

    stored = save_encrypted(default_storage, name, ContentFile(clean.content))
    return stored, upload.name[:255]


def application_apply(
    *, actor, scheme: Scheme, member, service_years, lines, consent_notice: bool
) -> Application:
    """The worker applies on the phone, or the enterprise's union applies for them (recorded
    as 代办). The score is computed at once; the first score freezes the rules version."""
    check_open(scheme)
    if scheme.status != SchemeStatus.OPEN:
        raise ValidationError(_("This scheme no longer takes applications."))
    if not members_visible_to(actor).filter(pk=member.pk).exists():
        raise PermissionDenied(_("This member is outside your organisation."))
    if not consent_notice:
        raise ValidationError(
            _("Agree that your name, enterprise and score are published on the public notice.")
        )
    version = selectors.current_version(scheme)
    rules = selectors.rules_of(version)
    if timezone.localdate() > rules.deadline:
        raise ValidationError(_("The deadline for applications has passed."))
    years = decimal_value(service_years, _("Service years"))
    for raw in lines:
        result = raw.get("contest_result")
        if result is not None and result.member_id != member.pk:
            raise PermissionDenied(_("This contest result is not the applicant's."))
    cleaned = _clean_lines(rules, lines)
    channel = Channel.PHONE if roles.is_member(actor) else Channel.UNION
    try:
        with write_transaction():
            application = Application.objects.create(
                scheme=scheme,
                version=version,
                member=member,
                union=member.union,
                enterprise=member.enterprise,
                pool=_pool_of(scheme, member),
                channel=channel,
                filed_by=actor,
                service_years=years,
                applied_at=timezone.now(),
                consent_notice=True,
                status=CREATED,
            )
            for number, line in enumerate(cleaned, start=1):
                upload, upload_name = ("", "")
                if line["upload"] is not None:
                    upload, upload_name = _store_upload(application, line["upload"])
                Line.objects.create(
                    application=application,
                    number=number,
                    item=line["item"],
                    date=line["date"],
                    ref=line["ref"],
                    quantity=line["quantity"],
                    upload=upload,
                    upload_name=upload_name,
                    contest_result=line["contest_result"],
                )
            note = _("Filed by the union for the member (代办)") if channel == Channel.UNION else ""
            move(application=application, action=Action.APPLY, actor=actor, note=note)
            recompute(application)
    except IntegrityError as exc:
        raise ValidationError(_("This member has already applied to this scheme.")) from exc
    return application


def line_refuse(*, actor, line: Line, reason: str) -> Line:
    """A reviewer refuses an evidence line with a reason; the score is recomputed."""
    application = line.application
    check_scope(actor, application)
    if not reason.strip():
        raise ValidationError(_("Give the reason for refusing the line."))
    if line.refused_reason:
        raise ValidationError(_("This line is already refused."))
    with write_transaction():
        move(
            application=application,
            action=Action.REFUSE_LINE,
            actor=actor,
            note=_("Line %(number)s: %(reason)s") % {"number": line.number, "reason": reason},
        )
        line.refused_reason, line.refused_by = reason.strip()[:255], actor
        line.save(update_fields=["refused_reason", "refused_by"])
        recompute(application)
    return line


def application_check(*, actor, application: Application, note: str = ""):
    """The union's, then the town's qualification check (evidence seen)."""
    check_scope(actor, application)
    action = Action.UNION_CHECK if application.status == "submitted" else Action.TOWN_CHECK
    with write_transaction():
        return move(application=application, action=action, actor=actor, note=note)


def application_refuse(*, actor, application: Application, reason: str):
    check_scope(actor, application)
    if not reason.strip():
        raise ValidationError(_("Give the reason for refusing the application."))
    with write_transaction():
        return move(application=application, action=Action.REFUSE, actor=actor, note=reason)


def appeal_file(*, actor, line: Line, reason: str) -> Appeal:
    """The member appeals one refused line, once per application, with a reason."""
    application = line.application
    if not roles.is_member(actor) or application.member.user_id != actor.pk:
        raise PermissionDenied(_("Only the applicant may appeal."))
    if not line.refused_reason:
        raise ValidationError(_("Only a refused line can be appealed."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the appeal."))
    try:
        with write_transaction():
            appeal = Appeal.objects.create(application=application, line=line, reason=reason)
            move(application=application, action=Action.APPEAL, actor=actor, note=reason)
    except IntegrityError as exc:
        raise ValidationError(_("An application can be appealed once only.")) from exc
    return appeal


def appeal_decide(*, actor, appeal: Appeal, upheld: bool, note: str) -> Appeal:
    """Decided by someone other than the reviewer who refused the line."""
    application = appeal.application
    check_scope(actor, application)
    if appeal.line.refused_by_id == actor.pk:
        raise PermissionDenied(_("The appeal must be decided by someone else than the refuser."))
    if not note.strip():
        raise ValidationError(_("Write the reasons for the decision."))
    with write_transaction():
        updated = (
            type(appeal)
            .objects.filter(pk=appeal.pk, upheld__isnull=True)
            .update(upheld=upheld, decided_by=actor, decision_note=note, decided_at=timezone.now())
        )
        if updated != 1:
            raise ValidationError(pgettext("craftsman", "This appeal has already been decided."))
        move(application=application, action=Action.DECIDE_APPEAL, actor=actor, note=note)
        if upheld:
            line = appeal.line
            line.refused_reason, line.refused_by = "", None
            line.save(update_fields=["refused_reason", "refused_by"])
            recompute(application)
    appeal.refresh_from_db()
    return appeal
