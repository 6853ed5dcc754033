"""Demo data: a few contracts in the demo federation (LQ) — the demo member's wage contract,
a regional one, one late for filing, one ending soon, this year's March campaign — and a
second federation, 桐乡市总工会 (code TX), whose register at the end of 2019 gives the seed's
figures exactly: 1,861 special wage contracts of single-union enterprises, all renewed
(100%), covering 153,194 workers. Names and numbers are invented."""

import datetime
import random

from django.utils import timezone
from stdnum.cn import uscc

from gonghui.contracts.models import (
    Campaign,
    Contract,
    ContractEnterprise,
    ContractEvent,
    Kind,
    Level,
    Status,
    Target,
)
from gonghui.contracts.services.campaign import target_reasons
from gonghui.core.services import service_switch_set
from gonghui.orgs.models import Enterprise, Organisation, OrgKind
from gonghui.orgs.services import rebuild_paths

TX = ("TX", "桐乡市总工会")
TX_AREAS = [
    ("TX01", "梧桐街道总工会", OrgKind.STREET),
    ("TX02", "凤鸣街道总工会", OrgKind.STREET),
    ("TX03", "龙翔街道总工会", OrgKind.STREET),
    ("TX04", "濮院镇总工会", OrgKind.TOWN),
    ("TX05", "崇福镇总工会", OrgKind.TOWN),
    ("TX06", "洲泉镇总工会", OrgKind.TOWN),
    ("TX07", "乌镇镇总工会", OrgKind.TOWN),
    ("TX08", "屠甸镇总工会", OrgKind.TOWN),
]
TX_INDUSTRIES = ["毛衫", "化纤", "皮草", "机械", "电子", "食品", "纺织", "物流"]
TX_CONTRACTS = 1861
TX_WORKERS = 153_194
TX_FIRST = datetime.date(2018, 3, 1)  # the 2018 contracts, renewed from 1 March 2019
TX_SECOND = datetime.date(2019, 3, 1)


def load(orgs: dict) -> None:
    _load_lq(orgs)
    _load_tx()


def _add(*, federation, org, title, level, kind, starts_on, ends_on, signed_on, bound, **fields):
    status = fields.pop("status", Status.EFFECTIVE)
    filed_on = fields.pop("filed_on", signed_on + datetime.timedelta(days=5))
    contract = Contract.objects.create(
        federation=federation,
        org=org,
        title=title,
        level=level,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        signed_on=signed_on,
        filed_on=filed_on if status != Status.SIGNED else None,
        effective_on=filed_on + datetime.timedelta(days=15) if status == Status.EFFECTIVE else None,
        status=status,
        **fields,
    )
    ContractEnterprise.objects.bulk_create(
        ContractEnterprise(contract=contract, enterprise=enterprise, workers_covered=workers)
        for enterprise, workers in bound
    )
    ContractEvent.objects.create(
        contract=contract, action="sign", to_status=Status.SIGNED, on=signed_on
    )
    if status != Status.SIGNED:
        ContractEvent.objects.create(
            contract=contract, action="file", from_status=Status.SIGNED, to_status=Status.FILED,
            on=filed_on,
        )  # fmt: skip
    if status == Status.EFFECTIVE:
        ContractEvent.objects.create(
            contract=contract, action="take_effect", from_status=Status.FILED, to_status=status,
            on=contract.effective_on,
        )  # fmt: skip
    return contract


def _load_lq(orgs: dict) -> None:
    federation, town, union = orgs["federation"], orgs["town"], orgs["union"]
    if Contract.objects.filter(federation=federation).exists():
        return
    today = timezone.localdate()
    year_start = datetime.date(today.year, 1, 1)
    own = orgs["member"].enterprise
    wage = dict(average_wage="6850.00", adjustment_pct="6.50", lowest_wage="2490.00")
    _add(
        federation=federation, org=union, title=f"{own.name}{today.year}年工资专项集体合同",
        level=Level.ENTERPRISE, kind=Kind.WAGE, starts_on=year_start,
        ends_on=datetime.date(today.year, 12, 31), signed_on=year_start - datetime.timedelta(days=20),
        bound=[(own, max(own.staff_count - 5, 1))], union_signatory="张主席",
        union_chair_mobile="13900000099", employer_signatory="王总经理", congress_present=60,
        congress_for=58, congress_against=1, pay_day="每月15日", **wage,
    )  # fmt: skip
    neighbours = list(Enterprise.objects.filter(area=town).exclude(pk=own.pk).order_by("pk")[:4])
    _add(
        federation=federation, org=town, title=f"{town.name.removesuffix('总工会')}区域性集体合同",
        level=Level.REGIONAL, kind=Kind.COMPREHENSIVE, starts_on=year_start - datetime.timedelta(days=365),
        ends_on=today + datetime.timedelta(days=50), signed_on=year_start - datetime.timedelta(days=380),
        bound=[(own, max(own.staff_count - 5, 1)), *[(e, max(e.staff_count - 2, 1)) for e in neighbours]],
        union_signatory="李主席", union_chair_mobile="13900000098",
    )  # fmt: skip
    _add(
        federation=federation, org=union, title=f"{own.name}劳动安全卫生专项集体合同",
        level=Level.ENTERPRISE, kind=Kind.SAFETY, starts_on=today - datetime.timedelta(days=12),
        ends_on=today + datetime.timedelta(days=3 * 365), signed_on=today - datetime.timedelta(days=14),
        bound=[(own, max(own.staff_count - 5, 1))], status=Status.SIGNED,
    )  # fmt: skip
    campaign = Campaign.objects.create(federation=federation, year=today.year, reply_days=20)
    candidates = dict(
        Enterprise.objects.filter(
            union__path__startswith=federation.path, staff_count__gte=25
        ).values_list("pk", "union_id")
    )
    reasons = target_reasons(list(candidates), today.year, today)
    Target.objects.bulk_create(
        Target(campaign=campaign, enterprise_id=pk, union_id=candidates[pk], reasons=found)
        for pk, found in reasons.items()
        if found
    )


