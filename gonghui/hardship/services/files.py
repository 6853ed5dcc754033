"""The hardship file: its household data, attachments and every lifecycle step. Each step goes
through `_move`, which checks the transitions table and writes the event row in the same
transaction."""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.consent.services import Agreement, consent_check, consent_record
from gonghui.core import idnumber, proxy
from gonghui.core.imports import error_text
from gonghui.core.uploads import clean_upload
from gonghui.core.validators import validate_name
from gonghui.hardship import publication, rules, selectors
from gonghui.hardship.models import (
    Action,
    Attachment,
    AttachmentKind,
    Cause,
    Channel,
    CloseReason,
    FamilyMember,
    FileEvent,
    HardshipFile,
    HomeVisit,
    Status,
    Tier,
    TierDecision,
)
from gonghui.hardship.services.common import (
    check_keeper,
    check_scope,
    current_date,
    money,
    not_in_future,
)
from gonghui.hardship.workflow import CREATED, TransitionError, check_move
from gonghui.notify.services import sms_send
from gonghui.orgs.models import MemberStatus
from gonghui.orgs.selectors import members_visible_to

HOUSEHOLD_FIELDS = (
    "main_cause",
    "secondary_causes",
    "household_size",
    "annual_income",
    "spending_illness",
    "spending_disability",
    "spending_schooling",
    "emergency_cost",
    "emergency_note",
    "housing",
    "housing_note",
    "statement",
    "bank_name",
    "account_holder",
    "bank_card",
)
MONEY_FIELDS = (
    "annual_income",
    "spending_illness",
    "spending_disability",
    "spending_schooling",
    "emergency_cost",
)


def _move(
    *,
    file: HardshipFile,
    action: str,
    actor,
    note: str = "",
    on_behalf: bool = False,
    origin: str = "",
    **changes,
) -> FileEvent:
    """Take one lifecycle step: check it against the table, update the file only if nobody
    moved it meanwhile, and write the event row (`on_behalf`: 代办, core/proxy.py)."""
    source = file.status
    target = check_move(status=source, action=action, role=actor.role, origin=origin)
    changes["status"] = target
    updated = HardshipFile.objects.filter(pk=file.pk, status=source).update(
        updated_at=timezone.now(), **changes
    )
    if updated != 1:
        raise TransitionError(
            _("Someone else changed this file meanwhile. Please reload it and try again."),
            code="stale",
        )
    for name, value in changes.items():
        setattr(file, name, value)
    return FileEvent.objects.create(
        file=file,
        action=action,
        from_status=source,
        to_status=target,
        actor=actor,
        note=note,
        on_behalf=on_behalf,
    )


def _notify_worker(file: HardshipFile, text: str) -> None:
    if file.member.mobile:
        sms_send(mobile=file.member.mobile, text=text, kind="hardship", member=file.member)


def clean_household(fields: dict) -> dict:
    labels = {name: HardshipFile._meta.get_field(name).verbose_name for name in MONEY_FIELDS}
    cleaned = {name: fields[name] for name in HOUSEHOLD_FIELDS if name in fields}
    for name in MONEY_FIELDS:
        if name in cleaned:
            cleaned[name] = money(cleaned[name], labels[name])
    if "household_size" in cleaned:
        size = cleaned["household_size"]
        if not isinstance(size, int) or size < 1:
            raise ValidationError(
                _("At least one person lives in the household."), code="household_size"
            )
    if "main_cause" in cleaned and cleaned["main_cause"] not in Cause.values:
        raise ValidationError(_("Please choose the main cause of hardship."), code="cause")
    if "secondary_causes" in cleaned:
        causes = list(dict.fromkeys(cleaned["secondary_causes"] or []))
        unknown = [cause for cause in causes if cause not in Cause.values]
        if unknown:
            raise ValidationError(
                _("Unknown cause: %(cause)s.") % {"cause": "、".join(unknown)}, code="cause"
            )
        cleaned["secondary_causes"] = [c for c in causes if c != cleaned.get("main_cause")]
    if "bank_card" in cleaned:
        card = re.sub(r"\s", "", cleaned["bank_card"] or "")
        if card and not (card.isdigit() and 12 <= len(card) <= 19):
            raise ValidationError(_("A bank card number has 12 to 19 digits."), code="bank_card")
        cleaned["bank_card"] = card
    return cleaned


