"""Writes of cases: filing (by a grid member, staff or a member, optionally confidential),
every step of the state machine with its event row, the threshold that sends a case straight
to the county with an SMS to its duty officer, and the one-step hardship file."""

import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.core.money import round_money, to_decimal
from gonghui.grid import selectors
from gonghui.grid.models import (
    Action,
    Case,
    CaseEvent,
    Channel,
    GridParameters,
    Kind,
    Level,
    Party,
    PartyRole,
    Photo,
    Severity,
    Status,
)
from gonghui.grid.services import deadlines
from gonghui.grid.workflow import CREATED, check_move
from gonghui.notify.services import sms_send
from gonghui.orgs.models import Enterprise, Member, Organisation

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LEVEL_UP = {Level.UNION: Level.TOWN, Level.TOWN: Level.COUNTY}


def parameters_of(org: Organisation) -> GridParameters:
    federation_id = org.ancestor_ids[0]
    params, _created = GridParameters.objects.get_or_create(federation_id=federation_id)
    return params


def money(value, label) -> Decimal:
    """An amount in yuan from a form, a file or JSON: a number, at least 0."""
    if value in (None, ""):
        return Decimal("0")
    try:
        amount = to_decimal(value)
    except (ValueError, TypeError) as exc:
        raise ValidationError(
            {label: _("The amount must be a number of yuan, e.g. 3500 or 3500.50.")},
            code="amount",
        ) from exc
    if amount < 0:
        raise ValidationError({label: _("The amount cannot be negative.")}, code="amount")
    return round_money(amount)


def _town_of(union: Organisation) -> Organisation:
    parent = union.parent
    return parent if parent is not None else union


def _org_at(case_union: Organisation, level: str) -> Organisation:
    if level == Level.UNION:
        return case_union
    if level == Level.TOWN:
        return _town_of(case_union)
    return Organisation.objects.get(pk=case_union.ancestor_ids[0])


def new_code() -> str:
    stamp = timezone.localdate().strftime("%y%m%d")
    return "WG" + stamp + "".join(secrets.choice(CODE_ALPHABET) for _ in range(5))


def event(case: Case, *, action, from_status, actor, note="") -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        action=action,
        from_status=from_status,
        to_status=case.status,
        level=case.level,
        actor=actor,
        note=note.strip(),
    )


def _clean_parties(parties) -> list[dict]:
    cleaned = []
    for party in parties or ():
        name = (party.get("name") or "").strip()
        if not name:
            continue
        role = party.get("role") or PartyRole.WORKER
        if role not in PartyRole.values:
            raise ValidationError({"parties": _("Unknown kind of party.")}, code="party_role")
        cleaned.append(
            {
                "name": name[:128],
                "role": role,
                "id_number": (party.get("id_number") or "").strip().upper(),
                "mobile": (party.get("mobile") or "").strip(),
            }
        )
    if not cleaned:
        raise ValidationError(
            {"parties": _("A case needs at least one party (a worker or the enterprise).")},
            code="no_parties",
        )
    return cleaned


def _filing_place(actor, enterprise, union) -> tuple[Organisation, str]:
    """The grassroots union a case belongs to, and the channel it came through."""
    if roles.is_member(actor):
        member = Member.objects.select_related("union").get(user=actor)
        return member.union, Channel.MEMBER
    own = selectors.grid_member_of(actor)
    if own is not None:
        if enterprise is not None and enterprise.pk != own.enterprise_id:
            raise PermissionDenied(_("A grid member files cases of their own enterprise only."))
        return own.grid.union, Channel.GRID
    if roles.is_staff(actor) and actor.role in selectors.ACTORS:
        if union is None and enterprise is not None:
            union = enterprise.union
        if union is None or not union.path.startswith(actor.org.path) or not union.is_grassroots:
            raise ValidationError(
                {"union": _("Choose a grassroots union of your organisation.")}, code="union"
            )
        return union, Channel.STAFF
    raise PermissionDenied(_("Your role may not file cases."))


def goes_to_county(*, kind, people, amount, mass_incident, params: GridParameters) -> bool:
    if mass_incident:
        return True
    return kind == Kind.WAGE_ARREARS and (
        people >= params.people_threshold or amount >= params.amount_threshold
    )


