"""Checking and recording a member's agreement to what will be published about them."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.consent import registry
from gonghui.consent.models import How, PublicationConsent
from gonghui.core.proxy import check_may_act_for


@dataclass(frozen=True)
class Agreement:
    """What the apply form (or the API) says: agreed or not, the text the person was shown,
    and for staff 代办 how the member agreed (spoken/signed) with a note."""

    agreed: bool
    text: str
    how: str = How.SELF
    note: str = ""


def _normal(text: str) -> str:
    """A browser sends a form's line breaks as CRLF: the text compared and kept with LF."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def consent_check(*, actor, member, service: str, agreement: Agreement | None) -> bool:
    """Raise a clear ValidationError unless the member agreed to today's text of the service's
    publication; return on_behalf. Nothing is written."""
    publication = registry.get(service)
    on_behalf = check_may_act_for(actor, member)
    if agreement is None or not agreement.agreed:
        raise ValidationError(
            _(
                "The application cannot be accepted without agreeing to what will be published "
                "(the public notice). Please read the text and tick “I agree”."
            ),
            code="no_consent",
        )
    if _normal(agreement.text) != _normal(publication.text(member)):
        raise ValidationError(
            _("The text to be published has changed. Please read it again and agree."),
            code="consent_text",
        )
    if on_behalf:
        if agreement.how not in (How.SPOKEN, How.SIGNED):
            raise ValidationError(
                _("Say how the member agreed: aloud to you, or by signing on paper."),
                code="consent_how",
            )
        if not (agreement.note or "").strip():
            raise ValidationError(
                _("Note the member's agreement (for example: read aloud at the window, agreed)."),
                code="consent_note",
            )
    return on_behalf


def consent_record(
    *, actor, member, service: str, object_id: int, agreement: Agreement | None
) -> PublicationConsent:
    """Check, then record the agreement for the application `object_id` (call it inside the
    application's transaction)."""
    on_behalf = consent_check(actor=actor, member=member, service=service, agreement=agreement)
    publication = registry.get(service)
    return PublicationConsent.objects.create(
        member=member,
        service=service,
        object_id=object_id,
        text=_normal(agreement.text),
        fields=list(publication.fields),
        how=agreement.how if on_behalf else How.SELF,
        note=(agreement.note or "").strip()[:255] if on_behalf else "",
        recorded_by=actor,
        on_behalf=on_behalf,
    )


def consent_for(service: str, object_id: int) -> PublicationConsent | None:
    """The agreement in force for an application: the latest one recorded."""
    return (
        PublicationConsent.objects.filter(service=service, object_id=object_id)
        .order_by("-agreed_at", "-id")
        .first()
    )


def agreement_as_shown(member, service: str, *, how: str = How.SELF, note: str = "") -> Agreement:
    """An agreement to today's text (the demo's members, tests, imports of signed paper)."""
    return Agreement(agreed=True, text=registry.get(service).text(member), how=how, note=note)
