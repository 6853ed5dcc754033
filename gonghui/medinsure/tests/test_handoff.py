"""Where a notice meets the claims workflow: the confirmed notice becomes a claim, approved
straight through under the federation's limit (else a reviewer's), paid in the next batch;
a stay filed by hand meets its record as one claim, whichever comes first; granted claims
fill the caps of later records; a reversal withdraws a claim in review or recovers a granted
one."""

import datetime
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from gonghui.claims import selectors as claim_selectors
from gonghui.claims import services as claim_services
from gonghui.claims.models import Channel, Claim, ClaimStatus, PayoutLine
from gonghui.claims.signals import claim_submitted
from gonghui.claims.tests.factories import file_claim, signature_png
from gonghui.medinsure import selectors, services
from gonghui.medinsure.handoff import on_claim_submitted
from gonghui.medinsure.models import (
    BenefitNotice,
    LinkSettings,
    NoticeEvent,
    NoticeKind,
    NoticeStatus,
    Recovery,
)
from gonghui.medinsure.tests.conftest import enroll_renewed, person
from gonghui.medinsure.tests.helpers import feed, reversal, stay
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.notify.models import SmsMessage

ID = "330522197510020014"
CARD = "6222021234567890123"


@pytest.fixture
def wang(tree, periods):
    member = person(tree.union_a1, ID, "王建国", mobile="13900001001", bank_card=CARD)
    enroll_renewed(periods, [member])
    return member


def li_enrolled(tree, periods, **fields):
    """李秀英, a woman with a card on file, enrolled in 2021 and renewed for 2022."""
    member = person(
        tree.union_a1,
        "33052219900308002X",
        "李秀英",
        mobile="13900001002",
        bank_card=CARD,
        **fields,
    )
    enroll_renewed(periods, [member])
    return member


def user_of(member):
    member.refresh_from_db()
    return member.user or member_user(member)


def confirm(member, serial="S1") -> BenefitNotice:
    notice = BenefitNotice.objects.get(record__serial=serial)
    services.benefit_notice_confirm(actor=user_of(member), notice=notice)
    notice.refresh_from_db()
    return notice


def file_by_hand(member, admission, discharge, self_responsibility="6820.50", serial=""):
    """The member files a stay on the phone (signed, nothing photographed) and sends it."""
    facts = hand_facts(admission, discharge, self_responsibility, serial)
    return file_claim(user_of(member), member, facts=facts, materials=())


def hand_facts(admission, discharge, self_responsibility="6820.50", serial=""):
    return {
        "event_type": "inpatient",
        "hospital": "台州医院",
        "settlement_serial": serial,
        "admission": admission,
        "discharge": discharge,
        "place": "local",
        "self_responsibility": self_responsibility,
    }


@pytest.mark.django_db
def test_confirmed_notice_is_approved_straight_through_and_paid_in_the_next_batch(
    tree, wang, staff, django_capture_on_commit_callbacks
):
    # 6,820.50 × 60% = 4,092.30 → 4,092; 4 days × 30 = 120: 4,212, under the 5,000 default.
    # The stay was in 2022: the claim deadline does not apply to a record's claim.
    with django_capture_on_commit_callbacks(execute=True):
        feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "6,820.50")])
    with django_capture_on_commit_callbacks(execute=True):
        notice = confirm(wang)
    claim = notice.claim
    assert claim.channel == Channel.RECORD and claim.member == wang
    assert claim.status == ClaimStatus.APPROVED and claim.amount == Decimal("4212")
    assert claim.settlement_serial == "S1" and claim.discharge == datetime.date(2022, 3, 5)
    assert claim.first_approver is None and claim.approved_at is not None
    assert not claim.computation.findings.exists()
    assert not claim.materials.exists()  # nothing uploaded, nothing signed
    events = list(claim.events.values_list("new_status", "actor_id"))
    user = user_of(wang)
    assert events == [("submitted", user.pk), ("in_review", None), ("approved", None)]
    assert "5,000" in claim.events.last().note
    assert list(SmsMessage.objects.values_list("kind", flat=True).order_by("id")) == [
        "benefit_notice",
        "claim_approved",
    ]
    assert "4,212" in SmsMessage.objects.get(kind="claim_approved").body

    with django_capture_on_commit_callbacks(execute=True):
        batch = claim_services.payout_batch_create(actor=staff.finance)
        claim_services.payout_batch_mark_paid(actor=staff.finance, batch=batch)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID and claim.paid_at is not None
    assert PayoutLine.objects.get(claim=claim).amount == Decimal("4212")
    assert SmsMessage.objects.filter(kind="claim_paid", member=wang).count() == 1


