"""Reform simulation (改革测算): a county admin copies a period's parameters, changes some, and
sees what the period's granted claims, and the benefits found in the bureau's records that
still wait for the member, would have cost under the draft, member by member and in total,
beside the contributions, before adopting it."""

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import Role
from gonghui.claims.models import GRANTED_STATUSES, Channel, Claim, ComputationLine
from gonghui.claims.selectors import claims_visible_to
from gonghui.claims.services.computing import claim_event, filed_on
from gonghui.core.money import percent
from gonghui.dashboards.models import ReformDraft
from gonghui.medinsure.handoff import record_facts
from gonghui.medinsure.selectors import notices_visible_to, standing_unclaimed
from gonghui.mutual_aid import quotes
from gonghui.mutual_aid import selectors as mutual_aid_selectors
from gonghui.mutual_aid.models import Enrollment, Period
from gonghui.mutual_aid.parameter_fields import display_value
from gonghui.mutual_aid.rules import PARAMETERS, Before, Parameters
from gonghui.mutual_aid.services import parameters_update
from gonghui.orgs.models import Member
from gonghui.orgs.selectors import unions_visible_to

ZERO = Decimal(0)
SUBSIDY = "INPATIENT.subsidy"


def can_simulate(user) -> bool:
    return user.is_authenticated and user.role == Role.COUNTY_ADMIN


def _check(actor) -> None:
    if not can_simulate(actor):
        raise PermissionDenied(_("Only the county administrator simulates and adopts reforms."))


def drafts_visible_to(user):
    periods = mutual_aid_selectors.periods_visible_to(user)
    return ReformDraft.objects.filter(period__in=periods).select_related("period", "created_by")


@transaction.atomic
def reform_draft_create(*, actor, period: Period, name: str) -> ReformDraft:
    _check(actor)
    current = mutual_aid_selectors.parameter_set_current(period)
    name = name.strip() or _("Draft based on %(version)s") % {"version": current.label}
    return ReformDraft.objects.create(
        period=period, name=name, values=dict(current.values), created_by=actor
    )


@transaction.atomic
def reform_draft_update(*, actor, draft: ReformDraft, values: dict) -> ReformDraft:
    _check(actor)
    merged = {**draft.values, **{name: str(value).strip() for name, value in values.items()}}
    try:
        parameters = Parameters.from_mapping(merged, version=draft.name)
    except ValueError as exc:
        raise ValidationError(str(exc), code="parameter") from exc
    draft.values = parameters.as_mapping()
    draft.save(update_fields=["values"])
    return draft


@transaction.atomic
def reform_draft_adopt(*, actor, draft: ReformDraft, period: Period, reason: str) -> None:
    """The draft's values become the parameters of `period` (a new version with the reason
    when that period's current version has already been used)."""
    _check(actor)
    if period.scheme_id != draft.period.scheme_id:
        raise ValidationError(_("A draft is adopted within its own scheme."))
    parameters_update(actor=actor, period=period, values=draft.values, reason=reason)
    draft.adopted_for, draft.adopted_at = period, timezone.now()
    draft.save(update_fields=["adopted_for", "adopted_at"])


@dataclass
class MemberCost:
    member: object
    claims: int = 0
    records: int = 0
    subsidy_now: Decimal = ZERO
    subsidy_draft: Decimal = ZERO
    total_now: Decimal = ZERO
    total_draft: Decimal = ZERO

    @property
    def difference(self) -> Decimal:
        return self.total_draft - self.total_now


@dataclass
class Simulation:
    draft: ReformDraft
    members: list[MemberCost] = field(default_factory=list)
    contributions: Decimal = ZERO
    changed: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def total_now(self) -> Decimal:
        return sum((row.total_now for row in self.members), ZERO)

    @property
    def total_draft(self) -> Decimal:
        return sum((row.total_draft for row in self.members), ZERO)

    @property
    def loss_ratio_now(self) -> Decimal | None:
        return percent(self.total_now, self.contributions)

    @property
    def loss_ratio_draft(self) -> Decimal | None:
        return percent(self.total_draft, self.contributions)

    @property
    def solvent(self) -> bool:
        return self.total_draft <= self.contributions


