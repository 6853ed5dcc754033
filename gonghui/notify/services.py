from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from gonghui.notify.kinds import KINDS
from gonghui.notify.models import SmsMessage

# What the outbox keeps instead of a secret (a sign-in code): staff see that a code went out,
# never the code.
SECRET_MASK = "******"


def sms_backend():
    return import_string(settings.SMS_BACKEND)()


def signed(text: str) -> str:
    """The text behind the signature carriers require (【数智工会】), added here for every SMS
    and never twice (a template staff wrote may already start with it)."""
    signature = f"【{settings.SMS_SIGNATURE}】"
    return signature + text.strip().removeprefix(signature).lstrip()


def sms_send(*, mobile: str, text: str, kind: str, member=None, secret: str = "") -> SmsMessage:
    """Write the SMS, signed, to the outbox, then hand it to the configured backend. A
    `secret` found in the text (a sign-in code) reaches the phone but is masked in the
    outbox row."""
    if kind not in KINDS:
        raise ValueError(f"unknown SMS kind {kind!r}: add it to gonghui.notify.kinds")
    text = signed(text)
    backend = sms_backend()
    body = text.replace(secret, SECRET_MASK) if secret else text
    message = SmsMessage.objects.create(
        mobile=mobile, body=body, kind=kind, member=member, backend=backend.name
    )
    try:
        backend.deliver(message, text=text, secret=secret)
    except Exception as exc:  # a gateway failure must not undo the business action
        error = str(exc).replace(secret, SECRET_MASK) if secret else str(exc)
        message.status, message.error = SmsMessage.Status.FAILED, error[:255]
    else:
        message.status, message.sent_at = SmsMessage.Status.SENT, timezone.now()
    message.save(update_fields=["status", "error", "sent_at"])
    return message
