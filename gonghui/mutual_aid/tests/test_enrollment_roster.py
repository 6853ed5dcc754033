"""Enrollment picked from the roster, payments that make it effective, renewals, the
waiting period, and who may do it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Payment, Plan
from gonghui.mutual_aid.tests.factories import enroll, make_period, pay
from gonghui.orgs.tests.factories import member


def test_roster_page_enrolls_the_ticked_members(client_for, staff, tree, period):
    woman = member(tree.union_a1, female=True)
    man = member(tree.union_a1)
    member(tree.union_a1, name="没勾选")
    client = client_for(staff.union_a1)

    page = client.get(f"/staff/mutual-aid/periods/{period.pk}/enroll/").content.decode()
    assert woman.name in page and "没勾选" in page

    response = client.post(
        f"/staff/mutual-aid/periods/{period.pk}/enroll/",
        {
            "union": tree.union_a1.pk,
            "members": [woman.pk, man.pk],
            "plans": [Plan.INPATIENT, Plan.FEMALE],
            "enrolled_on": "2021-02-01",
        },
    )

    assert response.status_code == 302
    enrolled = set(Enrollment.objects.values_list("member__name", "plan"))
    assert enrolled == {
        (woman.name, Plan.INPATIENT),
        (woman.name, Plan.FEMALE),
        (man.name, Plan.INPATIENT),
    }
    first = Enrollment.objects.filter(member=man).get()
    assert first.status == EnrollmentStatus.PENDING_PAYMENT
    assert first.covered_from == datetime.date(2021, 5, 2)  # 2021-02-01 + 90 days
    message = client.get(response["Location"]).content.decode()
    assert "新增参保记录 3 条" in message and "1 条男性会员" in message


def test_roster_skips_pairs_already_enrolled(tree, period):
    someone = member(tree.union_a1)
    enroll(period, [someone], plans=[Plan.INPATIENT])
    outcome = services.enrollment_create(
        actor=None,
        period=period,
        members=[someone],
        plans=[Plan.INPATIENT, Plan.CRITICAL],
        enrolled_on=datetime.date(2021, 1, 5),
    )
    assert (outcome.created, outcome.already, outcome.not_applicable) == (1, 1, 0)
    assert Enrollment.objects.filter(member=someone).count() == 2


def test_renewal_derived_from_the_previous_periods_paid_enrollments(tree):
    previous = make_period(
        tree.county,
        code="T2020",
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2020, 12, 31),
    )
    period = make_period(tree.county)
    renewing, unpaid, newcomer = (member(tree.union_a1) for _ in range(3))
    enroll(previous, [renewing], plans=[Plan.INPATIENT], paid=True)
    enroll(previous, [unpaid], plans=[Plan.INPATIENT])  # enrolled but never paid: not covered

    enroll(
        period, [renewing, unpaid, newcomer], plans=[Plan.INPATIENT], on=datetime.date(2020, 12, 20)
    )

    rows = {
        e.member_id: (e.renewal, e.covered_from) for e in Enrollment.objects.filter(period=period)
    }
    assert rows[renewing.pk] == (True, datetime.date(2021, 1, 1))
    assert rows[unpaid.pk] == (False, datetime.date(2021, 3, 20))  # never covered: not a renewal
    assert rows[newcomer.pk] == (False, datetime.date(2021, 3, 20))


def test_payment_makes_the_unions_enrollments_effective(tree, staff, period):
    a_members = [member(tree.union_a1, female=True), member(tree.union_a1)]
    b_member = member(tree.union_b1)
    enroll(period, a_members + [b_member])  # all four plans; FEMALE/MATERNITY skipped for men
    # union A1 owes 50+30+20+10 for the woman and 50+30 for the man
    with pytest.raises(ValidationError) as exc:
        services.payment_record(
            actor=staff.finance,
            period=period,
            union=tree.union_a1,
            amount="150",
            paid_on=datetime.date(2021, 1, 10),
        )
    assert "190" in str(exc.value)
    payment = services.payment_record(
        actor=staff.finance,
        period=period,
        union=tree.union_a1,
        amount="190.00",
        paid_on=datetime.date(2021, 1, 10),
    )
    assert payment.amount == 190 and payment.recorded_by == staff.finance
    effective = Enrollment.objects.filter(status=EnrollmentStatus.EFFECTIVE)
    assert set(effective.values_list("member__union__code", flat=True)) == {"TA-1"}
    assert effective.count() == 6
    assert all(e.payment_id == payment.pk for e in effective)
    assert Enrollment.objects.get(member=b_member, plan=Plan.INPATIENT).status == (
        EnrollmentStatus.PENDING_PAYMENT
    )
    with pytest.raises(ValidationError):  # nothing left to pay: never twice
        services.payment_record(
            actor=staff.finance,
            period=period,
            union=tree.union_a1,
            amount="190",
            paid_on=datetime.date(2021, 1, 10),
        )


def test_only_finance_records_payments(tree, staff, period):
    enroll(period, [member(tree.union_a1)], plans=[Plan.INPATIENT])
    for user in (staff.union_a1, staff.town_a, staff.reviewer):
        with pytest.raises(PermissionDenied):
            services.payment_record(
                actor=user,
                period=period,
                union=tree.union_a1,
                amount="50",
                paid_on=datetime.date(2021, 1, 1),
            )
    assert not Payment.objects.exists()


def test_payments_page_records_a_payment(client_for, staff, tree, period):
    enroll(period, [member(tree.union_a1)], plans=[Plan.INPATIENT, Plan.CRITICAL])
    client = client_for(staff.finance)
    page = client.get(f"/staff/mutual-aid/periods/{period.pk}/payments/").content.decode()
    assert 'value="80.00"' in page
    response = client.post(
        f"/staff/mutual-aid/periods/{period.pk}/payments/",
        {"union": tree.union_a1.pk, "amount": "80.00", "paid_on": "2021-01-15"},
    )
    assert response.status_code == 302
    assert not Enrollment.objects.exclude(status=EnrollmentStatus.EFFECTIVE).exists()
    assert (
        client_for(staff.union_a1)
        .post(
            f"/staff/mutual-aid/periods/{period.pk}/payments/",
            {"union": tree.union_a1.pk, "amount": "1", "paid_on": "2021-01-15"},
        )
        .status_code
        == 403
    )


def test_enrollment_needs_an_open_period_and_the_window(tree, staff):
    draft = make_period(tree.county, status="draft")
    someone = member(tree.union_a1)
    with pytest.raises(ValidationError):
        services.enrollment_create(
            actor=staff.union_a1,
            period=draft,
            members=[someone],
            plans=[Plan.INPATIENT],
            enrolled_on=datetime.date(2021, 1, 1),
        )
    services.period_transition(actor=None, period=draft, to="enrolling")
    with pytest.raises(ValidationError):
        services.enrollment_create(
            actor=staff.union_a1,
            period=draft,
            members=[someone],
            plans=[Plan.INPATIENT],
            enrolled_on=datetime.date(2022, 1, 1),
        )


def test_union_staff_cannot_enroll_another_unions_member(tree, staff, period):
    with pytest.raises(PermissionDenied):
        services.enrollment_create(
            actor=staff.union_a1,
            period=period,
            members=[member(tree.union_b1)],
            plans=[Plan.INPATIENT],
            enrolled_on=datetime.date(2021, 1, 5),
        )
    with pytest.raises(PermissionDenied):
        services.enrollment_create(
            actor=staff.finance,
            period=period,
            members=[member(tree.union_a1)],
            plans=[Plan.INPATIENT],
            enrolled_on=datetime.date(2021, 1, 5),
        )
    assert not Enrollment.objects.exists()


def test_paying_a_union_with_members_in_two_plans(tree, period):
    enroll(period, [member(tree.union_a2)], plans=[Plan.CRITICAL])
    assert pay(period, tree.union_a2).amount == 30
