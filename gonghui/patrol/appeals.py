"""The patrol app's appeal hook (appeals.registry): a member whose patrol was not approved can
appeal the reviewer's decision once; upheld, the patrol goes back to review."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.appeals.adapters import EventRefusals
from gonghui.patrol.models import Event, Status
from gonghui.patrol.services.review import patrol_reopen_on_appeal

KIND = "patrol.rejection"


class PatrolRejections(EventRefusals):
    kind = KIND
    event_model = Event
    subject = "patrol"
    of_member = "patrols"
    refused_status = Status.REJECTED
    upheld_note = gettext_lazy("Appeal %(reference)s upheld: the patrol is reviewed again.")

    def is_refusal(self, event) -> bool:
        return event.to_status == Status.REJECTED

    def describe(self, event) -> dict:
        patrol = event.patrol
        return {
            "title": _("Patrol %(reference)s (%(route)s, %(day)s) not approved")
            % {"reference": patrol.reference, "route": patrol.route.name, "day": patrol.day},
            "reason": event.note,
            "member_url": reverse("patrol_portal:detail", args=[patrol.pk]),
            "staff_url": reverse("staff:patrol_patrol", args=[patrol.pk]),
        }

    def refusals_of_patrol(self, patrol) -> list:
        event = patrol.events.order_by("-at", "-id").first()
        return [self._as_refusal(event)] if self._appealable(event) else []

    def undo(self, *, actor, event, note: str) -> None:
        patrol_reopen_on_appeal(actor=actor, patrol=event.patrol, note=note)


REJECTIONS = PatrolRejections()
