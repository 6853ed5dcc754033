"""Writes of a scheme's configuration: the scheme, its periods and their status, plans and
contributions, parameters, disease lists and union targets. County admins only."""

import datetime
from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.dates import add_months_end
from gonghui.core.money import round_money, to_decimal
from gonghui.mutual_aid import access
from gonghui.mutual_aid.models import (
    PERIOD_TRANSITIONS,
    Disease,
    DiseaseCategory,
    Enrollment,
    ParameterSet,
    Period,
    PeriodEvent,
    PeriodStatus,
    Plan,
    PlanOffer,
    Scheme,
    UnionTarget,
)
from gonghui.mutual_aid.rules import Parameters
from gonghui.mutual_aid.selectors import parameter_set_current
from gonghui.orgs.models import GRASSROOTS_KINDS, Organisation, OrgKind
from gonghui.orgs.selectors import orgs_visible_to

DISEASE_LISTS = Path(__file__).parent.parent / "data" / "diseases.yaml"


def _check_configurer(actor, federation: Organisation) -> None:
    """Operator commands run with actor None; people must be county admins above it."""
    if actor is None:
        return
    if (
        not access.can_configure(actor)
        or not orgs_visible_to(actor).filter(pk=federation.pk).exists()
    ):
        raise PermissionDenied(
            _("Only the administrators of %(federation)s may configure its scheme.")
            % {"federation": federation.name}
        )


# --- schemes and periods -------------------------------------------------------------------


@transaction.atomic
def scheme_create(*, actor, federation: Organisation, name: str = "") -> Scheme:
    """The federation's scheme; creating it twice returns the first."""
    if federation.kind != OrgKind.FEDERATION:
        raise ValidationError(_("A mutual-aid scheme is run by a county federation (总工会)."))
    _check_configurer(actor, federation)
    scheme, _created = Scheme.objects.get_or_create(
        federation=federation,
        defaults={
            "name": name.strip()
            or _("%(federation)s workers' medical mutual aid") % {"federation": federation.name}
        },
    )
    return scheme


def _claim_deadline(end: datetime.date, parameters: Parameters) -> datetime.date:
    return add_months_end(end, int(parameters.get("claim_deadline_months")))


def _check_contribution(value) -> Decimal:
    try:
        amount = to_decimal(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            _("The contribution “%(value)s” is not an amount.") % {"value": value}
        ) from exc
    if amount <= 0:
        raise ValidationError(_("A contribution must be more than zero."))
    return round_money(amount)


@transaction.atomic
def period_create(
    *,
    actor,
    scheme: Scheme,
    code: str,
    start: datetime.date,
    end: datetime.date,
    plans: dict[str, object],
    enrollment_opens: datetime.date | None = None,
    enrollment_closes: datetime.date | None = None,
    min_share=None,
) -> Period:
    """A new period in draft, with the plans named (plan code → contribution per person), the
    default parameters of the rules engine as version 1 and the standard disease lists."""
    _check_configurer(actor, scheme.federation)
    code = code.strip()
    if not code:
        raise ValidationError(_("The period needs a code."))
    if end <= start:
        raise ValidationError(_("The period must end after it starts."))
    if not plans:
        raise ValidationError(_("Choose at least one plan."))
    unknown = [plan for plan in plans if plan not in Plan.values]
    if unknown:
        raise ValidationError(
            _("Unknown plan: %(plans)s. The plans are %(choices)s.")
            % {"plans": ", ".join(unknown), "choices": ", ".join(Plan.values)}
        )
    contributions = {plan: _check_contribution(value) for plan, value in plans.items()}
    if scheme.periods.filter(code=code).exists():
        raise ValidationError(_("The code %(code)s is already used.") % {"code": code})
    overlapping = scheme.periods.filter(start__lte=end, end__gte=start).first()
    if overlapping is not None:
        raise ValidationError(
            _("These dates overlap %(period)s (%(start)s to %(end)s).")
            % {"period": overlapping, "start": overlapping.start, "end": overlapping.end}
        )
    parameters = Parameters.defaults()
    opens = enrollment_opens or add_months_end(start, -3) + datetime.timedelta(days=1)
    closes = enrollment_closes or end
    if closes < opens:
        raise ValidationError(_("Enrollment must close after it opens."))
    number = (scheme.periods.aggregate(n=Max("number"))["n"] or 0) + 1
    period = Period.objects.create(
        scheme=scheme,
        number=number,
        code=code,
        start=start,
        end=end,
        enrollment_opens=opens,
        enrollment_closes=closes,
        claim_deadline=_claim_deadline(end, parameters),
        min_share=min_share,
    )
    PeriodEvent.objects.create(
        period=period, old_status="", new_status=PeriodStatus.DRAFT, actor=actor
    )
    PlanOffer.objects.bulk_create(
        PlanOffer(period=period, plan=plan, contribution=contribution)
        for plan, contribution in sorted(
            contributions.items(), key=lambda item: Plan.values.index(item[0])
        )
    )
    ParameterSet.objects.create(
        period=period, version=1, values=parameters.as_mapping(), created_by=actor
    )
    _load_standard_diseases(period)
    return period


