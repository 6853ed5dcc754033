"""Aid records: on active files only, limits by tier and type with a reason to go above."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.hardship.models import AidRecord, AidType, FundingSource, Tier
from gonghui.hardship.services.aid import OverLimit, aid_record_create
from gonghui.hardship.tests.factories import active_file, applied_file, set_limit, set_standard

pytestmark = pytest.mark.django_db


def _give(actor, file, amount, **extra):
    return aid_record_create(
        actor=actor,
        file=file,
        aid_type=extra.pop("aid_type", AidType.LIVING),
        amount=amount,
        given_on=extra.pop("given_on", timezone.localdate()),
        funding_source=FundingSource.UNION_FUNDS,
        **extra,
    )


def test_hardship_aid_above_the_tier_limit_needs_a_reason(tree, staff):
    set_standard(staff, tree, Decimal("1000"))
    set_limit(Tier.DEEP, AidType.LIVING, months=Decimal(12))
    file = active_file(staff, tree, tier=Tier.DEEP)
    _give(staff.finance, file, "8000")
    _give(staff.finance, file, "4000")  # exactly the limit of 12 × 1,000
    with pytest.raises(OverLimit) as error:
        _give(staff.finance, file, "0.01")
    assert (error.value.limit, error.value.already) == (Decimal("12000.00"), Decimal("12000.00"))
    assert AidRecord.objects.filter(file=file).count() == 2
    record = _give(staff.finance, file, "3000", over_limit_reason="妻子手术后需营养费")
    assert record.over_limit and record.over_limit_reason == "妻子手术后需营养费"


def test_hardship_aid_limit_counts_this_year_and_the_type_only(tree, staff):
    set_standard(staff, tree, Decimal("1000"))
    set_limit(Tier.RELATIVE, AidType.LIVING, months=Decimal(8))
    file = active_file(staff, tree, tier=Tier.RELATIVE)
    _give(staff.union_a1, file, "8000")
    _give(staff.union_a1, file, "5000", aid_type=AidType.MEDICAL)  # no medical limit set
    with pytest.raises(OverLimit):
        _give(staff.union_a1, file, "1")
    # Last year's aid does not count against this year's limit.
    last_year = active_file(staff, tree, tier=Tier.RELATIVE)
    AidRecord.objects.create(
        member=last_year.member,
        file=last_year,
        aid_type=AidType.LIVING,
        amount=Decimal("8000"),
        given_on=timezone.localdate() - datetime.timedelta(days=400),
        funding_source=FundingSource.UNION_FUNDS,
        approved_by=staff.union_a1,
    )
    assert not _give(staff.union_a1, last_year, "8000").over_limit


def test_hardship_aid_only_on_active_files_by_aid_roles_in_scope(tree, staff):
    file = applied_file(staff, tree)
    with pytest.raises(ValidationError):
        _give(staff.union_a1, file, "500")
    active = active_file(staff, tree)
    with pytest.raises(PermissionDenied):
        _give(staff.auditor, active, "500")
    with pytest.raises(PermissionDenied):
        _give(staff.town_b, active, "500")
    with pytest.raises(ValidationError):
        _give(staff.union_a1, active, "0")
    goods = _give(staff.union_a1, active, "0", goods="大米一袋、食用油一桶", goods_value="200")
    assert (goods.amount, goods.value) == (Decimal("0.00"), Decimal("200.00"))
    assert goods.approved_by == staff.union_a1
