"""Reads, always scoped: staff see the contracts and campaign targets of their subtree,
members the contract that covers them. Coverage and the renewal rate are computed from rows."""

import datetime
from collections import defaultdict

from django.db.models import Q, QuerySet
from django.utils import timezone

from gonghui.accounts import roles
from gonghui.contracts.models import (
    Campaign,
    Contract,
    ContractEnterprise,
    Kind,
    Level,
    Status,
    Target,
)
from gonghui.core.money import percent
from gonghui.orgs.models import Enterprise, Member, OrgKind
from gonghui.orgs.selectors import enterprises_visible_to

RENEWAL_WINDOWS = (30, 60, 90)


def contracts_visible_to(user) -> QuerySet[Contract]:
    if not roles.is_staff(user):
        return Contract.objects.none()
    return Contract.objects.filter(org__path__startswith=user.org.path)


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    if not roles.is_staff(user):
        return Campaign.objects.none()
    root = user.org.path.strip("/").split("/")[0]
    return Campaign.objects.filter(federation_id=int(root))


def targets_visible_to(user) -> QuerySet[Target]:
    if not roles.is_staff(user):
        return Target.objects.none()
    return Target.objects.filter(union__path__startswith=user.org.path)


def in_force(queryset, on: datetime.date):
    return queryset.filter(
        status=Status.EFFECTIVE, effective_on__lte=on, starts_on__lte=on, ends_on__gte=on
    )


def member_contracts(user, on: datetime.date | None = None) -> list[Contract]:
    """The contracts in force that cover the member's enterprise (enterprise and regional)."""
    member = Member.objects.filter(user=user).select_related("enterprise").first()
    if member is None or member.enterprise_id is None:
        return []
    on = on or timezone.localdate()
    rows = in_force(Contract.objects.filter(links__enterprise_id=member.enterprise_id), on)
    return list(rows.select_related("org").order_by("level", "kind", "-starts_on"))


def late_contracts(user, today: datetime.date | None = None) -> list[Contract]:
    """Steps of the filing clock that are late: not filed within 10 days of signing, or the
    objection period over without the effect recorded."""
    today = today or timezone.localdate()
    rows = contracts_visible_to(user).filter(status__in=(Status.SIGNED, Status.FILED))
    return [c for c in rows.select_related("org") if c.late_step(today)]


def renewals_due(user, today: datetime.date | None = None, within: int = 90) -> list[dict]:
    """Contracts in force ending in the next `within` days and not yet renewed, with the
    window (30/60/90) each falls in."""
    today = today or timezone.localdate()
    rows = (
        contracts_visible_to(user)
        .filter(status=Status.EFFECTIVE, ends_on__gte=today)
        .filter(ends_on__lte=today + datetime.timedelta(days=within), renewal__isnull=True)
        .select_related("org", "org__parent")
        .order_by("ends_on", "id")
    )
    result = []
    for contract in rows:
        left = (contract.ends_on - today).days
        window = next(days for days in RENEWAL_WINDOWS if left <= days)
        grassroots = contract.org.kind in (OrgKind.SINGLE, OrgKind.JOINT)
        town = contract.org.parent if grassroots else contract.org
        result.append({"contract": contract, "days_left": left, "window": window, "town": town})
    return result


def renewal_rate(contracts: QuerySet[Contract], year: int) -> dict:
    """Contracts renewed ÷ contracts that expired in the year (those ending in it that had
    taken effect), from the rows."""
    expired = contracts.filter(ends_on__year=year, status=Status.EFFECTIVE)
    total = expired.count()
    renewed = expired.filter(renewal__isnull=False).count()
    return {"expired": total, "renewed": renewed, "rate": percent(renewed, total)}


def _enterprise_rows(enterprises: QuerySet[Enterprise]) -> dict[int, dict]:
    return {
        row["id"]: row
        for row in enterprises.values(
            "id", "staff_count", "industry", "union_id", "area__name", "area__path"
        )
    }