def _load_standard_diseases(period: Period) -> None:
    lists = yaml.safe_load(DISEASE_LISTS.read_text(encoding="utf-8"))
    Disease.objects.bulk_create(
        Disease(
            period=period,
            category=category,
            name=entry["name"],
            icd10=entry.get("icd10", ""),
            note=entry.get("note", ""),
            position=position,
        )
        for category in DiseaseCategory.values
        for position, entry in enumerate(lists[category], start=1)
    )


@transaction.atomic
def period_update(*, actor, period: Period, **fields) -> Period:
    """Enrollment window and minimum share at any time before closing; the cover dates only
    while the period is a draft (the claim deadline follows the end)."""
    _check_configurer(actor, period.scheme.federation)
    if period.status == PeriodStatus.CLOSED:
        raise ValidationError(_("A closed period cannot be changed."))
    allowed = {"enrollment_opens", "enrollment_closes", "min_share", "start", "end"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"period_update cannot change {sorted(unknown)}")
    moves_dates = any(
        name in fields and fields[name] != getattr(period, name) for name in ("start", "end")
    )
    if moves_dates and period.status != PeriodStatus.DRAFT:
        raise ValidationError(_("The cover dates can only change while the period is a draft."))
    for name, value in fields.items():
        setattr(period, name, value)
    if period.end <= period.start:
        raise ValidationError(_("The period must end after it starts."))
    if period.enrollment_closes < period.enrollment_opens:
        raise ValidationError(_("Enrollment must close after it opens."))
    if period.min_share is not None and not 0 <= period.min_share <= 100:
        raise ValidationError(_("The minimum share is a percentage between 0 and 100."))
    overlapping = (
        period.scheme.periods.filter(start__lte=period.end, end__gte=period.start)
        .exclude(pk=period.pk)
        .first()
    )
    if overlapping is not None:
        raise ValidationError(
            _("These dates overlap %(period)s (%(start)s to %(end)s).")
            % {"period": overlapping, "start": overlapping.start, "end": overlapping.end}
        )
    current = parameter_set_current(period)
    period.claim_deadline = _claim_deadline(
        period.end, Parameters.from_mapping(current.values, version=current.label)
    )
    period.save()
    return period


def period_check_transition(old: str, new: str) -> None:
    """The one check of the period workflow; raises on a move the table does not allow."""
    if new not in PERIOD_TRANSITIONS.get(old, frozenset()):
        raise ValidationError(
            _("A period cannot go from “%(old)s” to “%(new)s”.")
            % {"old": PeriodStatus(old).label, "new": PeriodStatus(new).label},
            code="bad_transition",
        )


@transaction.atomic
def period_transition(*, actor, period: Period, to: str, note: str = "") -> PeriodEvent:
    _check_configurer(actor, period.scheme.federation)
    old = period.status
    period_check_transition(old, to)
    moved = Period.objects.filter(pk=period.pk, status=old).update(status=to)
    if not moved:
        raise ValidationError(_("Someone else changed this period meanwhile; please reload."))
    period.status = to
    return PeriodEvent.objects.create(
        period=period, old_status=old, new_status=to, actor=actor, note=note.strip()[:255]
    )


# --- plans and contributions ---------------------------------------------------------------


@transaction.atomic
def plan_offer_save(*, actor, period: Period, plan: str, contribution) -> PlanOffer:
    """Offer a plan in a period or change its contribution; a contribution is fixed once
    anyone is enrolled in the plan (what unions owe is persons × contribution)."""
    _check_configurer(actor, period.scheme.federation)
    if plan not in Plan.values:
        raise ValidationError(_("Unknown plan: %(plans)s.") % {"plans": plan})
    if period.status == PeriodStatus.CLOSED:
        raise ValidationError(_("A closed period cannot be changed."))
    amount = _check_contribution(contribution)
    offer = PlanOffer.objects.filter(period=period, plan=plan).first()
    if offer is not None and offer.contribution == amount:
        return offer
    if offer is not None and Enrollment.objects.filter(period=period, plan=plan).exists():
        raise ValidationError(
            _("Members are already enrolled in %(plan)s; its contribution can no longer change.")
            % {"plan": Plan(plan).label}
        )
    if offer is None:
        return PlanOffer.objects.create(period=period, plan=plan, contribution=amount)
    offer.contribution = amount
    offer.save(update_fields=["contribution"])
    return offer


