"""Members, rates and products for the points tests."""

import datetime

from django.utils import timezone

from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs.models import Organisation
from gonghui.orgs.tests.factories import build_tree, member


def make_member(union=None, *, user=True, **fields):
    if union is None:
        union = Organisation.objects.filter(code="TA-1").first() or build_tree().union_a1
    person = member(union, **fields)
    if user:
        member_user(person)
    return person


def today():
    return timezone.localdate()


def days(n):
    return datetime.timedelta(days=n)
