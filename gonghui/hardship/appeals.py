"""The hardship app's appeal hook (appeals.registry): a worker whose file was returned at a
review step can appeal the return once; upheld, the file goes back to the step it was
returned from (services.reinstate.file_reinstate). The refused decision is the return's
event row, appealable while it is the file's last step."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.appeals.registry import Refusal
from gonghui.hardship.models import Action, FileEvent, Status
from gonghui.hardship.services.reinstate import file_reinstate

KIND = "hardship.return"


def _as_refusal(event: FileEvent) -> Refusal:
    return Refusal(
        kind=KIND,
        object_id=event.pk,
        member=event.file.member,
        refused_by=event.actor,
        refused_at=event.at,
        title=_("Hardship application returned at “%(step)s”")
        % {"step": Status(event.from_status).label},
        reason=event.note,
        member_url=reverse("hardship_portal:progress"),
        staff_url=reverse("staff:hardship_file_detail", args=[event.file_id]),
    )


def _appealable(event: FileEvent | None) -> bool:
    return (
        event is not None
        and event.action == Action.RETURN
        and event.actor_id is not None
        and event.file.status == Status.RETURNED
        and event.file.events.order_by("-at", "-id").values_list("pk", flat=True).first()
        == event.pk
    )


def refusal(object_id: int) -> Refusal | None:
    event = (
        FileEvent.objects.select_related("file__member__union", "actor")
        .filter(pk=object_id)
        .first()
    )
    return _as_refusal(event) if _appealable(event) else None


def refusals_of(member) -> list[Refusal]:
    found = []
    for file in member.hardship_files.filter(status=Status.RETURNED):
        event = (
            file.events.select_related("file__member__union", "actor")
            .order_by("-at", "-id")
            .first()
        )
        if _appealable(event):
            found.append(_as_refusal(event))
    return found


def uphold(*, actor, refusal: Refusal, appeal) -> None:
    event = FileEvent.objects.select_related("file").get(pk=refusal.object_id)
    file_reinstate(
        actor=actor,
        file=event.file,
        returned=event,
        note=_("Appeal %(reference)s upheld: the return is withdrawn.")
        % {"reference": appeal.reference},
    )