@pytest.mark.django_db
def test_above_the_federations_limit_a_reviewer_decides(tree, wang, staff):
    LinkSettings.objects.create(federation=tree.county, straight_through_up_to=Decimal("4000"))
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "6,820.50")])
    claim = confirm(wang).claim
    assert claim.status == ClaimStatus.IN_REVIEW and claim.amount == Decimal("4212")
    claim_services.claim_approve(actor=staff.reviewer, claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.first_approver == staff.reviewer


@pytest.mark.django_db
def test_a_limit_of_zero_sends_every_claim_to_a_reviewer(tree, wang):
    LinkSettings.objects.create(federation=tree.county, straight_through_up_to=0)
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "500.00")])
    claim = confirm(wang).claim
    assert claim.status == ClaimStatus.IN_REVIEW
    refusal = claim_services.straight_through_refusal(claim, Decimal("0"))
    assert refusal == "金额 420 元超过自动通过限额 0 元。"


@pytest.mark.django_db
def test_a_maternity_record_becomes_a_birth_claim(tree, periods, staff):
    mother = li_enrolled(tree, periods, maternity_insurance=True)
    feed(
        tree.county,
        [stay(mother, "B1", "2022-05-08", "2022-05-11", "0", 医疗类别="生育")],
    )
    claim = confirm(mother, "B1").claim
    assert claim.event_type == "birth" and claim.birth_date == datetime.date(2022, 5, 11)
    assert claim.status == ClaimStatus.APPROVED
    assert claim.amount == BenefitNotice.objects.get().total > 0


@pytest.mark.django_db
def test_a_stay_filed_by_hand_first_meets_its_record_as_one_claim(
    tree, wang, django_capture_on_commit_callbacks
):
    user = user_of(wang)
    hand = file_claim(
        user,
        wang,
        facts=hand_facts(datetime.date(2022, 3, 1), datetime.date(2022, 3, 5)),
        materials=(),
    )
    assert hand.status == ClaimStatus.IN_REVIEW
    with django_capture_on_commit_callbacks(execute=True):
        report = feed(tree.county, [stay(wang, "S1", "2022-03-02", "2022-03-05", "6,820.50")])
    assert report.summary["benefits"] == 1  # commands.md: the notice stands and is counted
    notice = BenefitNotice.objects.get()
    assert notice.status == NoticeStatus.MERGED and notice.claim == hand
    assert not SmsMessage.objects.filter(kind="benefit_notice").exists()
    with pytest.raises(ValidationError):
        services.benefit_notice_confirm(actor=user, notice=notice)
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_a_stay_filed_by_hand_after_its_notice_merges_the_notice(tree, wang):
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "6,820.50")])
    hand = file_by_hand(wang, datetime.date(2022, 3, 1), datetime.date(2022, 3, 5))
    notice = BenefitNotice.objects.get()
    assert notice.status == NoticeStatus.MERGED and notice.claim == hand
    event = NoticeEvent.objects.get(notice=notice)
    assert (event.old_status, event.new_status) == ("pending", "merged")
    assert hand.reference in event.note
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_a_draft_is_not_filed_until_it_is_sent(tree, wang):
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "6,820.50")])
    user = user_of(wang)
    draft = claim_services.claim_create(
        actor=user,
        member=wang,
        facts=hand_facts(datetime.date(2022, 3, 1), datetime.date(2022, 3, 5)),
    )
    claim_services.claim_sign(actor=user, claim=draft, signature=signature_png())
    assert BenefitNotice.objects.get().status == NoticeStatus.PENDING
    claim_services.claim_submit(actor=user, claim=draft)
    notice = BenefitNotice.objects.get()
    assert notice.status == NoticeStatus.MERGED and notice.claim == draft