def _credit(number: int) -> str:
    body = f"91330483{number:08d}X"
    return body + uscc.calc_check_digit(body)


def _load_tx() -> None:
    if Organisation.objects.filter(code=TX[0]).exists():
        return
    rng = random.Random(20191231)
    federation = Organisation.objects.create(code=TX[0], name=TX[1], kind=OrgKind.FEDERATION)
    areas = [
        Organisation.objects.create(code=code, name=name, kind=kind, parent=federation)
        for code, name, kind in TX_AREAS
    ]
    rebuild_paths([federation])
    for area in areas:
        area.refresh_from_db()
    # The workers of the 1,861 contracts sum to exactly 153,194: even shares, then moved in
    # pairs (what one enterprise gains its neighbour loses).
    base, extra = divmod(TX_WORKERS, TX_CONTRACTS)
    workers = [base + (index < extra) for index in range(TX_CONTRACTS)]
    for index in range(0, TX_CONTRACTS - 1, 2):
        shift = rng.randint(0, 55)
        workers[index] += shift
        workers[index + 1] -= shift
    placed = [
        (areas[index % len(areas)], rng.choice(TX_INDUSTRIES)) for index in range(TX_CONTRACTS)
    ]
    unions = Organisation.objects.bulk_create(
        Organisation(
            code=f"{area.code}-U{index + 1:04d}",
            name=f"桐乡市{index + 1:04d}号{industry}有限公司工会委员会",
            kind=OrgKind.SINGLE,
            parent=area,
            depth=2,
        )
        for index, (area, industry) in enumerate(placed)
    )
    for union, (area, _industry) in zip(unions, placed, strict=True):
        union.path = f"{area.path}{union.pk}/"
    Organisation.objects.bulk_update(unions, ["path"], batch_size=500)
    enterprises = Enterprise.objects.bulk_create(
        Enterprise(
            name=union.name.removesuffix("工会委员会"),
            credit_code=_credit(index + 1),
            staff_count=workers[index] + rng.randint(0, 12),
            industry=industry,
            address=f"{area.name.removesuffix('总工会')}{rng.randint(1, 500)}号",
            union=union,
            area=area,
        )
        for index, (union, (area, industry)) in enumerate(zip(unions, placed, strict=True))
    )
    first = _tx_year(federation, unions, enterprises, workers, TX_FIRST, renewing=None, rng=rng)
    _tx_year(federation, unions, enterprises, workers, TX_SECOND, renewing=first, rng=rng)
    service_switch_set(
        actor=None, federation=federation, key="contracts", enabled=True, note="演示数据"
    )


def _tx_year(federation, unions, enterprises, workers, start, *, renewing, rng):
    end = datetime.date(start.year + 1, start.month, 1) - datetime.timedelta(days=1)
    contracts = []
    for index, union in enumerate(unions):
        signed_on = start - datetime.timedelta(days=rng.randint(5, 25))
        filed_on = signed_on + datetime.timedelta(days=rng.randint(1, 10))
        contracts.append(
            Contract(
                federation=federation,
                org=union,
                title=f"{enterprises[index].name}{start.year}年度工资专项集体合同",
                level=Level.ENTERPRISE,
                kind=Kind.WAGE,
                starts_on=start,
                ends_on=end,
                signed_on=signed_on,
                filed_on=filed_on,
                effective_on=filed_on + datetime.timedelta(days=15),
                status=Status.EFFECTIVE,
                average_wage=f"{rng.randint(4800, 7600)}.00",
                adjustment_pct=f"{rng.choice(('4.5', '5.0', '5.5', '6.0', '6.5', '7.0'))}",
                renews=renewing[index] if renewing else None,
            )  # fmt: skip
        )
    contracts = Contract.objects.bulk_create(contracts, batch_size=500)
    previous = start.year < TX_SECOND.year
    ContractEnterprise.objects.bulk_create(
        (
            ContractEnterprise(
                contract=contract,
                enterprise=enterprises[index],
                workers_covered=workers[index] - (rng.randint(0, 4) if previous else 0),
            )
            for index, contract in enumerate(contracts)
        ),
        batch_size=1000,
    )
    ContractEvent.objects.bulk_create(
        (
            ContractEvent(
                contract=contract,
                action="import",
                to_status=Status.EFFECTIVE,
                on=contract.signed_on,
            )
            for contract in contracts
        ),
        batch_size=1000,
    )
    return contracts