def compute_suggestion(file: HardshipFile, year: int) -> None:
    """Compute the suggested tier from the file's figures (no save)."""
    standard = selectors.standard_for(file.member.union, year)
    suggestion = rules.suggest_tier(
        rules.Household(
            annual_income=file.annual_income,
            household_size=file.household_size,
            spending_illness=file.spending_illness,
            spending_disability=file.spending_disability,
            spending_schooling=file.spending_schooling,
            emergency_cost=file.emergency_cost,
        ),
        standard.monthly_amount if standard else None,
    )
    file.suggested_tier = suggestion.tier
    file.income_per_person = suggestion.income_per_person
    file.standard_used = suggestion.standard
    file.suggestion_trace = "\n".join(suggestion.trace)


SUGGESTION_FIELDS = ["suggested_tier", "income_per_person", "standard_used", "suggestion_trace"]


def _decide_tier(*, file: HardshipFile, tier: str, reason: str, action: str, actor) -> None:
    """Keep the decision beside the suggestion; overriding the suggestion needs a reason."""
    if tier not in Tier.values:
        raise ValidationError(_("Please choose a tier."), code="tier")
    reason = (reason or "").strip()
    if tier != file.suggested_tier and not reason:
        raise ValidationError(
            _("The tier differs from the suggested one: please give the reason."),
            code="tier_reason",
        )
    TierDecision.objects.create(
        file=file,
        suggested_tier=file.suggested_tier,
        income_per_person=file.income_per_person,
        standard_used=file.standard_used,
        tier=tier,
        reason=reason,
        action=action,
        decided_by=actor,
    )


def _save_attachments(*, file, actor, uploads, kind, visit=None) -> list[Attachment]:
    """Each upload is checked by its content and cleaned (photos upright, shrunk, without
    EXIF — a home-visit photo must not carry the family's GPS position) before it is kept."""
    saved = []
    for upload in uploads:
        try:
            clean = clean_upload(upload)
        except ValidationError as exc:
            raise ValidationError(
                f"{upload.name}: {error_text(exc)}",
                code=exc.code,
            ) from exc
        saved.append(
            Attachment.objects.create(
                file=file,
                kind=kind,
                upload=ContentFile(clean.content, name=f"upload.{clean.extension}"),
                original_name=upload.name[:255],
                visit=visit,
                uploaded_by=actor,
            )
        )
    return saved


# --- the file and its lifecycle ------------------------------------------------------------