@pytest.mark.django_db
def test_confirming_joins_a_stay_filed_by_hand_while_the_record_arrived(tree, wang):
    # A transfer between hospitals: two settlements of the stay the member filed by hand
    # while the feed was being applied (the merge on sending could not see them yet).
    feed(
        tree.county,
        [
            stay(wang, "S1", "2022-03-01", "2022-03-05", "3,000.00"),
            stay(wang, "S2", "2022-03-05", "2022-03-10", "2,000.00"),
        ],
    )
    claim_submitted.disconnect(dispatch_uid="medinsure_meets_hand_claims")
    try:
        hand = file_by_hand(wang, datetime.date(2022, 3, 1), datetime.date(2022, 3, 10), "5000.00")
    finally:
        claim_submitted.connect(on_claim_submitted, dispatch_uid="medinsure_meets_hand_claims")
    first, second = confirm(wang, "S1"), confirm(wang, "S2")
    assert first.status == second.status == NoticeStatus.CONFIRMED
    assert first.claim == second.claim == hand  # one claim, no second one made
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_two_settlements_of_one_stay_meet_the_claim_filed_by_hand(tree, wang):
    hand = file_by_hand(wang, datetime.date(2022, 3, 1), datetime.date(2022, 3, 10), "5000.00")
    feed(
        tree.county,
        [
            stay(wang, "S1", "2022-03-01", "2022-03-05", "3,000.00"),
            stay(wang, "S2", "2022-03-05", "2022-03-10", "2,000.00"),
        ],
    )
    assert set(BenefitNotice.objects.values_list("status", "claim")) == {("merged", hand.pk)}


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2022, 2, 20, 10, 0), tick=False)
def test_granted_claims_fill_the_caps_of_later_records(tree, wang, staff):
    # A stay filed by hand and granted: 50,000 × 60% = 30,000 of the 35,000 cap.
    hand = file_by_hand(wang, datetime.date(2022, 2, 1), datetime.date(2022, 2, 11), "50000.00")
    claim_services.claim_approve(actor=staff.reviewer, claim=hand)
    claim_services.claim_approve(actor=staff.admin, claim=hand)  # second approval above 10,000
    hand.refresh_from_db()
    assert hand.status == ClaimStatus.APPROVED
    # The bureau's later stay: 10,000 × 60% = 6,000, of which 5,000 is left under the cap.
    feed(tree.county, [stay(wang, "S2", "2022-06-01", "2022-06-03", "10,000.00")])
    notice = BenefitNotice.objects.get()
    lines = {code: Decimal(amount) for code, amount in notice.lines.items()}
    assert lines == {"INPATIENT.allowance": 60, "INPATIENT.subsidy": 5000}
    assert notice.total == Decimal("5060")


@pytest.mark.django_db
def test_a_records_claim_does_not_count_twice_in_the_caps(tree, wang):
    # The first record's claim is granted (notice and claim are the same money): the second
    # record sees 4,092 of subsidy used once, not twice.
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "6,820.50")])
    assert confirm(wang).claim.status == ClaimStatus.APPROVED
    feed(tree.county, [stay(wang, "S2", "2022-06-01", "2022-06-03", "60,000.00")])
    second = BenefitNotice.objects.get(record__serial="S2")
    assert Decimal(second.lines["INPATIENT.subsidy"]) == Decimal("35000") - Decimal("4092")


@pytest.mark.django_db
def test_a_reversal_withdraws_a_claim_still_in_review(
    tree, wang, django_capture_on_commit_callbacks
):
    LinkSettings.objects.create(federation=tree.county, straight_through_up_to=0)
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    claim = confirm(wang).claim
    assert claim.status == ClaimStatus.IN_REVIEW
    with django_capture_on_commit_callbacks(execute=True):
        feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "1000.00")])
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert claim.events.last().reason == "SETTLEMENT_REVERSED"
    assert BenefitNotice.objects.get().status == NoticeStatus.CANCELLED
    assert not Recovery.objects.exists()
    assert claim.settlement_reversed_at is not None
    sms = SmsMessage.objects.get(kind="claim_withdrawn")
    assert "医保结算已被医保局撤回" in sms.body and "S1" not in sms.body  # no bureau jargon


