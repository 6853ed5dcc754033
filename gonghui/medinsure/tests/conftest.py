import datetime

import pytest

from gonghui.mutual_aid.tests.factories import enroll, make_period
from gonghui.orgs import services as org_services


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def person(union, id_number, name, **fields):
    fields.setdefault("mobile", "")
    return org_services.member_create(
        actor=None, id_number=id_number, union=union, name=name, **fields
    )


@pytest.fixture
def periods(tree):
    """The test county's 2021 and 2022 periods (calendar years, all four plans)."""
    previous = make_period(tree.county, code="T2021")
    current = make_period(
        tree.county,
        code="T2022",
        start=datetime.date(2022, 1, 1),
        end=datetime.date(2022, 12, 31),
    )
    return previous, current


def enroll_renewed(periods, members, **kwargs):
    """Enrolled in 2021 and renewed for 2022 without a gap: covered from 1 January 2022."""
    previous, current = periods
    enroll(previous, members, paid=True)
    enroll(current, members, on=datetime.date(2021, 12, 15), paid=True, **kwargs)
