"""The hardship app's appeal hook (appeals.registry): a worker whose file was returned at a
review step can appeal the return once; upheld, the file goes back to the step it was
returned from (services.reinstate.file_reinstate). The refused decision is the return's
event row, appealable while it is the file's last step."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.appeals.adapters import EventRefusals
from gonghui.hardship.models import Action, FileEvent, Status
from gonghui.hardship.services.reinstate import file_reinstate

KIND = "hardship.return"


class HardshipReturns(EventRefusals):
    kind = KIND
    event_model = FileEvent
    subject = "file"
    of_member = "hardship_files"
    refused_status = Status.RETURNED
    upheld_note = gettext_lazy("Appeal %(reference)s upheld: the return is withdrawn.")

    def is_refusal(self, event: FileEvent) -> bool:
        return event.action == Action.RETURN

    def describe(self, event: FileEvent) -> dict:
        return {
            "title": _("Hardship application returned at “%(step)s”")
            % {"step": Status(event.from_status).label},
            "reason": event.note,
            "member_url": reverse("hardship_portal:progress"),
            "staff_url": reverse("staff:hardship_file_detail", args=[event.file_id]),
        }

    def undo(self, *, actor, event: FileEvent, note: str) -> None:
        file_reinstate(actor=actor, file=event.file, returned=event, note=note)


RETURNS = HardshipReturns()