@pytest.mark.django_db
def test_a_reversal_after_payment_opens_a_recovery_of_what_was_paid(tree, wang, staff):
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    claim = confirm(wang).claim
    batch = claim_services.payout_batch_create(actor=staff.finance)
    claim_services.payout_batch_mark_paid(actor=staff.finance, batch=batch)
    feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "1000.00")])
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID
    recovery = Recovery.objects.get()
    assert (recovery.amount, recovery.member) == (Decimal("720.00"), wang)


@pytest.mark.django_db
def test_a_pathology_notice_pays_the_stay_and_one_at_zero_makes_no_claim(tree, periods):
    woman = person(
        tree.union_a1, "33052219900308002X", "李秀英", mobile="13900001002", bank_card=CARD
    )
    other = person(
        tree.union_a1, "330522196001010016", "赵大海", mobile="13900001003", bank_card=CARD
    )
    enroll_renewed(periods, [woman, other])
    feed(
        tree.county,
        [
            stay(woman, "P1", "2022-04-01", "2022-04-11", "2,000.00", 主诊断编码="C50.9"),
            stay(other, "P2", "2022-04-01", "2022-04-01", "0", 主诊断编码="C34.1"),
        ],
    )
    paid = confirm(woman, "P1")
    assert paid.kind == NoticeKind.NEEDS_PATHOLOGY_REPORT
    assert paid.claim.status == ClaimStatus.APPROVED and paid.claim.amount == Decimal("1500")
    nothing = confirm(other, "P2")
    assert nothing.kind == NoticeKind.NEEDS_PATHOLOGY_REPORT and nothing.total == 0
    assert nothing.status == NoticeStatus.CONFIRMED and nothing.claim is None


@pytest.mark.django_db
def test_figures_found_over_owed_and_days_from_discharge_to_money(tree, periods, staff, client_for):
    li = person(tree.union_a1, "33052219900308002X", "李秀英", mobile="13900001002", bank_card=CARD)
    zhao = person(
        tree.union_a1, "330522196001010016", "赵大海", mobile="13900001003", bank_card=CARD
    )
    wang = person(tree.union_a1, ID, "王建国", mobile="13900001001", bank_card=CARD)
    enroll_renewed(periods, [li, zhao, wang])
    with time_machine.travel(datetime.datetime(2022, 3, 10, 10, 0), tick=False):
        # 李 files a stay the bureau never sends; 赵 files one it sends later (one claim).
        for member, admission, discharge in ((li, 2, 6), (zhao, 7, 9)):
            hand = file_claim(
                user_of(member),
                member,
                facts=hand_facts(
                    datetime.date(2022, 2, admission), datetime.date(2022, 2, discharge), "1000.00"
                ),
                materials=(),
            )
            claim_services.claim_approve(actor=staff.reviewer, claim=hand)
        feed(
            tree.county,
            [
                stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00"),
                stay(zhao, "S2", "2022-02-07", "2022-02-09", "1000.00"),
            ],
        )
        confirm(wang)  # approved straight through on 10 March: 5 days after discharge
    with time_machine.travel(datetime.datetime(2022, 3, 12, 10, 0), tick=False):
        batch = claim_services.payout_batch_create(actor=staff.finance)
        claim_services.payout_batch_mark_paid(actor=staff.finance, batch=batch)

    figures = selectors.benefit_figures(staff.reviewer)
    # Owed: 王's (found, 720), 赵's (merged: he filed anyway, 660), 李's (filed by hand, 720).
    assert (figures.found_count, figures.filed_by_hand_count, figures.owed_count) == (1, 2, 3)
    assert figures.found_rate == Decimal("33.3")
    assert (figures.found_amount, figures.owed_amount) == (Decimal("720"), Decimal("2100"))
    assert figures.found_amount_rate == Decimal("34.3")
    assert (figures.record_claims, figures.straight_through, figures.record_claims_paid) == (
        1,
        1,
        1,
    )
    assert (figures.median_days_to_approval, figures.median_days_to_payment) == (5, 7)

    page = client_for(staff.reviewer).get("/staff/medinsure/figures/").content.decode()
    assert 'data-figure="found-rate">33.3%' in page
    assert 'data-figure="days-to-payment">7<' in page
    # Outside the subtree the figures count nothing.
    assert selectors.benefit_figures(staff.town_b).owed_count == 0


