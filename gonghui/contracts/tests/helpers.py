"""Contracts for the tests: an enterprise contract signed on a given day."""

import datetime

from gonghui.contracts.models import Kind, Level
from gonghui.contracts.services import register
from gonghui.orgs.tests.factories import enterprise

DAY = datetime.date


def signed(
    actor, org, bound, *, on=DAY(2025, 3, 1), months=12, kind=Kind.WAGE, level=None, **fields
):
    """A contract signed on `on`, running a year from it."""
    fields.setdefault("title", "测试工资专项集体合同")
    end = DAY(on.year + months // 12, on.month, on.day) - datetime.timedelta(days=1)
    return register.contract_create(
        actor=actor,
        org=org,
        level=level or (Level.ENTERPRISE if len(bound) == 1 else Level.REGIONAL),
        kind=kind,
        starts_on=fields.pop("starts_on", on),
        ends_on=fields.pop("ends_on", end),
        signed_on=on,
        bound=bound,
        **fields,
    )


def effective(actor, org, bound, *, on=DAY(2025, 3, 1), **fields):
    """Signed, filed the same day, and effective 15 days later."""
    contract = signed(actor, org, bound, on=on, **fields)
    register.contract_file(actor=actor, contract=contract, filed_on=on)
    register.contracts_take_effect(on + datetime.timedelta(days=15))
    contract.refresh_from_db()
    return contract


def firm(union, area, staff_count=100, **kwargs):
    return enterprise(union, area, staff_count=staff_count, **kwargs)
