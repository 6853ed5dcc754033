import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.ratings import selectors, services
from gonghui.ratings.models import Application, Event, Line, RulesVersion, Status, Title
from gonghui.ratings.services.applications import title_dates
from gonghui.ratings.tests.factories import ALL_ITEMS, default_rules, lines, named

pytestmark = pytest.mark.django_db


def test_self_assessment_gives_score_level_and_trace(programme, staff):
    application = services.application_apply(
        actor=staff.union_a1, programme=programme, lines=lines()
    )
    assert application.self_score == Decimal(100)
    assert application.self_level == "MODEL"
    assert application.status == Status.SUBMITTED
    assert any("等级：模范型" in text for text in application.self_trace)
    assert Event.objects.filter(application=application, action="apply").count() == 1
    assert RulesVersion.objects.get(programme=programme).frozen_at is not None


def test_without_the_congress_the_level_is_qualified_only(programme, staff):
    items = [(item, q) for item, q in ALL_ITEMS if item != "DEMOCRACY.CONGRESS"]
    application = services.application_apply(
        actor=staff.union_a1, programme=programme, lines=lines(items)
    )
    assert application.self_score == Decimal(85)
    assert application.self_level == "QUALIFIED"


def test_inspection_refuses_a_line_and_the_trace_says_why_the_level_dropped(programme, staff):
    title = named(staff, programme, refuse_audit=True)
    application = title.application
    assert application.score == Decimal(90)
    assert application.level == "STANDARD"
    assert title.level_name == "规范型"
    trace = "\n".join(application.trace)
    assert "无审查记录" in trace
    assert "模范型" in trace and "规范型" in trace
    assert "经费审查委员会审查经费" in trace
    line = application.lines.get(number=6)
    assert line.refused_reason == "无审查记录" and line.points == 0
    assert application.inspection.inspectors == "张三、李四"


def test_evidence_for_an_item_of_another_programme_is_refused(programme, staff):
    bad = lines([("ORG.ELECTED", 1), ("WORKSHOP.SAFETY", 1)])
    with pytest.raises(ValidationError) as exc:
        services.application_apply(actor=staff.union_a1, programme=programme, lines=bad)
    assert "WORKSHOP.SAFETY" in str(exc.value) and "不在本方案的评分规则中" in str(exc.value)
    assert Application.objects.count() == 0 and Line.objects.count() == 0


def test_a_level_table_not_ascending_is_refused(programme, staff):
    rules = default_rules()
    rules["levels"][1]["min"] = 50
    before = RulesVersion.objects.get(programme=programme).rules
    with pytest.raises(ValidationError) as exc:
        services.rules_update(actor=staff.admin, programme=programme, rules=rules)
    assert "等级应按最低分由低到高排列" in str(exc.value)
    assert RulesVersion.objects.get(programme=programme).rules == before


def test_a_union_outside_the_scope_may_not_apply(tree, staff, switch_on):
    from gonghui.ratings.tests.factories import make_programme

    switch_on(tree.county, "ratings")
    programme = make_programme(staff, tree, code="a_only", scope=tree.town_a)
    from gonghui.orgs.tests.factories import UserFactory

    b_staff = UserFactory(role="union_staff", org=tree.union_b1)
    with pytest.raises(ValidationError) as exc:
        services.application_apply(actor=b_staff, programme=programme, lines=lines())
    assert "不在" in str(exc.value) and "甲镇总工会" in str(exc.value)
    assert Application.objects.count() == 0


def test_frozen_rules_change_only_as_a_new_version_with_a_reason(programme, staff):
    services.application_apply(actor=staff.union_a1, programme=programme, lines=lines())
    with pytest.raises(ValidationError):
        services.rules_update(actor=staff.admin, programme=programme, rules=default_rules())
    version = services.rules_update(
        actor=staff.admin, programme=programme, rules=default_rules(), reason="2027 年修订"
    )
    assert version.number == 2 and programme.versions.count() == 2