@transaction.atomic
def file_apply(
    *, actor, member, attachments=(), consent: Agreement | None = None, **household
) -> HardshipFile:
    """The worker (on the phone) or union staff applies, with the worker's agreement to what
    the public notice will publish (`consent`; refused without it). A worker whose file was
    closed after being active has fallen back (返困): that file is reopened, its history
    kept."""
    if not members_visible_to(actor).filter(pk=member.pk).exists():
        raise PermissionDenied(_("You may only apply for yourself or for your own members."))
    consent_check(actor=actor, member=member, service=publication.SERVICE, agreement=consent)
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(_("Only a current union member can apply."), code="not_member")
    open_file = HardshipFile.objects.filter(member=member).exclude(status=Status.CLOSED).first()
    if open_file is not None:
        raise ValidationError(
            _("%(name)s already has a hardship file (%(status)s).")
            % {"name": member.name, "status": open_file.get_status_display()},
            code="open_file",
        )
    cleaned = clean_household(household)
    if "main_cause" not in cleaned:
        raise ValidationError(_("Please choose the main cause of hardship."), code="cause")
    channel = Channel.PHONE if roles.is_member(actor) else Channel.STAFF
    fallen_back = (
        HardshipFile.objects.filter(member=member, status=Status.CLOSED, approved_on__isnull=False)
        .order_by("-id")
        .first()
    )
    if fallen_back is not None:
        file = fallen_back
        for name, value in cleaned.items():
            setattr(file, name, value)
        file.channel = channel
        compute_suggestion(file, current_date().year)
        file.save(update_fields=[*cleaned, "channel", *SUGGESTION_FIELDS])
        _reopen(
            file=file,
            actor=actor,
            note=cleaned.get("statement", ""),
            on_behalf=proxy.on_behalf(actor, member),
        )
    else:
        check_move(status=CREATED, action=Action.APPLY, role=actor.role)
        file = HardshipFile(
            member=member, channel=channel, applied_on=current_date(), created_by=actor, **cleaned
        )
        compute_suggestion(file, current_date().year)
        try:
            with transaction.atomic():
                file.save()
        except IntegrityError as exc:  # a second application at the same moment
            raise ValidationError(
                _("%(name)s already has a hardship file.") % {"name": member.name},
                code="open_file",
            ) from exc
        FileEvent.objects.create(
            file=file,
            action=Action.APPLY,
            from_status=CREATED,
            to_status=file.status,
            actor=actor,
            note=cleaned.get("statement", ""),
            on_behalf=proxy.on_behalf(actor, member),
        )
    _save_attachments(file=file, actor=actor, uploads=attachments, kind=AttachmentKind.APPLICATION)
    consent_record(
        actor=actor,
        member=member,
        service=publication.SERVICE,
        object_id=file.pk,
        agreement=consent,
    )
    return file


@transaction.atomic
def file_update_household(*, actor, file: HardshipFile, **household) -> HardshipFile:
    """Correct the household figures; the suggestion is computed again."""
    check_keeper(actor, file)
    if file.status == Status.CLOSED:
        raise ValidationError(_("A closed file cannot be changed."), code="closed")
    cleaned = clean_household(household)
    for name, value in cleaned.items():
        setattr(file, name, value)
    compute_suggestion(file, current_date().year)
    file.save(update_fields=[*cleaned, *SUGGESTION_FIELDS, "updated_at"])
    return file


@transaction.atomic
def family_member_add(*, actor, file: HardshipFile, id_number: str = "", **fields) -> FamilyMember:
    check_keeper(actor, file)
    if file.status == Status.CLOSED:
        raise ValidationError(_("A closed file cannot be changed."), code="closed")
    fields["name"] = validate_name(fields.get("name"))
    if not fields["name"]:
        raise ValidationError(_("The name is empty."), code="name")
    if id_number:
        id_number = idnumber.parse(id_number).number
    fields["annual_income"] = money(fields.get("annual_income"), _("Yearly income"))
    return FamilyMember.objects.create(file=file, id_number=id_number, **fields)


@transaction.atomic
def family_member_remove(*, actor, relative: FamilyMember) -> None:
    check_keeper(actor, relative.file)
    if relative.file.status == Status.CLOSED:
        raise ValidationError(_("A closed file cannot be changed."), code="closed")
    relative.delete()


@transaction.atomic
def attachment_add(*, actor, file: HardshipFile, kind: str, uploads) -> list[Attachment]:
    """Staff add evidence to a file; the worker may add to their own open file."""
    if roles.is_member(actor):
        check_scope(actor, file)
    else:
        check_keeper(actor, file)
    if file.status == Status.CLOSED:
        raise ValidationError(_("A closed file cannot be changed."), code="closed")
    return _save_attachments(file=file, actor=actor, uploads=uploads, kind=kind)


@transaction.atomic
def file_union_review(*, actor, file: HardshipFile, tier: str, reason: str = "", note: str = ""):
    """First review by the grassroots union, which confirms or overrides the suggested tier."""
    check_scope(actor, file)
    check_move(status=file.status, action=Action.UNION_REVIEW, role=actor.role)
    _decide_tier(file=file, tier=tier, reason=reason, action=Action.UNION_REVIEW, actor=actor)
    return _move(file=file, action=Action.UNION_REVIEW, actor=actor, note=note, tier=tier)


