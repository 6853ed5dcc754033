"""The evaluation's writes: applying with evidence, the score and its trace at once, frozen
rules versions, refusals and the one appeal, the committee, the frozen ranking, the notice and
the naming; bad input refused with a Chinese message and nothing written."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.tests.files import pdf_bytes
from gonghui.craftsman import selectors, services
from gonghui.craftsman.models import (
    Application,
    Channel,
    Event,
    Line,
    RulesVersion,
    SchemeStatus,
    Status,
)
from gonghui.craftsman.tests.factories import YEAR, apply, line, rules, worker

pytestmark = pytest.mark.django_db
DAY = f"{YEAR}-03-01"


def test_a_worker_applies_and_sees_the_score_with_its_trace_at_once(
    scheme, tree, media, staff, client_for
):
    person = worker(tree.union_a1)
    certificate = SimpleUploadedFile("证书.pdf", pdf_bytes(), content_type="application/pdf")
    application = apply(
        scheme,
        person,
        [
            line("CONTEST.CITY_1", DAY, "GZ-001", upload=certificate),
            line("MENTOR.APPRENTICE", DAY, quantity=2),
        ],
    )
    assert application.status == Status.SUBMITTED
    assert application.channel == Channel.PHONE
    assert application.score == Decimal("19")
    assert application.trace[0] == f"市级竞赛一等奖（{DAY}，证书 GZ-001）：15 分"
    assert application.trace[-1] == "总分：19 分"
    stored = Line.objects.get(application=application, number=1)
    assert stored.upload_name == "证书.pdf"
    assert b"%PDF" not in (media / stored.upload).read_bytes()  # encrypted at rest
    # staff who see the application download it decrypted; another town does not
    download = client_for(staff.union_a1).get(f"/staff/craftsman/evidence/{stored.pk}/")
    assert b"".join(download.streaming_content) == pdf_bytes()
    assert (
        client_for(staff.town_b).get(f"/staff/craftsman/evidence/{stored.pk}/").status_code == 404
    )
    assert list(application.events.values_list("action", "to_status")) == [("apply", "submitted")]
    assert RulesVersion.objects.get(scheme=scheme).frozen_at is not None


def test_the_union_applies_for_a_worker_recorded_as_such(scheme, tree, staff):
    person = worker(tree.union_a1)
    application = apply(scheme, person, [], actor=staff.union_a1)
    assert application.channel == Channel.UNION
    assert application.events.get().note == "由工会代为申报（代办）"
    with pytest.raises(PermissionDenied):
        apply(scheme, worker(tree.union_b1), [], actor=staff.union_a1)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([line("CONTEST.WORLD", DAY)], "第 1 条材料的评分项“CONTEST.WORLD”不在本方案的评分规则中"),
        ([line("CONTEST.CITY_1", DAY, quantity=3)], "不按数量计分，数量只能为 1（填写了 3）"),
        ([line("CONTEST.CITY_1", "2021-02-30")], "第 1 行：日期无效。"),
    ],
)
def test_bad_evidence_is_refused_in_chinese_and_nothing_is_written(scheme, tree, lines, message):
    person = worker(tree.union_a1)
    with pytest.raises(ValidationError) as raised:
        apply(scheme, person, lines)
    assert message in raised.value.messages[0]
    assert not Application.objects.exists() and not Line.objects.exists()
    assert RulesVersion.objects.get(scheme=scheme).frozen_at is None


def test_consent_to_the_notice_is_required(scheme, tree):
    person = worker(tree.union_a1)
    with pytest.raises(ValidationError, match="同意"):
        services.application_apply(
            actor=person.user,
            scheme=scheme,
            member=person,
            service_years=5,
            lines=[],
            consent_notice=False,
        )


def test_rules_freeze_at_the_first_score_and_a_change_is_a_new_version(scheme, tree, staff):
    edited = rules(adjust_cap=3)
    version = services.rules_update(actor=staff.admin, scheme=scheme, rules=edited)
    assert version.number == 1 and version.rules["adjust_cap"] == "3"
    first = apply(scheme, worker(tree.union_a1), [line("CERT.L1", DAY)])
    with pytest.raises(ValidationError) as raised:
        services.rules_update(actor=staff.admin, scheme=scheme, rules=rules(adjust_cap=4))
    assert "评分规则已冻结" in raised.value.messages[0]
    assert RulesVersion.objects.get(scheme=scheme).rules["adjust_cap"] == "3"
    second = services.rules_update(
        actor=staff.admin, scheme=scheme, rules=rules(adjust_cap=4), reason="专家委员会建议"
    )
    assert second.number == 2 and second.reason == "专家委员会建议"
    later = apply(scheme, worker(tree.union_a1), [line("CERT.L1", DAY)])
    first.refresh_from_db()
    assert (first.version.number, later.version.number) == (1, 2)
    with pytest.raises(ValidationError, match="等级应按最低分由低到高排列"):
        services.rules_update(
            actor=staff.admin,
            scheme=scheme,
            reason="x",
            rules=rules(
                levels=[
                    {"code": "B", "name": "高", "min": 9},
                    {"code": "A", "name": "低", "min": 1},
                ]
            ),
        )
    with pytest.raises(PermissionDenied):
        services.rules_update(actor=staff.town_a, scheme=scheme, rules=edited, reason="x")


def test_a_refused_line_recomputes_and_the_member_appeals_once(scheme, tree, staff):
    person = worker(tree.union_a1)
    application = apply(
        scheme, person, [line("CONTEST.CITY_1", DAY, "C-1"), line("CERT.L3", DAY, "C-2")]
    )
    refused = application.lines.get(number=1)
    services.line_refuse(actor=staff.union_a1, line=refused, reason="证书与本人不符")
    application.refresh_from_db()
    assert application.score == Decimal("10")
    assert application.trace[0] == "第 1 条材料被审核退回：证书与本人不符"
    with pytest.raises(ValidationError):
        services.appeal_file(actor=person.user, line=application.lines.get(number=2), reason="x")
    appeal = services.appeal_file(actor=person.user, line=refused, reason="证书为本人，附原件")
    with pytest.raises(ValidationError, match="只能申诉一次"):
        services.appeal_file(actor=person.user, line=refused, reason="再次申诉")
    with pytest.raises(PermissionDenied):
        services.appeal_decide(actor=staff.union_a1, appeal=appeal, upheld=True, note="本人复核")
    services.appeal_decide(actor=staff.town_a, appeal=appeal, upheld=True, note="核实原件无误")
    application.refresh_from_db()
    assert application.score == Decimal("25")
    assert [e.action for e in application.events.all()] == [
        "apply",
        "refuse_line",
        "appeal",
        "decide_appeal",
    ]


def _qualified(scheme, tree, staff, person, lines):
    application = apply(scheme, person, lines)
    services.application_check(actor=staff.union_a1, application=application)
    services.application_check(actor=staff.town_a, application=application)
    application.refresh_from_db()
    return application


def test_the_committee_scores_with_conflicts_blocked_and_adjusts_within_the_cap(
    scheme, tree, staff, factory_a1
):
    application = _qualified(
        scheme,
        tree,
        staff,
        worker(tree.union_a1, enterprise=factory_a1),
        [line("CERT.L1", DAY)],
    )
    assert application.status == Status.TOWN_CHECKED
    services.expert_add(actor=staff.admin, scheme=scheme, user=staff.reviewer)
    services.expert_add(actor=staff.admin, scheme=scheme, user=staff.finance, enterprise=factory_a1)
    with pytest.raises(PermissionDenied, match="利益冲突"):
        services.expert_score(
            actor=staff.finance, application=application, adjustment=1, comment="好"
        )
    assert list(services.reviews_visible(user=staff.reviewer, application=application)) == []
    services.expert_score(
        actor=staff.reviewer, application=application, adjustment=2, comment="创新突出"
    )
    assert len(services.reviews_visible(user=staff.reviewer, application=application)) == 1
    with pytest.raises(ValidationError, match="-5 至 \\+5"):
        services.application_adjust(
            actor=staff.reviewer, application=application, adjustment="5.5", reason="x"
        )
    application.refresh_from_db()
    assert application.adjustment == 0 and application.score == 15
    services.application_adjust(
        actor=staff.reviewer, application=application, adjustment="2.5", reason="创新突出"
    )
    application.refresh_from_db()
    assert application.score == Decimal("17.5")
    assert application.trace[-1] == "总分：17.5 分"


def test_the_ranking_is_frozen_within_the_quota_then_notice_objections_and_naming(
    scheme, tree, staff
):
    people = [worker(tree.union_a1, name=n) for n in ("张一", "李二", "王三")]
    evidence = [
        [line("CERT.L3", DAY)],
        [line("CONTEST.PROV_1", DAY)],
        [line("CERT.L1", DAY), line("MENTOR.APPRENTICE", DAY, quantity=3)],
    ]
    apps = [_qualified(scheme, tree, staff, p, e) for p, e in zip(people, evidence, strict=True)]
    pending = apply(scheme, worker(tree.union_a1), [line("CERT.L1", DAY)])
    entries = services.ranking_freeze(actor=staff.admin, scheme=scheme)
    assert [(e.application.member.name, e.selected, e.direct) for e in entries] == [
        ("李二", True, True),
        ("王三", True, False),
        ("张一", False, False),
    ]
    for app in apps:
        app.refresh_from_db()
    assert [a.status for a in apps] == [Status.NOT_SELECTED, Status.SELECTED, Status.SELECTED]
    pending.refresh_from_db()
    assert pending.status == Status.SUBMITTED
    with pytest.raises(ValidationError):
        services.rules_update(actor=staff.admin, scheme=scheme, rules=rules(), reason="x")
    with pytest.raises(ValidationError):
        services.ranking_freeze(actor=staff.admin, scheme=scheme)

    today = datetime.date(YEAR, 7, 1)
    services.notice_start(actor=staff.admin, scheme=scheme, today=today)
    objection = services.objection_record(
        actor=staff.town_a, application=apps[1], text="获奖证书存疑"
    )
    with pytest.raises(ValidationError, match="公示期结束"):
        services.scheme_name(actor=staff.admin, scheme=scheme, today=today)
    later = today + datetime.timedelta(days=8)
    with pytest.raises(ValidationError, match="异议"):
        services.scheme_name(actor=staff.admin, scheme=scheme, today=later)
    services.objection_answer(actor=staff.admin, objection=objection, answer="经核实证书无误")
    honours = services.scheme_name(actor=staff.admin, scheme=scheme, today=later)
    assert [h.holder_name for h in honours] == ["李二", "王三"]
    assert selectors.holds_title(people[1], "craftsman", later)
    assert selectors.holds_title(
        people[1], "craftsman", later.replace(year=YEAR + 3) - datetime.timedelta(days=1)
    )
    assert not selectors.holds_title(people[1], "craftsman", later.replace(year=YEAR + 3))
    assert not selectors.holds_title(people[0], "craftsman", later)
    services.honour_revoke(actor=staff.admin, honour=honours[0], reason="弄虚作假")
    assert not selectors.holds_title(people[1], "craftsman", later)
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.NAMED
    assert list(Event.objects.filter(application=apps[1]).values_list("action", flat=True)) == [
        "apply",
        "union_check",
        "town_check",
        "rank",
        "start_notice",
        "name",
    ]


def test_pools_per_town_rank_on_their_own(tree, staff, switch_on):
    from gonghui.craftsman.tests.factories import make_scheme

    switch_on(tree.county, "craftsman")
    scheme = make_scheme(
        staff,
        tree,
        quota=2,
        pool_by="town",
        pools=[(tree.town_a.pk, "甲镇", 1), (tree.town_b.pk, "乙镇", 1)],
    )
    a_best = _qualified(scheme, tree, staff, worker(tree.union_a1), [line("CERT.L1", DAY)])
    a_next = _qualified(scheme, tree, staff, worker(tree.union_a1), [line("CERT.L3", DAY)])
    entries = services.ranking_freeze(actor=staff.admin, scheme=scheme)
    # 乙镇 has nobody: its place goes to the final pool, where 甲镇's next one takes it.
    assert [(e.application_id, e.pool, e.selected) for e in entries] == [
        (a_best.pk, str(tree.town_a.pk), True),
        (a_next.pk, "", True),
    ]


def test_switched_off_new_applications_stop_and_titles_stay(scheme, tree, switch_on):
    switch_on(tree.county, "craftsman", enabled=False)
    with pytest.raises(PermissionDenied, match="已关闭"):
        apply(scheme, worker(tree.union_a1), [])
