"""The rules engine applied to a claim, through the benefit calculator's own code
(mutual_aid.quotes): the estimate a member sees before sending, and the computation stored
on submission, correction and approval with its findings and parameter version."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.claims import selectors
from gonghui.claims.models import (
    DUPLICATE_STAY,
    MISSING_MATERIAL,
    Channel,
    Claim,
    Computation,
    ComputationLine,
    Finding,
    MaterialKind,
)
from gonghui.core.money import fmt_yuan
from gonghui.mutual_aid import quotes
from gonghui.mutual_aid import services as mutual_aid_services
from gonghui.mutual_aid.rules import Before, Event

UNPAID_CONTRIBUTION = "UNPAID_CONTRIBUTION"
SETTLEMENT_REVERSED = "SETTLEMENT_REVERSED"


def claim_event(claim: Claim) -> Event:
    """The engine's event from the claim's facts; a ValidationError keyed by field when
    something is missing."""
    return quotes.event_build(
        type=claim.event_type,
        admission=claim.admission,
        discharge=claim.discharge,
        place=claim.place,
        accident=claim.accident,
        self_responsibility=claim.self_responsibility,
        critical=claim.critical,
        female_cancer=claim.female_cancer,
        in_situ=claim.in_situ,
        first_diagnosed=claim.first_diagnosed,
        icd10=claim.icd10,
        birth_date=claim.birth_date,
    )


def _quote(claim: Claim, filed_on: datetime.date) -> tuple[quotes.Quote, Before]:
    used: dict[str, Before] = {}

    def before_for(period) -> Before:
        used["before"] = selectors.paid_before(member=claim.member, period=period, exclude=claim)
        return used["before"]

    quote = quotes.quote_for_member(
        member=claim.member, event=claim_event(claim), filed_on=filed_on, before_for=before_for
    )
    return quote, used.get("before", Before())


def filed_on(claim: Claim) -> datetime.date:
    """The deadline is judged by the day the claim was first sent; it does not apply to a
    claim made from the bureau's record (commands.md), judged as filed on its event date."""
    if claim.channel == Channel.RECORD:
        return claim.discharge or claim.birth_date
    return timezone.localdate(claim.submitted_at) if claim.submitted_at else timezone.localdate()


def claim_estimate(claim: Claim) -> quotes.Quote:
    """What the member would get, shown before sending. Writes nothing."""
    return _quote(claim, filed_on(claim))[0]


@transaction.atomic
def claim_compute(*, actor, claim: Claim, cause: str) -> Computation:
    """Run the engine, freeze the parameter version it used (the first computation against a
    period freezes its parameters), and store the lines, refusals, duplicate-stay and
    missing-material findings and the trace. The claim's amount follows the new total."""
    quote, before = _quote(claim, filed_on(claim))
    parameter_set = mutual_aid_services.parameters_freeze(actor=actor, period=quote.period)
    if parameter_set.label != quote.parameters_version:  # a new version appeared meanwhile
        quote, before = _quote(claim, filed_on(claim))
        parameter_set = mutual_aid_services.parameters_freeze(actor=actor, period=quote.period)
    trace = [text for line in quote.lines for text in line.texts]
    trace += [text for refusal in quote.refused for text in refusal.texts]
    trace.append(_("Total %(amount)s yuan") % {"amount": fmt_yuan(quote.total)})
    computation = Computation.objects.create(
        claim=claim,
        period=quote.period,
        parameter_set=parameter_set,
        total=quote.total,
        trace="\n".join(trace),
        before_subsidy=before.inpatient_subsidy,
        before_allowance_days=before.inpatient_allowance_days,
        before_critical=before.critical_paid,
        before_female=before.female_paid,
        cause=cause,
        computed_by=actor,
    )
    ComputationLine.objects.bulk_create(
        ComputationLine(
            computation=computation,
            code=line.code,
            label=line.label,
            amount=line.amount,
            days=int(line.inputs["paid_days"]) if "paid_days" in line.inputs else None,
            explanation="\n".join(line.texts),
        )
        for line in quote.lines
    )
    findings = [
        Finding(computation=computation, code=r.reason, plan=r.plan, text=" ".join(r.texts))
        for r in quote.refused
    ]
    findings += [
        Finding(
            computation=computation,
            code=DUPLICATE_STAY,
            text=_("The same stay is also claimed in %(reference)s (%(status)s).")
            % {"reference": other.reference, "status": other.get_status_display()},
        )
        for other in selectors.duplicate_claims(claim)
    ]
    findings += [
        Finding(
            computation=computation,
            code=MISSING_MATERIAL,
            text=_("Missing: %(material)s") % {"material": MaterialKind(kind).label},
        )
        for kind in selectors.missing_materials(claim)
    ]
    findings += [
        Finding(computation=computation, code=UNPAID_CONTRIBUTION, text=notice)
        for notice in quote.notices
    ]
    if claim.settlement_reversed_at is not None:
        findings.append(
            Finding(
                computation=computation,
                code=SETTLEMENT_REVERSED,
                text=_("The medical insurance bureau reversed the settlement of this stay."),
            )
        )
    Finding.objects.bulk_create(findings)
    Claim.objects.filter(pk=claim.pk).update(
        computation=computation, amount=quote.total, period=quote.period
    )
    claim.computation, claim.amount, claim.period = computation, quote.total, quote.period
    return computation


def before_changed(claim: Claim) -> bool:
    """Whether what the member was granted in the period changed since the computation."""
    computation = claim.computation
    now = selectors.paid_before(member=claim.member, period=computation.period, exclude=claim)
    return now != Before(
        inpatient_subsidy=computation.before_subsidy,
        inpatient_allowance_days=computation.before_allowance_days,
        critical_paid=computation.before_critical,
        female_paid=computation.before_female,
    )