@transaction.atomic
def file_record_visit(
    *, actor, file: HardshipFile, visited_on: datetime.date, visitors: str, findings: str, photos=()
) -> HomeVisit:
    check_scope(actor, file)
    check_move(status=file.status, action=Action.RECORD_VISIT, role=actor.role)
    not_in_future(visited_on, _("The visit date"))
    if not visitors.strip() or not findings.strip():
        raise ValidationError(_("Say who visited and what they found."), code="visit_incomplete")
    visit = HomeVisit.objects.create(
        file=file,
        visited_on=visited_on,
        visitors=visitors.strip(),
        findings=findings.strip(),
        recorded_by=actor,
    )
    _save_attachments(
        file=file, actor=actor, uploads=photos, kind=AttachmentKind.VISIT_PHOTO, visit=visit
    )
    _move(
        file=file,
        action=Action.RECORD_VISIT,
        actor=actor,
        note=_("%(date)s, %(visitors)s: %(findings)s")
        % {"date": visited_on.isoformat(), "visitors": visit.visitors, "findings": visit.findings},
    )
    return visit


@transaction.atomic
def file_town_verify(*, actor, file: HardshipFile, note: str = "") -> FileEvent:
    check_scope(actor, file)
    return _move(file=file, action=Action.TOWN_VERIFY, actor=actor, note=note)


@transaction.atomic
def file_approve(
    *, actor, file: HardshipFile, tier: str = "", reason: str = "", note: str = ""
) -> FileEvent:
    """Approval by the county federation: only after the notice has ended and with every
    objection resolved. The county may still change the tier, with a reason."""
    check_scope(actor, file)
    check_move(status=file.status, action=Action.APPROVE, role=actor.role)
    today = current_date()
    for code, message in selectors.approval_blockers(file, today):
        raise ValidationError(message, code=code)
    tier = tier or file.tier
    if tier != file.tier:
        _decide_tier(file=file, tier=tier, reason=reason, action=Action.APPROVE, actor=actor)
    if not tier:
        raise ValidationError(_("Please choose a tier."), code="tier")
    event = _move(
        file=file,
        action=Action.APPROVE,
        actor=actor,
        note=note,
        tier=tier,
        approved_on=today,
        reviewed_on=today,
    )
    _notify_worker(
        file,
        _("Your hardship file has been approved (%(tier)s). Your union will keep in touch.")
        % {"tier": file.get_tier_display()},
    )
    return event


@transaction.atomic
def file_return(*, actor, file: HardshipFile, reason: str) -> FileEvent:
    """Any review step may send the file back, always with the reason."""
    check_scope(actor, file)
    if not reason.strip():
        raise ValidationError(_("Please give the reason for returning the file."), code="reason")
    event = _move(file=file, action=Action.RETURN, actor=actor, note=reason.strip())
    _notify_worker(
        file,
        _("Your hardship application was returned: %(reason)s") % {"reason": reason},
    )
    return event


@transaction.atomic
def file_resubmit(*, actor, file: HardshipFile, note: str = "", **household) -> FileEvent:
    check_scope(actor, file)
    check_move(status=file.status, action=Action.RESUBMIT, role=actor.role)
    cleaned = clean_household(household)
    for name, value in cleaned.items():
        setattr(file, name, value)
    compute_suggestion(file, current_date().year)
    file.save(update_fields=[*cleaned, *SUGGESTION_FIELDS])
    return _move(
        file=file,
        action=Action.RESUBMIT,
        actor=actor,
        note=note,
        on_behalf=proxy.on_behalf(actor, file.member),
    )


@transaction.atomic
def file_review(*, actor, file: HardshipFile, note: str) -> FileEvent:
    """The yearly review of an active file: the suggestion is computed again against this
    year's standard; the tier stays unless changed with file_change_tier."""
    check_scope(actor, file)
    check_move(status=file.status, action=Action.REVIEW, role=actor.role)
    if not note.strip():
        raise ValidationError(_("Write down what the review found."), code="note")
    compute_suggestion(file, current_date().year)
    file.save(update_fields=SUGGESTION_FIELDS)
    return _move(
        file=file, action=Action.REVIEW, actor=actor, note=note.strip(), reviewed_on=current_date()
    )


