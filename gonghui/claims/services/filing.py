"""Filing a claim: the member on the phone, or union staff at a service window for a member of
their subtree, through the same services. Facts, materials (cleaned by core.uploads), the
on-screen signature under the generated application form, and submission with its
automatic checks."""

import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from PIL import Image, UnidentifiedImageError

from gonghui.accounts import roles
from gonghui.claims import access
from gonghui.claims.models import (
    EDITABLE_STATUSES,
    PHOTO_KINDS,
    Channel,
    Claim,
    ClaimStatus,
    ComputationCause,
    EventType,
    Material,
    MaterialKind,
    Place,
    Severity,
    SmsKind,
)
from gonghui.claims.services.computing import claim_compute, claim_event
from gonghui.claims.services.workflow import claim_lock, claim_notify, claim_transition
from gonghui.claims.signals import claim_submitted
from gonghui.core import proxy
from gonghui.core.money import fmt_yuan, round_money
from gonghui.core.uploads import clean_upload
from gonghui.mutual_aid.rules import plans_called
from gonghui.orgs.models import Member
from gonghui.orgs.selectors import members_visible_to

FACT_FIELDS = (
    "event_type",
    "hospital",
    "settlement_serial",
    "admission",
    "discharge",
    "place",
    "accident",
    "self_responsibility",
    "critical",
    "female_cancer",
    "in_situ",
    "first_diagnosed",
    "diagnosis",
    "icd10",
    "birth_date",
)
DATE_FIELDS = ("admission", "discharge", "first_diagnosed", "birth_date")
TEXT_FIELDS = ("hospital", "settlement_serial", "diagnosis", "icd10")
MAX_MATERIALS = 40
SIGNATURE_MAX_BYTES = 1024 * 1024
SIGNATURE_MAX_SIDE = 2000


def check_filer(actor, member: Member) -> str:
    """The member themself (on the phone), or staff who file for members of their subtree
    (at a service window). Returns the channel."""
    if roles.is_member(actor) and member.user_id == actor.pk:
        return Channel.PHONE
    if (
        access.can_file_for_members(actor)
        and members_visible_to(actor).filter(pk=member.pk).exists()
    ):
        return Channel.WINDOW
    raise PermissionDenied(_("You cannot file claims for this member."))


def _check_editable(claim: Claim) -> None:
    if claim.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("This claim has been sent and can no longer be changed."), code="not_editable"
        )


def _facts_of(claim: Claim) -> dict:
    return {name: getattr(claim, name) for name in FACT_FIELDS}


def _apply_facts(claim: Claim, facts: dict) -> None:
    """Set the facts, drop those that do not belong to the event, and check them with the
    calculator's own event builder; the plans follow from the event (rules.plans_called)."""
    unknown = set(facts) - set(FACT_FIELDS)
    if unknown:
        raise ValueError(f"not a fact of a claim: {sorted(unknown)}")
    for name, value in facts.items():
        setattr(claim, name, value)
    for name in TEXT_FIELDS:
        setattr(claim, name, (getattr(claim, name) or "").strip())
    for name in ("accident", "female_cancer", "in_situ"):
        setattr(claim, name, bool(getattr(claim, name)))
    claim.icd10 = claim.icd10.upper()
    if claim.event_type not in EventType.values:
        raise ValidationError({"event_type": pgettext("claims", "Choose what happened.")})
    stay = claim.event_type == EventType.INPATIENT
    if not stay:
        claim.admission = claim.discharge = claim.self_responsibility = None
        claim.place, claim.accident = Place.LOCAL, False
        if claim.event_type != EventType.BIRTH:  # a birth is settled by the hospital too
            claim.settlement_serial = ""
    if claim.event_type == EventType.BIRTH:
        claim.critical, claim.female_cancer, claim.in_situ = Severity.NONE, False, False
        claim.first_diagnosed, claim.diagnosis, claim.icd10 = None, "", ""
    else:
        claim.birth_date = None
    claim.critical = claim.critical or Severity.NONE
    claim.place = claim.place or Place.LOCAL
    errors = {}
    if stay and not claim.hospital:
        errors["hospital"] = _("Enter the hospital's name.")
    today = timezone.localdate()
    for name in DATE_FIELDS:
        day = getattr(claim, name)
        if day is not None and day > today:
            errors[name] = _("This date is in the future.")
    try:
        event = claim_event(claim)
    except ValidationError as exc:
        raise ValidationError({**exc.message_dict, **errors}) from exc
    if errors:
        raise ValidationError(errors)
    if stay:
        claim.self_responsibility = round_money(event.self_responsibility)
    claim.plans = " ".join(plans_called(event))


