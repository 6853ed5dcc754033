"""Step 4 of a feed (see feed.py): compute what each matched record is owed with the rules
engine and write its notice. Records come back in order of member, discharge date and
serial number (so caps fill up as the stays happened, whatever the order of the file), a
page of whole members at a time with their enrollments; each member starts from what was
already granted in the period (selectors.amounts_paid_before, the claims hook)."""

import datetime
import json
from collections import defaultdict
from decimal import Decimal

from django.db.models import Exists, OuterRef

from gonghui.claims.models import Channel, Claim
from gonghui.core.models import ImportJob
from gonghui.core.money import fmt_yuan
from gonghui.medinsure import handoff
from gonghui.medinsure.bulk import copy_lines, copy_text, db_value, insert_rows, is_postgresql
from gonghui.medinsure.models import (
    BenefitNotice,
    CancerHint,
    Category,
    NoticeKind,
    NoticeStatus,
    RecordKind,
    SettlementImport,
    SettlementRecord,
)
from gonghui.medinsure.selectors import amounts_paid_before, any_paid_before
from gonghui.medinsure.services.staging import CHUNK_ROWS, NULL
from gonghui.mutual_aid import quotes
from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Plan
from gonghui.mutual_aid.rules import Before, Event

ZERO = Decimal("0")

# Only 住院 feeds INPATIENT and 生育 feeds MATERNITY (medical-insurance-feed.md). The engine
# refuses a special outpatient visit for INPATIENT (NOT_COVERED_CATEGORY) and no plan covers
# an ordinary outpatient visit, so those records are matched but never computed.
_COMPUTED = (Category.INPATIENT, Category.MATERNITY)
_RECORD_FIELDS = (
    "id",
    "member_id",
    "period_id",
    "serial",
    "category",
    "admission",
    "discharge",
    "place",
    "self_responsibility",
    "cancer_hint",
    "member__gender",
    "member__basic_medical_insurance",
    "member__maternity_insurance",
    "reversed",
)
NOTICE_COLUMNS = [
    "record_id",
    "batch_id",
    "member_id",
    "period_id",
    "kind",
    "status",
    "total",
    "inpatient_subsidy",
    "inpatient_allowance_days",
    "lines",
    "refused",
    "trace",
    "parameter_set_id",
    "parameters_version",
    "discharge",
    "created_at",
    "bank_card_masked",
    "claim_id",
]


def compute(feed, run) -> tuple[int, Decimal, int]:
    """Notices for the feed's matched records, a page of whole members at a time, each page
    in its own transaction with the checkpoint (the last member computed and the running
    totals), so a resumed import goes on after it. Returns how many notices with an amount
    were made, their sum, and how many notices were made in all (resumed runs included)."""
    matched = SettlementRecord.objects.filter(
        batch=feed.batch, member__isnull=False, kind=RecordKind.NORMAL
    )
    computed = matched.filter(category__in=_COMPUTED)
    reversal = SettlementRecord.objects.filter(
        federation_id=OuterRef("federation_id"),
        kind=RecordKind.REVERSAL,
        original_serial=OuterRef("serial"),
    )
    records = (
        computed.annotate(reversed=Exists(reversal))
        .order_by("member_id", "discharge", "serial")
        .values_list(*_RECORD_FIELDS)
    )
    period_ids = [period.pk for period in feed.periods]
    look_back = any_paid_before(period_ids, exclude_batch_id=feed.batch.pk)
    feed.hand_claims = Claim.objects.exclude(channel=Channel.RECORD).exists()
    progress = feed.batch.progress
    totals = [progress.get("benefits", 0), Decimal(progress.get("amount", "0")), 0]
    totals[2] = progress.get("notices", 0)
    done = 0
    while page := _page(records, progress.get("computed_to", 0)):
        plans_of = _plans_of(sorted({record[1] for record in page}), period_ids)
        with run.transaction():
            _compute_chunk(feed, page, plans_of, look_back, totals)
            progress.update(
                computed_to=page[-1][1],
                benefits=totals[0],
                amount=str(totals[1]),
                notices=totals[2],
            )
            SettlementImport.objects.filter(pk=feed.batch.pk).update(progress=progress)
        done += len(page)
        run.beat(done, ImportJob.Phase.WRITING)
    return totals[0], totals[1], totals[2]


