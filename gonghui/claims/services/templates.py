"""The federation's own wording of the claim SMS (county administrators)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.claims import access, sms
from gonghui.claims.models import SmsKind, SmsTemplate


@transaction.atomic
def sms_template_save(*, actor, kind: str, text: str) -> SmsTemplate | None:
    """Save the wording of one message; the default's own text (or an empty one after a
    reset) removes the row, so the default applies again."""
    if not access.can_edit_templates(actor):
        raise PermissionDenied(_("Only county administrators may change the SMS texts."))
    kind = SmsKind(kind)
    stored = sms.check_template(text) if text.strip() else ""
    if not stored or stored == str(sms.DEFAULT_TEXTS[kind]):
        SmsTemplate.objects.filter(kind=kind).delete()
        return None
    template, _created = SmsTemplate.objects.update_or_create(
        kind=kind, defaults={"text": stored, "updated_by": actor}
    )
    return template
