import stat

import pytest

from gonghui.notify import backends
from gonghui.notify.backends import SmsBackend
from gonghui.notify.models import SmsMessage
from gonghui.notify.services import sms_send


class BrokenGateway(SmsBackend):
    name = "broken"

    def deliver(self, message, *, text, secret=""):
        raise ConnectionError(f"gateway timed out sending {text!r}")


@pytest.mark.django_db
def test_every_sms_is_an_outbox_row_marked_sent(sms_sent):
    message = sms_send(mobile="13900000001", text="您好", kind="hardship")
    assert SmsMessage.objects.get() == message
    assert (message.status, message.backend, message.body) == (
        SmsMessage.Status.SENT,
        "locmem",
        "【数智工会】您好",
    )
    assert message.sent_at is not None
    assert sms_sent == [("13900000001", "【数智工会】您好")]


@pytest.mark.django_db
def test_a_secret_reaches_the_phone_but_the_outbox_keeps_it_masked(sms_sent):
    message = sms_send(
        mobile="13900000001", text="验证码 470391，5分钟内有效", kind="login_code", secret="470391"
    )
    message.refresh_from_db()
    assert message.body == "【数智工会】验证码 ******，5分钟内有效"
    assert sms_sent == [("13900000001", "【数智工会】验证码 470391，5分钟内有效")]


@pytest.mark.django_db
def test_a_gateway_failure_keeps_the_row_and_says_why_without_the_secret(settings):
    settings.SMS_BACKEND = "gonghui.notify.tests.test_services.BrokenGateway"
    message = sms_send(
        mobile="13900000001", text="验证码 470391", kind="login_code", secret="470391"
    )
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.FAILED
    assert message.error == "gateway timed out sending '【数智工会】验证码 ******'"
    assert message.sent_at is None


@pytest.mark.django_db
def test_console_backend_prints_the_message_and_keeps_the_code_private(settings, capsys, tmp_path):
    settings.SMS_BACKEND = "gonghui.notify.backends.ConsoleBackend"
    settings.SMS_CONSOLE_SECRETS_DIR = tmp_path / "sms-console"
    sms_send(mobile="13900000001", text="验证码123456", kind="login_code", secret="123456")
    assert "13900000001: 【数智工会】验证码123456" in capsys.readouterr().out
    assert SmsMessage.objects.get().body == "【数智工会】验证码******"
    kept = tmp_path / "sms-console" / "13900000001"
    assert kept.read_text() == "123456"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert backends.recall_secret("13900000001") == "123456"
    assert backends.recall_secret("../keys.json") == ""