def _page(records, after: int) -> list[tuple]:
    """The next CHUNK_ROWS records or so after member `after`, ending with a whole member."""
    page = list(records.filter(member_id__gt=after)[:CHUNK_ROWS])
    if len(page) < CHUNK_ROWS:
        return page
    last = page[-1][1]
    whole = [record for record in page if record[1] != last]
    return whole or list(records.filter(member_id=last))


def _plans_of(member_ids: list[int], period_ids: list[int]) -> dict:
    """(member, period) -> {(enrolled on, renewal): plans} for the members' effective
    enrollments in the feed's periods."""
    plans_of: dict[tuple[int, int], dict] = {}
    enrollments = Enrollment.objects.filter(
        status=EnrollmentStatus.EFFECTIVE, period_id__in=period_ids, member_id__in=member_ids
    ).values_list("member_id", "period_id", "plan", "enrolled_on", "renewal")
    for member_id, period_id, plan, enrolled_on, renewal in enrollments:
        groups = plans_of.setdefault((member_id, period_id), defaultdict(set))
        groups[(_day(enrolled_on), bool(renewal))].add(plan)
    return plans_of


def _compute_chunk(feed, records: list[tuple], plans_of: dict, look_back: bool, totals):
    """Compute a run of whole members' records (in order) and write their notices."""
    member_ids = sorted({record[1] for record in records})
    before = (
        amounts_paid_before(
            member_ids,
            {record[2] for record in records},
            exclude_batch_id=feed.batch.pk,
        )
        if look_back
        else {}
    )
    claimed = handoff.stays_claimed_by_hand(member_ids) if feed.hand_claims else {}
    created_at = db_value(BenefitNotice, "created_at", feed.now)
    as_text = is_postgresql()
    rows = []
    for (
        record_id,
        member_id,
        period_id,
        serial,
        category,
        admission,
        discharge,
        place,
        self_responsibility,
        hint,
        gender,
        basic,
        maternity,
        reversed_,
    ) in records:
        if reversed_:
            continue
        discharge, admission = _day(discharge), admission and _day(admission)
        key = (member_id, period_id)
        period, parameter_set, parameters, engine_period = feed.computing(period_id)
        groups = plans_of.get(key, {})
        if category == Category.INPATIENT:
            event = Event(
                type="inpatient",
                admission=admission,
                discharge=discharge,
                place=place,
                self_responsibility=Decimal(self_responsibility),
            )
        else:
            event = Event(type="birth", date=discharge)
        so_far = before.get(key) or Before()
        # The claim deadline does not apply to records the bureau sends (commands.md): the
        # record is computed as if filed on its event date, which lies within the period.
        results = quotes.results_for_groups(
            parameters=parameters,
            period=engine_period,
            facts={
                "gender": gender,
                "basic_medical_insurance": bool(basic),
                "maternity_insurance": bool(maternity),
            },
            groups=groups,
            event=event,
            filed_on=discharge,
            before=so_far,
        )
        quote = quotes.quote_from_results(period, results, parameter_set.label)
        kind = NoticeKind.BENEFIT
        if category == Category.INPATIENT and _asks_pathology(
            hint, gender, set().union(*groups.values()) if groups else set()
        ):
            kind = NoticeKind.NEEDS_PATHOLOGY_REPORT
        # A record owed nothing gets no notice, unless the member is to be asked for the
        # pathology report (that notice stands even at 0 yuan, but, like commands.md's
        # `benefits`, only notices above zero are counted and summed).
        if quote.total <= 0 and kind == NoticeKind.BENEFIT:
            continue
        # A stay the member already filed by hand meets its record as one claim.
        hand_claim, hand_granted = (
            handoff.claimed_by_hand(
                claimed[member_id],
                category=category,
                admission=admission,
                discharge=discharge,
                serial=serial,
            )
            if member_id in claimed
            else (None, False)
        )
        lines = {line.code: line.amount for line in quote.lines}
        subsidy = lines.get("INPATIENT.subsidy", ZERO)
        days = _allowance_days(results) if "INPATIENT.allowance" in lines else 0
        if not hand_granted:  # a granted claim is in `before` already, with its own lines
            before[key] = Before(
                inpatient_subsidy=so_far.inpatient_subsidy + subsidy,
                inpatient_allowance_days=so_far.inpatient_allowance_days + days,
                critical_paid=so_far.critical_paid,
                female_paid=so_far.female_paid,
            )
        values = (
            record_id,
            feed.batch.pk,
            member_id,
            period_id,
            kind,
            NoticeStatus.PENDING if hand_claim is None else NoticeStatus.MERGED,
            quote.total,
            subsidy,
            days,
            json.dumps({code: str(value) for code, value in lines.items()}),
            json.dumps({item.plan: item.reason for item in quote.refused}),
            json.dumps(_trace(results, quote.total), ensure_ascii=False),
            parameter_set.pk,
            parameter_set.label,
            discharge,
            created_at,
            "",
            hand_claim,
        )
        rows.append(_notice_line(values) if as_text else values)
        totals[2] += 1
        if quote.total > 0:
            totals[0] += 1
            totals[1] += quote.total
    if as_text:
        copy_lines(BenefitNotice, NOTICE_COLUMNS, rows)
    else:
        insert_rows(BenefitNotice, NOTICE_COLUMNS, rows)


