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


def product(org, *, kind="goods", stock=10, price=5, limit=1, batch=None, **fields):
    from gonghui.points.services import catalogue

    fields.setdefault("name", "保温杯")
    return catalogue.product_create(
        actor=None,
        org=org,
        kind=kind,
        stock=stock,
        batch=batch,
        price=price,
        per_member_limit=limit,
        valid_from=today() - days(1),
        valid_until=today() + days(60),
        **fields,
    )


def with_coins(member, coins, key=None):
    """Give the member coins the way members get them: earned points, converted."""
    from gonghui.points import services as points_services
    from gonghui.points.services.conversion import convert

    key = key or f"test:{member.pk}:{coins}"
    points_services.earn(member=member, points=coins * 10, key=key + ":earn", reason="巡逻")
    convert(member=member, points=coins * 10, key=key + ":convert")
