"""Hardship files for tests, built through the services so that every row a page would
see (events, decisions, notices) exists."""

import datetime
from decimal import Decimal

from django.utils import timezone

from gonghui.accounts.models import Role, User
from gonghui.consent.models import How
from gonghui.consent.services import agreement_as_shown
from gonghui.hardship.models import AidLimit, Cause, Tier
from gonghui.hardship.publication import publication_text
from gonghui.hardship.services import files as file_services
from gonghui.hardship.services import parameters
from gonghui.orgs.tests.factories import UserFactory, member

STANDARD = Decimal("1000")

# (annual income, people): 3 people at 30,000 a year is 833.33 a month each: deep at 1,000.
DEEP_FIGURES = {"annual_income": Decimal("30000"), "household_size": 3}
RELATIVE_FIGURES = {"annual_income": Decimal("54000"), "household_size": 3}


def set_standard(staff, tree, amount=STANDARD, year=None):
    return parameters.standard_set(
        actor=staff.admin,
        area=tree.county,
        year=year or timezone.localdate().year,
        monthly_amount=amount,
    )


def set_limit(tier, aid_type, *, months=None, amount=None, area=None):
    limit, _created = AidLimit.objects.update_or_create(
        area=area,
        tier=tier,
        aid_type=aid_type,
        defaults={"months_of_standard": months, "amount": amount},
    )
    return limit


def keeper(role, org) -> User:
    """A staff user of the role at the organisation (the one there, or a new one)."""
    return User.objects.filter(role=role, org=org).first() or UserFactory(role=role, org=org)


def applied_file(staff, tree, worker=None, **figures):
    worker = worker or member(tree.union_a1)
    household = {"main_cause": Cause.ILLNESS, **DEEP_FIGURES, **figures}
    union_staff = keeper(Role.UNION_STAFF, worker.union)
    return file_services.file_apply(
        actor=union_staff, member=worker, consent=window_consent(worker), **household
    )


def window_consent(worker):
    """The worker's agreement to the notice, given aloud to union staff at the window."""
    return agreement_as_shown(worker, "hardship", how=How.SPOKEN, note="窗口当面读给职工听，同意")


def consent_fields(worker, *, on_behalf=True) -> dict:
    """What an apply form posts when the worker agreed (read to them, for staff)."""
    fields = {"consent_agreed": "on", "consent_text": publication_text(worker)}
    if on_behalf:
        fields.update(consent_how="signed", consent_note="职工在纸质申请表上签字同意")
    return fields


def own_consent(worker):
    return agreement_as_shown(worker, "hardship")


def active_file(staff, tree, worker=None, tier=Tier.DEEP, **figures):
    """A file taken through every review step to approval (the notice ended yesterday)."""
    file = applied_file(staff, tree, worker, **figures)
    union_staff = keeper(Role.UNION_STAFF, file.member.union)
    town_staff = keeper(Role.TOWN_STAFF, file.member.union.parent)
    reason = "" if tier == file.suggested_tier else "test override"
    file_services.file_union_review(actor=union_staff, file=file, tier=tier, reason=reason)
    today = timezone.localdate()
    file_services.file_record_visit(
        actor=union_staff,
        file=file,
        visited_on=today - datetime.timedelta(days=20),
        visitors="张主席、李干事",
        findings="住房简陋，妻子长期患病。",
    )
    file_services.file_town_verify(actor=town_staff, file=file, note="核实无误")
    file_services.file_start_notice(
        actor=town_staff,
        file=file,
        starts_on=today - datetime.timedelta(days=8),
        ends_on=today - datetime.timedelta(days=1),
        place="厂区公示栏",
    )
    file_services.file_approve(actor=staff.reviewer, file=file)
    file.refresh_from_db()
    return file
