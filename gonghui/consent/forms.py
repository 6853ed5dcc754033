"""The consent block every apply form can use:

    add_consent_fields(form, service="hardship", member=member, on_behalf=staff)
    ...
    agreement = consent_agreement(form)   # after is_valid(): a services.Agreement

and in the template ``{% include "consent/_weui.html" %}`` (phone) or
``{% include "consent/_bootstrap.html" %}`` (staff). The text shown is carried back with the
answer, so the service can check the member agreed to exactly what will be published."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.consent import registry
from gonghui.consent.models import How
from gonghui.consent.services import Agreement


def add_consent_fields(form, *, service: str, member, on_behalf: bool) -> None:
    text = registry.get(service).text(member)
    form.publication_text = text
    form.publication_on_behalf = on_behalf
    form.fields["consent_agreed"] = forms.BooleanField(
        label=_("The member agrees to this being published")
        if on_behalf
        else _("I agree to this being published"),
        required=True,
        error_messages={
            "required": _(
                "The application cannot be accepted without agreeing to what will be published."
            )
        },
    )
    form.fields["consent_text"] = forms.CharField(widget=forms.HiddenInput, initial=text)
    if on_behalf:
        form.fields["consent_how"] = forms.ChoiceField(
            label=_("How the member agreed"),
            choices=[(How.SPOKEN, How.SPOKEN.label), (How.SIGNED, How.SIGNED.label)],
        )
        form.fields["consent_note"] = forms.CharField(
            label=_("Note on the agreement"),
            max_length=255,
            help_text=_("For example: read aloud at the window on 12 May, agreed."),
        )


def consent_agreement(form) -> Agreement:
    data = form.cleaned_data
    return Agreement(
        agreed=bool(data.get("consent_agreed")),
        text=data.get("consent_text", ""),
        how=data.get("consent_how") or How.SELF,
        note=data.get("consent_note", ""),
    )
