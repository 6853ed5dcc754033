from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from gonghui.notify.models import SmsMessage


def sms_backend():
    return import_string(settings.SMS_BACKEND)()


def sms_send(*, mobile: str, text: str, kind: str, member=None) -> SmsMessage:
    """Write the SMS to the outbox, then hand it to the configured backend."""
    backend = sms_backend()
    message = SmsMessage.objects.create(
        mobile=mobile, body=text, kind=kind, member=member, backend=backend.name
    )
    try:
        backend.deliver(message)
    except Exception as exc:  # a gateway failure must not undo the business action
        message.status, message.error = SmsMessage.Status.FAILED, str(exc)[:255]
    else:
        message.status, message.sent_at = SmsMessage.Status.SENT, timezone.now()
    message.save(update_fields=["status", "error", "sent_at"])
    return message