# --- parameters ----------------------------------------------------------------------------


@transaction.atomic
def parameters_update(*, actor, period: Period, values: dict, reason: str = "") -> ParameterSet:
    """Change parameters by name. Before any computation has used the current version it is
    edited in place; once frozen, the change becomes a new version and needs a reason."""
    _check_configurer(actor, period.scheme.federation)
    current = ParameterSet.objects.select_for_update().get(pk=parameter_set_current(period).pk)
    merged = {**current.values, **{name: str(value).strip() for name, value in values.items()}}
    try:
        parameters = Parameters.from_mapping(merged, version=current.label)
    except ValueError as exc:
        raise ValidationError(str(exc), code="parameter") from exc
    merged = parameters.as_mapping()
    if merged == current.values:
        return current
    reason = reason.strip()
    if current.frozen_at is None:
        current.values = merged
        if reason:
            current.reason = reason
        current.save(update_fields=["values", "reason", "updated_at"])
        result = current
    else:
        if not reason:
            raise ValidationError(
                _(
                    "Version %(version)d has already been used in a computation; a change makes "
                    "a new version and needs a reason."
                )
                % {"version": current.version},
                code="reason_required",
            )
        result = ParameterSet.objects.create(
            period=period,
            version=current.version + 1,
            values=merged,
            reason=reason,
            created_by=actor,
        )
    deadline = _claim_deadline(period.end, parameters)
    if deadline != period.claim_deadline:
        Period.objects.filter(pk=period.pk).update(claim_deadline=deadline)
        period.claim_deadline = deadline
    return result


@transaction.atomic
def parameters_freeze(*, actor, period: Period) -> ParameterSet:
    """The version a computation is about to use, frozen from now on. The claims app calls
    this before it records a computed claim, and stores the returned version."""
    current = parameter_set_current(period)
    if current.frozen_at is None:
        now = timezone.now()
        ParameterSet.objects.filter(pk=current.pk, frozen_at__isnull=True).update(frozen_at=now)
        current.refresh_from_db(fields=["frozen_at"])
    return current


# --- disease lists -------------------------------------------------------------------------


@transaction.atomic
def disease_save(
    *,
    actor,
    period: Period,
    category: str,
    name: str,
    icd10: str = "",
    note: str = "",
    position: int = 0,
    disease: Disease | None = None,
) -> Disease:
    _check_configurer(actor, period.scheme.federation)
    if disease is not None and disease.period_id != period.pk:
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError(_("The name is empty."))
    if category not in DiseaseCategory.values:
        raise ValidationError(_("Choose a list."))
    duplicate = Disease.objects.filter(period=period, category=category, name=name)
    if disease is not None:
        duplicate = duplicate.exclude(pk=disease.pk)
    if duplicate.exists():
        raise ValidationError(_("%(name)s is already on this list.") % {"name": name})
    disease = disease or Disease(period=period)
    disease.category, disease.name = category, name
    disease.icd10, disease.note = icd10.strip().upper(), note.strip()
    disease.position = position or (
        (
            Disease.objects.filter(period=period, category=category).aggregate(n=Max("position"))[
                "n"
            ]
            or 0
        )
        + 1
    )
    disease.save()
    return disease


@transaction.atomic
def disease_delete(*, actor, disease: Disease) -> None:
    _check_configurer(actor, disease.period.scheme.federation)
    disease.delete()


# --- targets -------------------------------------------------------------------------------


@transaction.atomic
def targets_set(*, actor, period: Period, targets: dict[Organisation, int | None]) -> int:
    """Each union's target (参保任务数) for the period; None removes it. Returns how many
    targets were set."""
    _check_configurer(actor, period.scheme.federation)
    federation_path = period.scheme.federation.path
    count = 0
    for union, target in targets.items():
        if union.kind not in GRASSROOTS_KINDS or not union.path.startswith(federation_path):
            raise ValidationError(
                _("%(union)s is not a grassroots union of this scheme.") % {"union": union.name}
            )
        if target is None:
            UnionTarget.objects.filter(period=period, union=union).delete()
            continue
        if target < 0:
            raise ValidationError(_("A target cannot be negative."))
        UnionTarget.objects.update_or_create(
            period=period, union=union, defaults={"target": target}
        )
        count += 1
    return count