@transaction.atomic
def case_file(
    *,
    actor,
    kind: str,
    severity: str,
    title: str,
    facts: str,
    parties,
    people=1,
    amount=0,
    mass_incident=False,
    confidential=False,
    location="",
    enterprise: Enterprise | None = None,
    union: Organisation | None = None,
    photos=(),
    channel: str | None = None,
    filed_at=None,
) -> Case:
    """Register a case with its parties; it starts at the grassroots union, or at the town
    federation when a member files confidentially, or straight at the county (with an SMS to
    its duty officer) above the thresholds. The clock of the first action starts."""
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose the kind of case.")}, code="kind")
    if severity not in Severity.values:
        raise ValidationError({"severity": _("Choose the severity.")}, code="severity")
    if not (title or "").strip() or not (facts or "").strip():
        raise ValidationError({"facts": _("Give a title and the facts of the case.")})
    try:
        people = int(people)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            {"people": _("The number of people must be a whole number.")}
        ) from exc
    if people < 1:
        raise ValidationError({"people": _("At least one person is involved.")}, code="people")
    amount = money(amount, "amount")
    cleaned = _clean_parties(parties)
    case_union, via = _filing_place(actor, enterprise, union)
    if enterprise is not None and enterprise.union_id != case_union.pk:
        raise ValidationError(
            {"enterprise": _("The enterprise is not covered by this union.")}, code="enterprise"
        )
    confidential = bool(confidential) and via == Channel.MEMBER
    params = parameters_of(case_union)
    straight = goes_to_county(
        kind=kind, people=people, amount=amount, mass_incident=mass_incident, params=params
    )
    level = Level.COUNTY if straight else Level.TOWN if confidential else Level.UNION
    member = Member.objects.filter(user=actor).first() if roles.is_member(actor) else None
    own = selectors.grid_member_of(actor)
    filer_mobile = member.mobile if member else own.member.mobile if own else ""
    check_move(status=CREATED, action=Action.FILE)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    code=new_code(),
                    kind=kind,
                    severity=severity,
                    status=Status.REGISTERED,
                    level=level,
                    channel=channel or via,
                    union=case_union,
                    town=_town_of(case_union),
                    org=_org_at(case_union, level),
                    enterprise=enterprise,
                    title=title.strip()[:128],
                    facts=facts.strip(),
                    people=people,
                    amount=amount,
                    mass_incident=bool(mass_incident),
                    confidential=confidential,
                    location=(location or "").strip()[:128],
                    filed_by=actor,
                    filer_mobile=filer_mobile,
                    filed_at=filed_at or timezone.now(),
                )
            break
        except IntegrityError:  # the same code drawn twice
            continue
    else:  # pragma: no cover
        raise ValidationError(_("Please try again."))
    for party in cleaned:
        found = None
        if party["role"] == PartyRole.WORKER and member and party["name"] == member.name:
            found = member
        Party.objects.create(case=case, member=found, **party)
    for upload in photos or ():
        Photo.objects.create(case=case, file=upload)
    note = ""
    if straight:
        note = _("Above the threshold: sent straight to the county federation.")
    elif confidential:
        note = _("Filed confidentially: sent to the town federation.")
    event(case, action=Action.FILE, from_status=CREATED, actor=actor, note=note)
    deadlines.first_action_open(case, params)
    if straight and params.duty_mobile:
        sms_send(
            mobile=params.duty_mobile,
            kind="grid_case",
            text=_(
                "Case %(code)s (%(kind)s, %(people)d people, %(amount)s yuan) was sent straight "
                "to the county federation: %(title)s"
            )
            % {
                "code": case.code,
                "kind": case.get_kind_display(),
                "people": people,
                "amount": amount,
                "title": case.title,
            },
        )
    return case


def lock(case: Case, actor) -> Case:
    locked = Case.objects.select_for_update().select_related("org", "union").get(pk=case.pk)
    if not selectors.can_act(actor, locked):
        raise PermissionDenied(_("You may not act on this case."))
    return locked


def _move(case: Case, *, actor, action, note="", **changes) -> Case:
    before = case.status
    target = check_move(status=before, action=action)
    case.status = changes.pop("status", target)
    for name, value in changes.items():
        setattr(case, name, value)
    if case.first_action_at is None and action != Action.FOLLOW_UP:
        case.first_action_at = timezone.now()
        deadlines.first_action_met(case)
    case.save()
    event(case, action=action, from_status=before, actor=actor, note=note)
    return case


@transaction.atomic
def case_accept(*, actor, case: Case, note="") -> Case:
    case = lock(case, actor)
    _move(case, actor=actor, action=Action.ACCEPT, note=note)
    deadlines.mediation_open(case, parameters_of(case.union))
    return case


@transaction.atomic
def case_fail(*, actor, case: Case, note: str) -> Case:
    case = lock(case, actor)
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the mediation failed.")}, code="note")
    _move(case, actor=actor, action=Action.FAIL, note=note)
    deadlines.mediation_met(case)
    return case


@transaction.atomic
def case_escalate(*, actor, case: Case, reason: str) -> Case:
    """Up one level: grassroots union → town federation → county federation."""
    case = lock(case, actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the case is escalated.")}, code="reason")
    if case.level not in LEVEL_UP:
        raise ValidationError(_("The case is already with the county federation."), code="top")
    level = LEVEL_UP[case.level]
    deadlines.mediation_met(case)
    _move(
        case, actor=actor, action=Action.ESCALATE, note=reason, level=level,
        org=_org_at(case.union, level),
    )  # fmt: skip
    return case


@transaction.atomic
def case_close(*, actor, case: Case, report: str, recovered=None) -> Case:
    case = lock(case, actor)
    if not (report or "").strip():
        raise ValidationError({"report": _("Write the closing report.")}, code="report")
    changes = {"closing_report": report.strip(), "closed_at": timezone.now()}
    if recovered not in (None, ""):
        changes["recovered"] = money(recovered, "recovered")
    _move(case, actor=actor, action=Action.CLOSE, note=report, **changes)
    return case


def case_correct(*, actor, case: Case, reason: str) -> CaseEvent:
    """Nothing is edited after the fact: a correction is an event with its reason."""
    if not selectors.can_act(actor, case):
        raise PermissionDenied(_("You may not act on this case."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say what is corrected and why.")}, code="reason")
    return event(case, action=Action.CORRECT, from_status=case.status, actor=actor, note=reason)