def reform_simulate(*, user, draft: ReformDraft) -> Simulation:
    """Each member's granted claims of the period and the benefits still waiting in the
    bureau's records, in the order their events happened, are computed again under the
    draft, the draft's own running totals filling its caps."""
    period = draft.period
    label = draft.name
    parameters = Parameters.from_mapping(draft.values, version=label)
    current = mutual_aid_selectors.parameter_set_current(period)
    simulation = Simulation(draft=draft, contributions=_contributions(user, period))
    simulation.changed = [
        (
            PARAMETERS[name].label_zh,
            display_value(name, current.values.get(name, "")),
            display_value(name, value),
        )
        for name, value in draft.values.items()
        if current.values.get(name) != value
    ]
    granted = claims_visible_to(user).filter(
        period=period, status__in=GRANTED_STATUSES, settlement_reversed_at__isnull=True
    )
    claims = (
        granted.select_related("member", "member__union")
        # Not decrypted for nothing: the members' ID and card numbers, the diagnosis text.
        .defer("member__id_number", "member__bank_card", "diagnosis")
    )
    now_subsidy = dict(
        ComputationLine.objects.filter(
            computation_id__in=granted.values("computation_id"), code=SUBSIDY
        ).values_list("computation_id", "amount")
    )
    # A benefit found in a record and not yet granted (waiting for the member, or its claim
    # for a reviewer) is owed as much as a granted claim; as a claim it is made from the
    # record's facts (handoff.record_facts).
    waiting = (
        standing_unclaimed(notices_visible_to(user))
        .filter(period=period, total__gt=0)
        .select_related("member", "member__union", "record")
    )
    items = [(claim, claim.amount, now_subsidy.get(claim.computation_id, ZERO)) for claim in claims]
    items += [
        (
            Claim(member=notice.member, channel=Channel.RECORD, **record_facts(notice.record)),
            notice.total,
            notice.inpatient_subsidy,
        )
        for notice in waiting
    ]
    items.sort(key=_in_order_of_events)
    # Every member's periods and enrollments at once, not two queries per claim.
    situations = quotes.member_situations(
        {item[0].member for item in items},
        member_ids=Member.objects.filter(
            Q(pk__in=granted.values("member_id")) | Q(pk__in=waiting.values("member_id"))
        ).values("pk"),
    )
    for member_id, member_items in groupby(items, key=lambda item: item[0].member_id):
        member_items = list(member_items)
        row = MemberCost(member=member_items[0][0].member)
        before = Before()
        for claim, total_now, subsidy_now in member_items:
            quote = quotes.quote_for_member(
                member=claim.member,
                event=claim_event(claim),
                filed_on=filed_on(claim),
                before_for=lambda _period, before=before: before,
                draft=(label, parameters),
                situation=situations[member_id],
            )
            before = _add(before, quote)
            if claim.pk is None:
                row.records += 1
            else:
                row.claims += 1
            row.total_now += total_now
            row.subsidy_now += subsidy_now
            row.total_draft += quote.total
            row.subsidy_draft += sum(
                (line.amount for line in quote.lines if line.code == SUBSIDY), ZERO
            )
        simulation.members.append(row)
    simulation.members.sort(key=lambda row: (row.difference, row.member.name))
    return simulation


def _in_order_of_events(item) -> tuple:
    """A member's claims and records in the order their events happened."""
    claim = item[0]
    day = claim.discharge or claim.birth_date or claim.first_diagnosed
    return (claim.member_id, day, claim.pk is None, claim.pk or 0)


def _add(before: Before, quote: quotes.Quote) -> Before:
    amounts = {line.code: line for line in quote.lines}

    def amount(code: str) -> Decimal:
        return amounts[code].amount if code in amounts else ZERO

    allowance = amounts.get("INPATIENT.allowance")
    days = int(allowance.inputs.get("paid_days", 0)) if allowance else 0
    return Before(
        inpatient_subsidy=before.inpatient_subsidy + amount(SUBSIDY),
        inpatient_allowance_days=before.inpatient_allowance_days + days,
        critical_paid=before.critical_paid + amount("CRITICAL.lump_sum"),
        female_paid=before.female_paid + amount("FEMALE.lump_sum"),
    )


def _contributions(user, period: Period) -> Decimal:
    contributions = mutual_aid_selectors.contributions_of(period)
    enrolled = (
        Enrollment.objects.filter(period=period, union__in=unions_visible_to(user))
        .values_list("plan")
        .annotate(n=Count("id"))
        .order_by()
    )
    return sum((contributions[plan] * n for plan, n in enrolled), ZERO)
