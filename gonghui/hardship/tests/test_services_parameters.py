"""Parameters staff keep: the 低保 standard per area and year, aid limits by tier and type."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.hardship import selectors
from gonghui.hardship.models import AidLimit, AidType, SubsistenceStandard, Tier
from gonghui.hardship.services.parameters import aid_limit_set, standard_set
from gonghui.hardship.tests.factories import active_file

pytestmark = pytest.mark.django_db


def test_hardship_standard_is_set_once_per_area_and_year_by_its_keepers(tree, staff):
    standard_set(actor=staff.town_a, area=tree.town_a, year=2026, monthly_amount="1100")
    standard_set(actor=staff.town_a, area=tree.town_a, year=2026, monthly_amount=Decimal("1150"))
    assert SubsistenceStandard.objects.get(area=tree.town_a, year=2026).monthly_amount == Decimal(
        "1150.00"
    )
    with pytest.raises(PermissionDenied):
        standard_set(actor=staff.town_a, area=tree.town_b, year=2026, monthly_amount="1100")
    with pytest.raises(PermissionDenied):
        standard_set(actor=staff.town_a, area=tree.union_a1, year=2026, monthly_amount="1100")
    with pytest.raises(PermissionDenied):
        standard_set(actor=staff.reviewer, area=tree.county, year=2026, monthly_amount="1100")
    with pytest.raises(ValidationError):
        standard_set(actor=staff.admin, area=tree.county, year=2026, monthly_amount="0")


def test_hardship_aid_limit_of_an_area_overrides_the_default(tree, staff):
    aid_limit_set(
        actor=staff.admin, area=None, tier=Tier.DEEP, aid_type=AidType.MEDICAL, amount="20000"
    )
    aid_limit_set(
        actor=staff.admin,
        area=tree.town_a,
        tier=Tier.DEEP,
        aid_type=AidType.MEDICAL,
        amount="30000",
    )
    file = active_file(staff, tree, tier=Tier.DEEP)
    assert selectors.limit_for(file.member.union, Tier.DEEP, AidType.MEDICAL).amount == Decimal(
        "30000.00"
    )
    assert selectors.limit_for(tree.union_b1, Tier.DEEP, AidType.MEDICAL).amount == Decimal(
        "20000.00"
    )
    with pytest.raises(ValidationError):
        aid_limit_set(
            actor=staff.admin,
            area=None,
            tier=Tier.DEEP,
            aid_type=AidType.MEDICAL,
            months_of_standard="12",
            amount="20000",
        )
    with pytest.raises(PermissionDenied):
        aid_limit_set(
            actor=staff.town_a,
            area=tree.town_a,
            tier=Tier.DEEP,
            aid_type=AidType.LIVING,
            months_of_standard="12",
        )
    assert AidLimit.objects.filter(tier=Tier.DEEP, aid_type=AidType.MEDICAL).count() == 2