def _notice_line(values: tuple) -> str:
    """A notice in COPY's text format (JSON escaped for COPY)."""
    return "\t".join(
        (
            *(str(value) for value in values[:9]),
            copy_text(values[9]),
            copy_text(values[10]),
            copy_text(values[11]),
            str(values[12]),
            copy_text(values[13]),
            values[14].isoformat(),
            values[15].isoformat(),
            values[16],
            NULL if values[17] is None else str(values[17]),
        )
    )


def _day(value) -> datetime.date:
    """A DateField read back (SQLite may give text through raw paths)."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _asks_pathology(hint: str, gender: str, plans: set[str]) -> bool:
    """A malignant diagnosis (C00–C97) may call on CRITICAL; one of breast or female organs
    (C50–C58) on FEMALE for a woman too; carcinoma in situ never. Such plans are not paid from
    the record: the member is asked for the pathology report."""
    if hint not in (CancerHint.MALIGNANT, CancerHint.FEMALE_MALIGNANT):
        return False
    if Plan.CRITICAL in plans:
        return True
    return hint == CancerHint.FEMALE_MALIGNANT and gender == "female" and Plan.FEMALE in plans


def _allowance_days(results) -> int:
    result = results.get("INPATIENT")
    if result is None:
        return 0
    for step in result.trace:
        if step.rule == "INPATIENT.allowance":
            return int(step.inputs["paid_days"])
    return 0


def _trace(results, total: Decimal) -> list[dict]:
    """Each plan's steps from the result that decided it, then the total."""
    steps, seen = [], set()
    for plan, result in results.items():
        for step in result.trace:
            key = (step.plan, step.rule, step.text)
            if step.plan == plan and key not in seen:
                seen.add(key)
                steps.append(
                    {
                        "plan": step.plan,
                        "line": step.line,
                        "rule": step.rule,
                        "inputs": step.inputs,
                        "text": step.text,
                    }
                )
    steps.append(
        {
            "plan": "",
            "line": None,
            "rule": "total",
            "inputs": {"total": str(total)},
            "text": f"合计 {fmt_yuan(total)} 元",
        }
    )
    return steps