@transaction.atomic
def file_change_tier(*, actor, file: HardshipFile, tier: str, reason: str) -> FileEvent:
    check_scope(actor, file)
    check_move(status=file.status, action=Action.CHANGE_TIER, role=actor.role)
    if tier == file.tier:
        raise ValidationError(_("The file is already in this tier."), code="same_tier")
    if not (reason or "").strip():
        raise ValidationError(_("Please give the reason for the change."), code="tier_reason")
    old = file.get_tier_display()
    _decide_tier(file=file, tier=tier, reason=reason, action=Action.CHANGE_TIER, actor=actor)
    return _move(
        file=file,
        action=Action.CHANGE_TIER,
        actor=actor,
        note=f"{old} → {Tier(tier).label}: {reason.strip()}",
        tier=tier,
        reviewed_on=current_date(),
    )


@transaction.atomic
def file_close(*, actor, file: HardshipFile, reason: str, note: str = "") -> FileEvent:
    """Close an active file (脱困, retired, moved, died) or withdraw a returned one. Current
    pairs end with it. The file and its history are kept."""
    check_scope(actor, file)
    check_move(status=file.status, action=Action.CLOSE, role=actor.role)
    if reason not in CloseReason.values:
        raise ValidationError(_("Please choose why the file is closed."), code="close_reason")
    if (file.status == Status.RETURNED) != (reason == CloseReason.WITHDRAWN):
        raise ValidationError(
            _("A returned file is withdrawn; an active file closes for one of the other reasons."),
            code="close_reason",
        )
    today = current_date()
    label = CloseReason(reason).label
    event = _move(
        file=file,
        action=Action.CLOSE,
        actor=actor,
        note=f"{label}: {note.strip()}" if note.strip() else str(label),
        closed_on=today,
        close_reason=reason,
    )
    file.pairs.filter(ended_on__isnull=True).update(ended_on=today)
    return event


def _reopen(*, file: HardshipFile, actor, note: str, on_behalf: bool = False) -> FileEvent:
    if file.approved_on is None:
        raise TransitionError(
            _("This file was never approved; please make a new application."),
            code="never_active",
        )
    return _move(
        file=file,
        action=Action.REOPEN,
        actor=actor,
        note=note,
        on_behalf=on_behalf,
        tier="",
        closed_on=None,
        close_reason="",
    )


@transaction.atomic
def file_reopen(*, actor, file: HardshipFile, note: str) -> FileEvent:
    """A family that had left hardship falls back (返困): the same file goes through the
    review again, with its history."""
    check_scope(actor, file)
    check_move(status=file.status, action=Action.REOPEN, role=actor.role)
    if not note.strip():
        raise ValidationError(_("Say what happened to the family."), code="note")
    compute_suggestion(file, current_date().year)
    file.save(update_fields=SUGGESTION_FIELDS)
    return _reopen(
        file=file, actor=actor, note=note.strip(), on_behalf=proxy.on_behalf(actor, file.member)
    )


def file_take_step(*, actor, file: HardshipFile, action: str, **data):
    """Take a lifecycle step named by its action: the pages and the API offer steps by name,
    with the step's own fields in `data`."""
    steps = {
        Action.UNION_REVIEW: file_union_review,
        Action.RECORD_VISIT: file_record_visit,
        Action.TOWN_VERIFY: file_town_verify,
        Action.START_NOTICE: file_start_notice,
        Action.APPROVE: file_approve,
        Action.RETURN: file_return,
        Action.RESUBMIT: file_resubmit,
        Action.REVIEW: file_review,
        Action.CHANGE_TIER: file_change_tier,
        Action.CLOSE: file_close,
        Action.REOPEN: file_reopen,
    }
    if action not in steps:
        raise TransitionError(_("There is no such step."), code="bad_transition")
    return steps[action](actor=actor, file=file, **data)


# The notice's steps live in notices.py; they are file steps too (file_take_step, callers).
from gonghui.hardship.services.notices import (  # noqa: E402, F401
    file_start_notice,
    objection_record,
    objection_resolve,
)