def coverage(enterprises: QuerySet[Enterprise], on: datetime.date) -> dict:
    """Enterprises with a contract in force and the workers it covers. An enterprise bound by
    an enterprise contract and a regional one counts once, its workers once (the larger of the
    figures given for it)."""
    rows = _enterprise_rows(enterprises)
    links = ContractEnterprise.objects.filter(
        enterprise_id__in=list(rows),
        contract__status=Status.EFFECTIVE,
        contract__effective_on__lte=on,
        contract__starts_on__lte=on,
        contract__ends_on__gte=on,
    ).values_list("enterprise_id", "workers_covered", "contract__kind", "contract__level")
    workers: dict[int, int] = {}
    by_kind: dict[str, dict[int, int]] = defaultdict(dict)
    by_level: dict[str, set[int]] = defaultdict(set)
    for enterprise_id, covered, kind, level in links:
        covered = min(covered, rows[enterprise_id]["staff_count"] or covered)
        workers[enterprise_id] = max(workers.get(enterprise_id, 0), covered)
        by_kind[kind][enterprise_id] = max(by_kind[kind].get(enterprise_id, 0), covered)
        by_level[level].add(enterprise_id)

    def figures(ids) -> dict:
        ids = list(ids)
        unionised = [i for i in ids if rows[i]["union_id"]]
        big = [i for i in ids if rows[i]["staff_count"] >= 25]
        covered = [i for i in ids if i in workers]
        staff = sum(rows[i]["staff_count"] for i in covered)
        count = sum(workers[i] for i in covered)
        return {
            "enterprises": len(ids),
            "unionised": len(unionised),
            "covered_unionised": sum(i in workers for i in unionised),
            "rate_unionised": percent(sum(i in workers for i in unionised), len(unionised)),
            "big": len(big),
            "covered_big": sum(i in workers for i in big),
            "rate_big": percent(sum(i in workers for i in big), len(big)),
            "covered": len(covered),
            "workers": count,
            "staff_of_covered": staff,
            "rate_workers": percent(count, staff),
        }

    def grouped(key, order=None) -> list[dict]:
        groups: dict[tuple, list[int]] = defaultdict(list)
        for i, row in rows.items():
            groups[(row[order] if order else "", row[key] or "—")].append(i)
        return [{"name": name, **figures(ids)} for (_o, name), ids in sorted(groups.items())]

    return {
        "on": on,
        "totals": figures(rows),
        "by_town": grouped("area__name", order="area__path"),
        "by_industry": grouped("industry"),
        "by_kind": [
            {
                "kind": kind,
                "label": Kind(kind).label,
                "enterprises": len(by_kind.get(kind, {})),
                "workers": sum(by_kind.get(kind, {}).values()),
            }
            for kind in Kind.values
        ],
        "by_level": {level: len(by_level.get(level, ())) for level in Level.values},
    }


def coverage_for(user, on: datetime.date | None = None) -> dict:
    return coverage(enterprises_visible_to(user), on or timezone.localdate())


def in_force_by_kind_and_level(contracts: QuerySet[Contract], on: datetime.date) -> list[dict]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for kind, level in in_force(contracts, on).values_list("kind", "level"):
        counts[(kind, level)] += 1
    return [
        {
            "kind": Kind(kind).label,
            **{level: counts[(kind, level)] for level in Level.values},
            "total": sum(counts[(kind, level)] for level in Level.values),
        }
        for kind in Kind.values
    ]


def seed_figures(contracts: QuerySet[Contract], on: datetime.date) -> dict:
    """The seed's figures (Tongxiang, end of 2019): special wage contracts of single-union
    enterprises in force, the year's renewal rate and the workers those contracts cover."""
    wage = in_force(contracts, on).filter(
        kind=Kind.WAGE, level=Level.ENTERPRISE, org__kind=OrgKind.SINGLE
    )
    workers = ContractEnterprise.objects.filter(contract__in=wage).values_list(
        "workers_covered", flat=True
    )
    return {
        "wage_contracts": wage.count(),
        "renewal": renewal_rate(contracts, on.year),
        "workers": sum(workers),
    }


def filing_punctuality(contracts: QuerySet[Contract], year: int) -> dict:
    signed = contracts.filter(signed_on__year=year).exclude(filed_on=None)
    rows = list(signed.values_list("signed_on", "filed_on"))
    on_time = sum((filed - signed_on).days <= 10 for signed_on, filed in rows)
    return {"filed": len(rows), "on_time": on_time, "rate": percent(on_time, len(rows))}


def campaign_report(campaign: Campaign, targets: QuerySet[Target]) -> list[dict]:
    """The provincial summary table: by town, targeted, 要约 sent, replies, contracts signed,
    workers covered; the last row the total."""
    towns: dict[str, dict] = {}
    fields = ("targeted", "confirmed", "sent", "agreed", "refused", "no_reply", "signed", "workers")
    today = timezone.localdate()
    rows = targets.filter(campaign=campaign).select_related(
        "enterprise__area", "campaign", "contract"
    )
    for target in rows.prefetch_related("contract__links"):
        area = target.enterprise.area
        town = towns.setdefault((area.path, area.name), dict.fromkeys(fields, 0))
        town["targeted"] += 1
        town["confirmed"] += target.confirmed_at is not None
        town["sent"] += target.sent_on is not None
        town["agreed"] += target.reply == "agreed"
        town["refused"] += target.reply == "refused"
        town["no_reply"] += target.no_reply(today)
        if target.contract is not None:
            town["signed"] += 1
            town["workers"] += sum(
                link.workers_covered
                for link in target.contract.links.all()
                if link.enterprise_id == target.enterprise_id
            )
    result = [{"town": name, **values} for (_path, name), values in sorted(towns.items())]
    total = {key: sum(row[key] for row in result) for key in fields}
    return [*result, {"town": None, **total}]


def contract_q_for_enterprise(enterprise_id: int) -> Q:
    return Q(links__enterprise_id=enterprise_id)