@pytest.mark.django_db
def test_a_pathology_notice_starts_the_members_own_claim_for_the_diagnosis(tree, periods, client):
    woman = person(
        tree.union_a1,
        "33052219900308002X",
        "李秀英",
        mobile="13900001002",
        bank_card=CARD,
        gender="female",
    )
    other = person(tree.union_a1, ID, "王建国", mobile="13900001001", bank_card=CARD)
    enroll_renewed(periods, [woman, other])
    feed(
        tree.county,
        [
            stay(
                woman,
                "P1",
                "2022-04-01",
                "2022-04-11",
                "2,000.00",
                主诊断编码="C50.9",
                主诊断名称="乳腺恶性肿瘤",
            )
        ],
    )
    notice = BenefitNotice.objects.get()
    url = f"/m/benefits/{notice.pk}/pathology/"

    client.force_login(user_of(other))
    assert client.post(url).status_code == 404  # not theirs

    client.force_login(user_of(woman))
    assert 'data-testid="pathology"' in client.get(f"/m/benefits/{notice.pk}/").content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response.url == "/m/claims/new/diagnosis/"
    assert "claim_prefill" in client.session
    page = client.get(response.url).content.decode()
    assert 'value="C50.9"' in page and 'value="乳腺恶性肿瘤"' in page
    assert 'value="2022-04-01"' in page
    assert 'name="female_cancer" checked' in page.replace('id="id_female_cancer" ', "")
    # The diagnosis rests encrypted in the session, and only until the claim is made.
    assert "乳腺" not in json.dumps(client.session["claim_prefill"], ensure_ascii=False)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        client.force_login(user_of(woman))
        assert 'value="C50.9"' not in client.get(response.url).content.decode()

    # A notice no longer standing offers nothing.
    BenefitNotice.objects.filter(pk=notice.pk).update(status=NoticeStatus.EXPIRED)
    client.force_login(user_of(woman))
    assert client.post(url).status_code == 404


@pytest.mark.django_db
def test_a_reversed_record_of_a_stay_filed_by_hand_is_told_to_its_reviewer(tree, wang):
    hand = file_by_hand(wang, datetime.date(2022, 3, 1), datetime.date(2022, 3, 5))
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    assert BenefitNotice.objects.get().status == NoticeStatus.MERGED
    feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "1000.00")])
    hand.refresh_from_db()
    assert hand.status == ClaimStatus.IN_REVIEW  # the reviewer decides
    finding = hand.computation.findings.get(code="SETTLEMENT_REVERSED")
    assert "S1" in finding.text
    assert BenefitNotice.objects.get().status == NoticeStatus.CANCELLED
    assert not Recovery.objects.exists()


@pytest.mark.django_db
def test_a_birth_is_never_paid_twice(tree, periods, staff):
    mother = li_enrolled(tree, periods, maternity_insurance=True)
    feed(tree.county, [stay(mother, "B1", "2022-05-08", "2022-05-11", "0", 医疗类别="生育")])
    from_record = confirm(mother, "B1").claim
    assert from_record.status == ClaimStatus.APPROVED and from_record.settlement_serial == "B1"
    # She also files the birth by hand, dated two days off.
    hand = file_claim(
        user_of(mother),
        mother,
        facts={"event_type": "birth", "birth_date": datetime.date(2022, 5, 9)},
        materials=(),
    )
    assert hand.computation.findings.filter(code="DUPLICATE_STAY").exists()
    with pytest.raises(ValidationError, match=from_record.reference):
        claim_services.claim_approve(actor=staff.reviewer, claim=hand)