def test_the_workflow_refuses_steps_out_of_order_and_by_the_wrong_role(programme, staff):
    application = services.application_apply(
        actor=staff.union_a1, programme=programme, lines=lines()
    )
    with pytest.raises(ValidationError):
        services.start_notice(actor=staff.admin, application=application)
    with pytest.raises(PermissionDenied):
        services.pre_assess(actor=staff.town_b, application=application)
    with pytest.raises(PermissionDenied):
        services.pre_assess(actor=staff.union_a1, application=application)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_refusal_by_the_town_needs_a_reason(programme, staff):
    application = services.application_apply(
        actor=staff.union_a1, programme=programme, lines=lines()
    )
    with pytest.raises(ValidationError):
        services.refuse(actor=staff.town_a, application=application, reason=" ")
    services.refuse(actor=staff.town_a, application=application, reason="材料不全")
    application.refresh_from_db()
    assert application.status == Status.REFUSED
    assert application.events.last().note == "材料不全"


def test_title_dates_and_award(programme, staff):
    programme.award = Decimal("2000")
    programme.save()
    with time_machine.travel(datetime.datetime(2026, 5, 1, 10, tzinfo=datetime.UTC)):
        title = named(staff, programme)
    assert title.valid_from == datetime.date(2026, 5, 1)
    assert title.valid_until == datetime.date(2029, 4, 30)
    assert title.reassess_due == datetime.date(2029, 1, 30)
    assert title.award == Decimal("2000.00")


def test_validity_and_reassessment_due_at_their_boundaries(programme, staff):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 10, tzinfo=datetime.UTC)):
        title = named(staff, programme)
    titles = Title.objects.all()
    assert not selectors.reassessment_due(titles, datetime.date(2029, 1, 29)).exists()
    assert selectors.reassessment_due(titles, datetime.date(2029, 1, 30)).exists()
    assert selectors.in_force(titles, datetime.date(2029, 4, 30)).exists()
    assert not selectors.in_force(titles, datetime.date(2029, 5, 1)).exists()
    assert not selectors.in_force(titles, datetime.date(2026, 4, 30)).exists()
    assert selectors.holds_title(title.holder, "sanxing", datetime.date(2027, 1, 1))


def test_the_lapse_job_at_its_boundary(programme, staff):
    from gonghui.ratings.tasks import lapse_expired_titles

    with time_machine.travel(datetime.datetime(2026, 5, 1, 10, tzinfo=datetime.UTC)):
        title = named(staff, programme)
    with time_machine.travel(datetime.datetime(2029, 4, 30, 12, tzinfo=datetime.UTC)):
        assert lapse_expired_titles.call() == 0
    title.refresh_from_db()
    assert title.status == "in_force"
    with time_machine.travel(datetime.datetime(2029, 5, 1, 12, tzinfo=datetime.UTC)):
        assert lapse_expired_titles.call() == 1
    title.refresh_from_db()
    assert title.status == "lapsed"


def test_a_reassessment_renews_the_earlier_title(programme, staff):
    first = named(staff, programme)
    second = named(staff, programme)
    first.refresh_from_db()
    assert first.status == "renewed" and second.status == "in_force"


def test_revocation_needs_a_reason_and_only_once(programme, staff):
    title = named(staff, programme)
    with pytest.raises(ValidationError):
        services.revoke(actor=staff.admin, title=title, reason="")
    services.revoke(actor=staff.admin, title=title, reason="发生重大安全事故")
    assert title.status == "revoked" and title.revoke_reason == "发生重大安全事故"
    with pytest.raises(ValidationError):
        services.revoke(actor=staff.admin, title=title, reason="再次")


def test_service_switched_off_refuses_applications(programme, staff, switch_on, tree):
    switch_on(tree.county, "ratings", enabled=False)
    with pytest.raises(PermissionDenied):
        services.application_apply(actor=staff.union_a1, programme=programme, lines=lines())
    assert title_dates(programme, datetime.date(2024, 2, 29))["valid_until"] == datetime.date(
        2027, 2, 27
    )
