"""The worker's agreement to the public notice, recorded on a file afterwards: a file opened
before agreements were recorded (or imported) cannot start its notice without one."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.consent.models import PublicationConsent
from gonghui.consent.services import Agreement, consent_record
from gonghui.hardship import publication
from gonghui.hardship.models import HardshipFile, Status
from gonghui.hardship.services.common import check_keeper


@transaction.atomic
def file_consent_record(
    *, actor, file: HardshipFile, agreement: Agreement | None
) -> PublicationConsent:
    """Staff note the worker's agreement (aloud or signed) to the text of the notice (代办)."""
    check_keeper(actor, file)
    if file.status == Status.CLOSED:
        raise ValidationError(_("A closed file cannot be changed."), code="closed")
    return consent_record(
        actor=actor,
        member=file.member,
        service=publication.SERVICE,
        object_id=file.pk,
        agreement=agreement,
    )