@pytest.mark.django_db
def test_an_approved_claim_not_yet_paid_is_withdrawn_by_a_reversal(tree, wang, staff):
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    claim = confirm(wang).claim
    assert claim.status == ClaimStatus.APPROVED
    feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "1000.00")])
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED and not Recovery.objects.exists()
    with pytest.raises(ValidationError) as nothing:  # nothing left for finance to pay
        claim_services.payout_batch_create(actor=staff.finance)
    assert nothing.value.code == "empty"


@pytest.mark.django_db
def test_a_new_settlement_after_a_reversal_of_a_paid_claim_is_paid_anew(tree, wang, staff):
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    old = confirm(wang).claim
    batch = claim_services.payout_batch_create(actor=staff.finance)
    claim_services.payout_batch_mark_paid(actor=staff.finance, batch=batch)
    # The bureau reverses S1 and settles the stay again as S1B: 2,500 × 60% + 4 × 30.
    feed(
        tree.county,
        [
            reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "1000.00"),
            stay(wang, "S1B", "2022-03-01", "2022-03-05", "2,500.00"),
        ],
    )
    assert Recovery.objects.get().amount == Decimal("720")
    old.refresh_from_db()
    assert old.status == ClaimStatus.PAID and old.settlement_reversed_at is not None
    new = BenefitNotice.objects.get(record__serial="S1B")
    assert new.status == NoticeStatus.PENDING and new.total == Decimal("1620")  # full caps
    claim = confirm(wang, "S1B").claim
    assert claim.status == ClaimStatus.APPROVED and claim.amount == Decimal("1620")


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2022, 2, 20, 10, 0), tick=False)
def test_a_record_merged_into_a_granted_claim_fills_the_caps_once(tree, wang, staff):
    hand = file_by_hand(wang, datetime.date(2022, 2, 1), datetime.date(2022, 2, 11), "50000.00")
    claim_services.claim_approve(actor=staff.reviewer, claim=hand)
    claim_services.claim_approve(actor=staff.admin, claim=hand)
    # One file brings the same stay (merged) and a later one: 5,000 is left under the cap.
    feed(
        tree.county,
        [
            stay(wang, "S1", "2022-02-01", "2022-02-11", "50,000.00"),
            stay(wang, "S2", "2022-06-01", "2022-06-03", "10,000.00"),
        ],
    )
    assert BenefitNotice.objects.get(record__serial="S1").status == NoticeStatus.MERGED
    later = BenefitNotice.objects.get(record__serial="S2")
    assert Decimal(later.lines["INPATIENT.subsidy"]) == Decimal("5000")


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2022, 3, 20, 10, 0), tick=False)
def test_a_rejected_hand_claim_gives_the_record_back_to_the_member(
    tree, wang, staff, django_capture_on_commit_callbacks
):
    hand = file_by_hand(wang, datetime.date(2022, 3, 1), datetime.date(2022, 3, 5), "1000.00")
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    assert BenefitNotice.objects.get().status == NoticeStatus.MERGED
    with django_capture_on_commit_callbacks(execute=True):
        claim_services.claim_reject(actor=staff.reviewer, claim=hand, reason="MISSING_MATERIAL")
    notice = BenefitNotice.objects.get()
    assert (notice.status, notice.claim) == (NoticeStatus.PENDING, None)
    assert SmsMessage.objects.filter(kind="benefit_notice", member=wang).count() == 1
    claim = confirm(wang).claim
    assert claim.channel == Channel.RECORD and claim.status == ClaimStatus.APPROVED


@pytest.mark.django_db
def test_a_hand_claim_rejected_as_a_duplicate_keeps_its_record_merged(tree, wang, staff):
    hand = file_by_hand(wang, datetime.date(2022, 3, 1), datetime.date(2022, 3, 5), "1000.00")
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    claim_services.claim_reject(actor=staff.reviewer, claim=hand, reason="DUPLICATE_STAY")
    assert BenefitNotice.objects.get().status == NoticeStatus.MERGED


@pytest.mark.django_db
def test_a_merged_notice_cannot_be_confirmed_and_says_why(tree, wang):
    file_by_hand(wang, datetime.date(2022, 3, 1), datetime.date(2022, 3, 5), "1000.00")
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    with pytest.raises(ValidationError, match="自己申请"):
        confirm(wang)


