import pytest

from gonghui.notify.backends import SmsBackend
from gonghui.notify.models import SmsMessage
from gonghui.notify.services import sms_send


class BrokenGateway(SmsBackend):
    name = "broken"

    def deliver(self, message):
        raise ConnectionError("gateway timed out")


@pytest.mark.django_db
def test_every_sms_is_an_outbox_row_marked_sent():
    message = sms_send(mobile="13900000001", text="您好", kind="test")
    assert SmsMessage.objects.get() == message
    assert (message.status, message.backend) == (SmsMessage.Status.SENT, "outbox")
    assert message.sent_at is not None


@pytest.mark.django_db
def test_a_gateway_failure_keeps_the_row_and_says_why(settings):
    settings.SMS_BACKEND = "gonghui.notify.tests.test_services.BrokenGateway"
    message = sms_send(mobile="13900000001", text="您好", kind="test")
    message.refresh_from_db()
    assert (message.status, message.error) == (SmsMessage.Status.FAILED, "gateway timed out")
    assert message.sent_at is None


@pytest.mark.django_db
def test_console_backend_prints_the_message(settings, capsys):
    settings.SMS_BACKEND = "gonghui.notify.backends.ConsoleBackend"
    sms_send(mobile="13900000001", text="验证码123456", kind="login_code")
    assert "13900000001: 验证码123456" in capsys.readouterr().out
