import pytest
import time_machine
from django.core.exceptions import ValidationError

from gonghui.accounts import services
from gonghui.accounts.models import Role
from gonghui.notify.models import SmsMessage
from gonghui.notify.tests.sent import last_code
from gonghui.orgs.tests import factories


@pytest.mark.django_db
def test_code_goes_to_the_outbox_and_signs_the_member_in(tree):
    member = factories.member(tree.union_a1, mobile="13900000123")
    services.sms_code_request(mobile="139 0000 0123")
    sms = SmsMessage.objects.get()
    assert sms.member == member and sms.status == SmsMessage.Status.SENT
    user = services.sms_code_verify(mobile="13900000123", code=last_code("13900000123"))
    member.refresh_from_db()
    assert member.user == user and user.role == Role.MEMBER
    assert not user.has_usable_password()


@pytest.mark.django_db
def test_code_is_single_use_expires_and_locks_after_attempts(tree, settings):
    factories.member(tree.union_a1, mobile="13900000124")
    with time_machine.travel("2026-11-22 10:00:00+08:00", tick=False):
        services.sms_code_request(mobile="13900000124")
        code = last_code("13900000124")
        services.sms_code_verify(mobile="13900000124", code=code)
        with pytest.raises(ValidationError):
            services.sms_code_verify(mobile="13900000124", code=code)
    with time_machine.travel("2026-11-22 10:02:00+08:00", tick=False):
        services.sms_code_request(mobile="13900000124")
        code = last_code("13900000124")
    with (
        time_machine.travel("2026-11-22 10:08:00+08:00", tick=False),
        pytest.raises(ValidationError),
    ):
        services.sms_code_verify(mobile="13900000124", code=code)
    with time_machine.travel("2026-11-22 10:10:00+08:00", tick=False):
        services.sms_code_request(mobile="13900000124")
        code = last_code("13900000124")
        wrong = "000000" if code != "000000" else "111111"
        for _ in range(settings.SMS_CODE_MAX_ATTEMPTS):
            with pytest.raises(ValidationError):
                services.sms_code_verify(mobile="13900000124", code=wrong)
        with pytest.raises(ValidationError):
            services.sms_code_verify(mobile="13900000124", code=code)


@pytest.mark.django_db
def test_unknown_mobile_and_resend_too_soon_are_explained(tree):
    with pytest.raises(ValidationError) as info:
        services.sms_code_request(mobile="13900009999")
    assert info.value.code == "unknown_mobile"
    factories.member(tree.union_a1, mobile="13900000125")
    services.sms_code_request(mobile="13900000125")
    with pytest.raises(ValidationError) as info:
        services.sms_code_request(mobile="13900000125")
    assert info.value.code == "too_soon"
    assert SmsMessage.objects.count() == 1


@pytest.mark.django_db
def test_login_page_two_steps(client, tree):
    factories.member(tree.union_a1, mobile="13900000126", name="赵师傅")
    page = client.post("/m/login/", {"mobile": "13900000126", "step": "send"}).content.decode()
    assert 'name="code"' in page
    response = client.post(
        "/m/login/", {"mobile": "13900000126", "code": last_code("13900000126"), "step": "verify"}
    )
    assert response["Location"] == "/m/"
    assert "赵师傅" in client.get("/m/").content.decode()