def transfer(member):
    """A transfer between hospitals: two settlements of one stay (3,000 and 2,000 自负)."""
    return [
        stay(member, "S1", "2022-03-01", "2022-03-05", "3,000.00"),
        stay(member, "S2", "2022-03-05", "2022-03-10", "2,000.00"),
    ]


@pytest.mark.django_db
def test_filing_by_hand_merges_every_settlement_of_the_stay(tree, wang):
    feed(tree.county, transfer(wang))
    hand = file_by_hand(wang, datetime.date(2022, 3, 1), datetime.date(2022, 3, 10), "5000.00")
    assert set(BenefitNotice.objects.values_list("status", "claim")) == {("merged", hand.pk)}


@pytest.mark.django_db
def test_reversing_one_settlement_of_a_paid_hand_claim_recovers_its_share_only(tree, wang, staff):
    with time_machine.travel(datetime.datetime(2022, 3, 20, 10, 0), tick=False):
        hand = file_by_hand(wang, datetime.date(2022, 3, 1), datetime.date(2022, 3, 10), "5000.00")
        claim_services.claim_approve(actor=staff.reviewer, claim=hand)
        batch = claim_services.payout_batch_create(actor=staff.finance)
        claim_services.payout_batch_mark_paid(actor=staff.finance, batch=batch)
    feed(tree.county, transfer(wang))
    s1 = BenefitNotice.objects.get(record__serial="S1")
    feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "3,000.00")])
    hand.refresh_from_db()
    assert hand.status == ClaimStatus.PAID and hand.settlement_reversed_at is None
    assert Recovery.objects.get().amount == s1.total < hand.amount  # S1's share, not the claim
    assert BenefitNotice.objects.get(record__serial="S2").status == NoticeStatus.MERGED


@pytest.mark.django_db
def test_a_hand_claim_whose_settlement_is_reversed_cannot_be_approved(tree, wang, staff):
    hand = filed_by_hand_then_resettled(tree, wang)
    hand.refresh_from_db()
    assert hand.status == ClaimStatus.IN_REVIEW and hand.settlement_reversed_at is not None
    with pytest.raises(ValidationError, match="冲销"):
        claim_services.claim_approve(actor=staff.reviewer, claim=hand)
    # The stay's new settlement is the one paid, once.
    new = confirm(wang, "S1B").claim
    assert new.status == ClaimStatus.APPROVED and new.amount == Decimal("720")


@pytest.mark.django_db
def test_a_reversed_claim_keeps_its_diagnosis_lines_in_the_caps(tree, wang, staff):
    with time_machine.travel(datetime.datetime(2022, 3, 20, 10, 0), tick=False):
        facts = hand_facts(datetime.date(2022, 3, 1), datetime.date(2022, 3, 5), "1000.00")
        facts.update(critical="severe", first_diagnosed=datetime.date(2022, 3, 2), icd10="C34")
        hand = file_claim(user_of(wang), wang, facts=facts, materials=())
        claim_services.claim_approve(actor=staff.reviewer, claim=hand)
        batch = claim_services.payout_batch_create(actor=staff.finance)
        claim_services.payout_batch_mark_paid(actor=staff.finance, batch=batch)
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "1000.00")])
    assert Recovery.objects.get().amount == Decimal("720")  # the stay's lines, not the lump sum
    before = claim_selectors.paid_before(member=wang, period=hand.period)
    assert before.critical_paid == Decimal("5000") and before.inpatient_subsidy == 0


@pytest.mark.django_db
def test_a_reversed_claim_whose_transfer_fails_is_not_paid_again(tree, wang, staff):
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    claim = confirm(wang).claim
    batch = claim_services.payout_batch_create(actor=staff.finance)
    feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "1000.00")])
    assert Recovery.objects.get().amount == Decimal("720")
    line = batch.lines.get()
    claim_services.payout_line_fail(actor=staff.finance, line=line, reason="户名不符")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert not claim_selectors.payout_queue(staff.finance).exists()
    assert Recovery.objects.get().status == "waived"  # nothing went out: nothing to ask back


