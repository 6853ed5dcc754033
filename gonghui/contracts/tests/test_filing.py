"""The filing clock: signed → filed within 10 days → effective 15 days after filing, or an
objection; each step an event row; late steps flagged; bad dates refused, nothing changed."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from gonghui.contracts import selectors
from gonghui.contracts.models import Contract, ContractEvent, Status
from gonghui.contracts.services import register
from gonghui.contracts.tasks import contracts_take_effect
from gonghui.contracts.tests.helpers import DAY, firm, signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_contract(on, staff):
    with time_machine.travel(datetime.datetime(2025, 3, 1, 10), tick=False):
        return signed(staff.union_a1, on.union_a1, [(firm(on.union_a1, on.town_a), 80)])


def test_a_signed_contract_is_due_for_filing_on_day_ten_and_late_on_day_eleven(
    signed_contract, staff
):
    assert signed_contract.status == Status.SIGNED
    assert signed_contract.file_due_on == DAY(2025, 3, 11)
    with time_machine.travel(datetime.datetime(2025, 3, 11, 10), tick=False):
        assert selectors.late_contracts(staff.union_a1) == []
    with time_machine.travel(datetime.datetime(2025, 3, 12, 9), tick=False):
        assert selectors.late_contracts(staff.town_a) == [signed_contract]
        assert signed_contract.late_step(DAY(2025, 3, 12)) == "filing"
        assert selectors.late_contracts(staff.town_b) == []


def test_filed_on_day_ten_is_on_time_and_on_day_eleven_is_marked_late(signed_contract, staff):
    with time_machine.travel(datetime.datetime(2025, 3, 20, 9), tick=False):
        filed = register.contract_file(
            actor=staff.union_a1, contract=signed_contract, filed_on=DAY(2025, 3, 11)
        )
    assert filed.status == Status.FILED and not filed.filed_late
    assert filed.objection_ends_on == DAY(2025, 3, 26)
    event = ContractEvent.objects.filter(contract=filed).last()
    assert (event.action, event.from_status, event.to_status, event.note) == (
        "file",
        "signed",
        "filed",
        "",
    )


def test_the_contract_is_effective_on_day_fifteen_after_filing_not_on_day_fourteen(
    signed_contract, staff
):
    with time_machine.travel(datetime.datetime(2025, 3, 5, 9), tick=False):
        register.contract_file(
            actor=staff.union_a1, contract=signed_contract, filed_on=DAY(2025, 3, 5)
        )
    with time_machine.travel(datetime.datetime(2025, 3, 19, 10), tick=False):
        assert contracts_take_effect.call() == 0
    signed_contract.refresh_from_db()
    assert signed_contract.status == Status.FILED
    with time_machine.travel(datetime.datetime(2025, 3, 20, 1), tick=False):
        assert contracts_take_effect.call() == 1
        assert contracts_take_effect.call() == 0  # once
    signed_contract.refresh_from_db()
    assert signed_contract.status == Status.EFFECTIVE
    assert signed_contract.effective_on == DAY(2025, 3, 20)
    actions = list(signed_contract.events.values_list("action", flat=True))
    assert actions == ["sign", "file", "take_effect"]


def test_a_filing_date_before_the_signing_date_is_refused_and_nothing_changes(
    signed_contract, staff
):
    with pytest.raises(ValidationError) as refused:
        register.contract_file(
            actor=staff.union_a1, contract=signed_contract, filed_on=DAY(2025, 2, 28)
        )
    assert "备案日期（2025-02-28）早于签订日期（2025-03-01）" in str(refused.value)
    signed_contract.refresh_from_db()
    assert signed_contract.status == Status.SIGNED and signed_contract.filed_on is None
    assert signed_contract.events.count() == 1


def test_an_objection_sends_it_back_to_the_table_and_it_never_takes_effect(signed_contract, staff):
    register.contract_file(actor=staff.town_a, contract=signed_contract, filed_on=DAY(2025, 3, 2))
    register.contract_object(
        actor=staff.town_a,
        contract=signed_contract,
        on=DAY(2025, 3, 10),
        note="工资条款低于最低工资",
    )
    assert register.contracts_take_effect(DAY(2025, 4, 30)) == 0
    signed_contract.refresh_from_db()
    assert signed_contract.status == Status.OBJECTED
    with pytest.raises(ValidationError, match="不能进行这一步"):
        register.contract_file(
            actor=staff.town_a, contract=signed_contract, filed_on=DAY(2025, 3, 12)
        )


def test_an_end_date_before_the_start_is_refused(on, staff):
    with pytest.raises(ValidationError, match="结束日期.*早于开始日期"):
        signed(
            staff.union_a1,
            on.union_a1,
            [(firm(on.union_a1, on.town_a), 10)],
            starts_on=DAY(2025, 3, 1),
            ends_on=DAY(2025, 2, 1),
        )
    assert not Contract.objects.exists()


def test_negative_workers_and_a_congress_that_did_not_adopt_it_are_refused(on, staff):
    company = firm(on.union_a1, on.town_a)
    with pytest.raises(ValidationError, match="不能为负数"):
        signed(staff.union_a1, on.union_a1, [(company, -3)])
    with pytest.raises(ValidationError, match="半数"):
        signed(
            staff.union_a1,
            on.union_a1,
            [(company, 30)],
            congress_present=40,
            congress_for=20,
            congress_against=20,
        )
    assert not Contract.objects.exists()


def test_an_enterprise_contract_binds_one_enterprise_of_ones_own_organisation(on, staff):
    other = firm(on.union_b1, on.town_b)
    with pytest.raises(ValidationError, match="不在您的组织"):
        signed(staff.union_a1, on.union_a1, [(other, 10)])
    with pytest.raises(ValidationError, match="只约束一家企业"):
        signed(
            staff.town_a,
            on.town_a,
            [(firm(on.union_a1, on.town_a), 5), (firm(on.union_a2, on.town_a), 5)],
            level="enterprise",
        )
