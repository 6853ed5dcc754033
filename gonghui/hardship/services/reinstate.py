"""Undoing a return when the worker's appeal against it is upheld (hardship/appeals.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.hardship.models import Action, FileEvent, HardshipFile, Status
from gonghui.hardship.services.common import check_scope
from gonghui.hardship.services.files import _move


@transaction.atomic
def file_reinstate(*, actor, file: HardshipFile, returned: FileEvent, note: str) -> FileEvent:
    """The return `returned` is withdrawn: the file goes back to the step it was returned from,
    if nothing happened to it since (it was not resubmitted, closed or returned again)."""
    check_scope(actor, file)
    file = HardshipFile.objects.select_for_update().get(pk=file.pk)
    last = file.events.order_by("-at", "-id").first()
    if file.status != Status.RETURNED or last is None or last.pk != returned.pk:
        raise ValidationError(
            _("The file has moved on since it was returned; it cannot be put back."),
            code="changed",
        )
    return _move(
        file=file,
        action=Action.REINSTATE,
        actor=actor,
        note=note,
        origin=returned.from_status,
    )