def filed_by_hand_then_resettled(tree, wang):
    """A stay filed by hand meets its settlement S1, which the bureau then reverses and
    settles again as S1B (1,000 自负: 720 yuan)."""
    with time_machine.travel(datetime.datetime(2022, 3, 20, 10, 0), tick=False):
        hand = file_by_hand(wang, datetime.date(2022, 3, 1), datetime.date(2022, 3, 5), "1000.00")
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    feed(
        tree.county,
        [
            reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "1000.00"),
            stay(wang, "S1B", "2022-03-01", "2022-03-05", "1,000.00"),
        ],
    )
    return hand


def paid_transfer_by_hand(tree, wang, staff):
    """A stay filed by hand, approved and paid (5,000 × 60% + 9 × 30 = 3,270), then the
    bureau's two settlements of it (a transfer), merged into it."""
    with time_machine.travel(datetime.datetime(2022, 3, 20, 10, 0), tick=False):
        hand = file_by_hand(wang, datetime.date(2022, 3, 1), datetime.date(2022, 3, 10), "5000.00")
        claim_services.claim_approve(actor=staff.reviewer, claim=hand)
        batch = claim_services.payout_batch_create(actor=staff.finance)
        claim_services.payout_batch_mark_paid(actor=staff.finance, batch=batch)
    feed(tree.county, transfer(wang))
    hand.refresh_from_db()
    assert hand.amount == Decimal("3270")
    return hand


@pytest.mark.django_db
def test_both_settlements_reversed_at_once_ask_back_what_was_paid_once(tree, wang, staff):
    paid_transfer_by_hand(tree, wang, staff)
    feed(
        tree.county,
        [
            reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "3,000.00"),
            reversal(wang, "S2R", "S2", "2022-03-05", "2022-03-10", "2,000.00"),
        ],
    )
    asked = sum(Recovery.objects.values_list("amount", flat=True))
    assert asked == Decimal("3270")


@pytest.mark.django_db
def test_settlements_reversed_in_two_files_never_ask_back_more_than_was_paid(tree, wang, staff):
    paid_transfer_by_hand(tree, wang, staff)
    s1 = BenefitNotice.objects.get(record__serial="S1")
    feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "3,000.00")])
    feed(tree.county, [reversal(wang, "S2R", "S2", "2022-03-05", "2022-03-10", "2,000.00")])
    amounts = list(Recovery.objects.order_by("id").values_list("amount", flat=True))
    assert amounts == [s1.total, Decimal("3270") - s1.total]


@pytest.mark.django_db
def test_a_claim_withdrawn_before_payment_has_its_recoveries_waived(tree, wang, staff):
    with time_machine.travel(datetime.datetime(2022, 3, 20, 10, 0), tick=False):
        hand = file_by_hand(wang, datetime.date(2022, 3, 1), datetime.date(2022, 3, 10), "5000.00")
        claim_services.claim_approve(actor=staff.reviewer, claim=hand)
    feed(tree.county, transfer(wang))
    feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "3,000.00")])
    assert Recovery.objects.get().status == "open"  # the approved claim is about to be paid
    feed(tree.county, [reversal(wang, "S2R", "S2", "2022-03-05", "2022-03-10", "2,000.00")])
    hand.refresh_from_db()
    assert hand.status == ClaimStatus.REJECTED and hand.paid_at is None
    assert set(Recovery.objects.values_list("status", flat=True)) == {"waived"}


@pytest.mark.django_db
def test_a_hand_claim_sent_again_after_its_reversal_does_not_swallow_the_new_settlement(
    tree, wang, staff
):
    hand = filed_by_hand_then_resettled(tree, wang)
    claim_services.claim_return(actor=staff.reviewer, claim=hand, materials=["discharge_summary"])
    claim_services.claim_submit(actor=user_of(wang), claim=hand)
    assert BenefitNotice.objects.get(record__serial="S1B").status == NoticeStatus.PENDING
    assert confirm(wang, "S1B").claim.status == ClaimStatus.APPROVED
