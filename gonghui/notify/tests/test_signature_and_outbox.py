"""Every SMS carries the carrier signature once, whoever wrote the text; the outbox names
each kind in Chinese and finds a member's messages by mobile number, within the subtree."""

import datetime

import pytest
import time_machine

from gonghui.claims import services
from gonghui.claims.models import SmsKind
from gonghui.claims.tests.factories import cheng_enrolled, file_claim
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.notify.kinds import KINDS
from gonghui.notify.models import SmsMessage
from gonghui.notify.services import sms_send
from gonghui.orgs.tests.factories import member


@pytest.mark.django_db
def test_the_signature_is_added_once_even_when_the_text_has_it(sms_sent):
    sms_send(mobile="13900000001", text="程先生您好，您的申请已收到。", kind="claim_submitted")
    sms_send(mobile="13900000001", text=" 【数智工会】程先生您好。", kind="claim_paid")
    assert [text for _to, text in sms_sent] == [
        "【数智工会】程先生您好，您的申请已收到。",
        "【数智工会】程先生您好。",
    ]


@pytest.mark.django_db
def test_the_signature_is_a_setting(settings, sms_sent):
    settings.SMS_SIGNATURE = "路桥工会"
    sms_send(mobile="13900000001", text="您好", kind="hardship")
    assert sms_sent == [("13900000001", "【路桥工会】您好")]


@pytest.mark.django_db
def test_an_unknown_kind_is_refused_before_anything_is_sent(sms_sent):
    with pytest.raises(ValueError, match="notify.kinds"):
        sms_send(mobile="13900000001", text="您好", kind="claim_papid")
    assert sms_sent == [] and not SmsMessage.objects.exists()


def test_every_claim_sms_kind_has_an_outbox_label():
    assert set(SmsKind.values) <= set(KINDS)


def test_claim_sms_are_signed_like_login_and_hardship_sms(
    tree, staff, sms_sent, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2021, 7, 21, 9, 0), tick=False):
        cheng, _period = cheng_enrolled(tree)
        with django_capture_on_commit_callbacks(execute=True):
            claim = file_claim(member_user(cheng), cheng)
            services.claim_approve(actor=staff.reviewer, claim=claim)
    kinds = list(SmsMessage.objects.values_list("kind", flat=True))
    assert sorted(kinds) == ["claim_approved", "claim_submitted"]
    texts = [text for _to, text in sms_sent]
    assert len(texts) == 2
    assert all(text.startswith("【数智工会】程先生您好") for text in texts)


def outbox(client, query=""):
    return client.get(f"/staff/outbox/{query}").content.decode()


@pytest.fixture
def messages(tree):
    mine = member(tree.union_a1, name="甲", mobile="13911112222")
    other = member(tree.union_b1, name="乙", mobile="13933334444")
    sms_send(mobile=mine.mobile, text="甲您好", kind="claim_paid", member=mine)
    sms_send(
        mobile=mine.mobile, text="验证码 123456", kind="login_code", member=mine, secret="123456"
    )
    sms_send(mobile=other.mobile, text="乙您好", kind="claim_paid", member=other)
    return mine, other


def test_the_outbox_shows_kinds_in_chinese(client_for, staff, messages):
    page = outbox(client_for(staff.town_a))
    assert "报销已到账" in page and "登录验证码" in page
    assert ">claim_paid<" not in page and ">login_code<" not in page


def test_the_outbox_finds_by_whole_number_or_last_digits_within_the_subtree(
    client_for, staff, messages
):
    client = client_for(staff.town_a)
    assert outbox(client, "?mobile=13911112222").count("<tr data-sms=") == 2
    assert outbox(client, "?mobile=2222").count("<tr data-sms=") == 2
    assert outbox(client, "?mobile=2222&kind=login_code").count("<tr data-sms=") == 1
    # 乙 is outside town A: the search never reaches past the subtree.
    assert outbox(client, "?mobile=13933334444").count("<tr data-sms=") == 0
    assert outbox(client_for(staff.admin), "?mobile=13933334444").count("<tr data-sms=") == 1


def test_a_short_or_odd_number_is_refused_in_chinese(client_for, staff, messages):
    page = outbox(client_for(staff.town_a), "?mobile=12")
    assert "至少后 4 位" in page