@transaction.atomic
def claim_create(*, actor, member: Member, facts: dict) -> Claim:
    """A draft claim with its facts (a hospital stay, a diagnosis or a birth)."""
    channel = check_filer(actor, member)
    claim = Claim(member=member, filed_by=actor, channel=channel)
    _apply_facts(claim, facts)
    claim.save()
    return claim


@transaction.atomic
def claim_update_facts(*, actor, claim: Claim, facts: dict) -> Claim:
    """Change the facts of a draft or returned claim. A changed claim must be signed again:
    the signed application form has to say what was entered."""
    claim = claim_lock(claim)
    check_filer(actor, claim.member)
    _check_editable(claim)
    before = _facts_of(claim)
    _apply_facts(claim, facts)
    if _facts_of(claim) != before:
        claim.save(update_fields=[*FACT_FIELDS, "plans"])
        _remove(claim.materials.filter(kind=MaterialKind.APPLICATION_FORM))
    return claim


@transaction.atomic
def claim_delete(*, actor, claim: Claim) -> None:
    """A draft that was never sent can be thrown away, with its files."""
    claim = claim_lock(claim)
    check_filer(actor, claim.member)
    if claim.status != ClaimStatus.DRAFT:
        raise ValidationError(_("Only a claim that was never sent can be deleted."))
    _remove(claim.materials.all())
    claim.delete()


def _remove(materials) -> None:
    names = [material.file.name for material in materials]
    materials.delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def _store(claim: Claim, *, actor, kind: str, content: bytes, extension: str, **fields) -> Material:
    """Write the file through the storage API, then its row; the file goes if the row fails."""
    material = Material(claim=claim, kind=kind, size=len(content), uploaded_by=actor, **fields)
    material.file.save(f"upload.{extension}", ContentFile(content), save=False)
    try:
        material.save()
    except Exception:
        material.file.delete(save=False)
        raise
    return material


@transaction.atomic
def material_add(*, actor, claim: Claim, kind: str, upload) -> Material:
    """A photo or PDF of one material. It is checked and cleaned by core.uploads first; a
    refused file raises ValidationError and nothing is stored."""
    claim = claim_lock(claim)
    check_filer(actor, claim.member)
    _check_editable(claim)
    if kind not in PHOTO_KINDS:
        raise ValidationError(_("Choose which material this is."), code="kind")
    if claim.materials.count() >= MAX_MATERIALS:
        raise ValidationError(
            _("A claim can hold at most %(n)d files.") % {"n": MAX_MATERIALS}, code="too_many"
        )
    clean = clean_upload(upload)
    return _store(
        claim,
        actor=actor,
        kind=kind,
        content=clean.content,
        extension=clean.extension,
        content_type=clean.content_type,
        width=clean.width,
        height=clean.height,
    )


@transaction.atomic
def material_remove(*, actor, claim: Claim, material: Material) -> None:
    claim = claim_lock(claim)
    check_filer(actor, claim.member)
    _check_editable(claim)
    if material.claim_id != claim.pk:
        raise PermissionDenied
    _remove(claim.materials.filter(pk=material.pk))


def _clean_signature(data: bytes) -> tuple[bytes, int, int]:
    """The canvas's PNG, re-encoded (nothing but pixels kept); refused when it is not a PNG,
    too large, or blank."""
    refused = ValidationError(_("The signature could not be read. Please sign again."))
    if len(data) > SIGNATURE_MAX_BYTES or not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise refused
    try:
        with Image.open(io.BytesIO(data)) as image:
            if max(image.size) > SIGNATURE_MAX_SIDE:
                raise refused
            image = image.convert("LA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise refused from exc
    lightness, alpha = image.getextrema()
    if alpha[1] == 0 or lightness[0] > 200:
        raise ValidationError(_("Please sign in the box before confirming."), code="blank")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue(), image.width, image.height


def signed_facts(claim: Claim) -> dict:
    """What the generated application form says, as the member signed it."""
    member = claim.member
    rows = [
        (pgettext("claims", "Name"), member.name),
        (pgettext("claims", "ID number"), member.id_number_masked),
        (pgettext("claims", "Union"), member.union.name),
        (pgettext("claims", "Mobile"), member.mobile),
        (_("What happened"), claim.get_event_type_display()),
    ]
    if claim.is_stay:
        rows += [
            (pgettext("claims", "Hospital"), claim.hospital),
            (pgettext("claims", "Settlement serial number"), claim.settlement_serial or "—"),
            (pgettext("claims", "Admission date"), claim.admission.isoformat()),
            (pgettext("claims", "Discharge date"), claim.discharge.isoformat()),
            (_("Where treated"), claim.get_place_display()),
            (_("自负 amount (yuan)"), fmt_yuan(claim.self_responsibility)),
        ]
        if claim.accident:
            rows.append((_("Accidental injury"), pgettext("claims", "Yes")))
    if claim.event_type != EventType.BIRTH and (claim.diagnosis or claim.first_diagnosed):
        rows += [
            (pgettext("claims", "Diagnosis"), claim.diagnosis or "—"),
            (pgettext("claims", "Critical illness"), claim.get_critical_display()),
            (
                pgettext("claims", "First diagnosed on"),
                claim.first_diagnosed.isoformat() if claim.first_diagnosed else "—",
            ),
        ]
        if claim.female_cancer:
            rows.append((_("Primary female cancer"), pgettext("claims", "Yes")))
    if claim.event_type == EventType.BIRTH:
        rows.append((_("Date of birth of the baby"), claim.birth_date.isoformat()))
    rows += [
        (pgettext("claims", "Bank"), member.bank_name or "—"),
        (pgettext("claims", "Bank card"), member.bank_card_masked or "—"),
    ]
    return {
        "rows": [[str(label), str(value)] for label, value in rows],
        "signed_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }


@transaction.atomic
def claim_sign(*, actor, claim: Claim, signature: bytes) -> Material:
    """The member's signature drawn on the screen, under the application form generated from
    what was entered; a new signature replaces the old one."""
    claim = claim_lock(claim)
    check_filer(actor, claim.member)
    _check_editable(claim)
    png, width, height = _clean_signature(signature)
    _remove(claim.materials.filter(kind=MaterialKind.APPLICATION_FORM))
    return _store(
        claim,
        actor=actor,
        kind=MaterialKind.APPLICATION_FORM,
        content=png,
        extension="png",
        content_type="image/png",
        width=width,
        height=height,
        facts=signed_facts(claim),
    )


@transaction.atomic
def claim_submit(*, actor, claim: Claim) -> Claim:
    """Send a draft (or a returned claim with the material added): the SMS of receipt, the
    automatic checks (rules engine, duplicate stay, missing material) stored as a
    computation, and the claim goes to review."""
    claim = claim_lock(claim)
    check_filer(actor, claim.member)
    _check_editable(claim)
    signed = claim.materials.filter(kind=MaterialKind.APPLICATION_FORM).exists()
    if not signed and claim.channel != Channel.RECORD:
        raise ValidationError(_("Please sign the application form first."), code="unsigned")
    claim_transition(
        actor=actor,
        claim=claim,
        to=ClaimStatus.SUBMITTED,
        on_behalf=proxy.on_behalf(actor, claim.member),
    )
    claim_notify(claim=claim, kind=SmsKind.SUBMITTED)
    computation = claim_compute(actor=actor, claim=claim, cause=ComputationCause.SUBMISSION)
    findings = computation.findings.count()
    note = (
        _("Automatic checks: %(n)d point(s) for the reviewer.") % {"n": findings}
        if findings
        else _("Automatic checks passed.")
    )
    claim_transition(actor=None, claim=claim, to=ClaimStatus.IN_REVIEW, note=note)
    if claim.channel != Channel.RECORD:
        claim_submitted.send(sender=Claim, claim=claim)
    return claim
