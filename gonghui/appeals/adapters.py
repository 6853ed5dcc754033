"""The common shape of an appeal kind (registry.AppealKind) whose refused decision is an event
row of the refused object: a claim's rejection, a hardship file's return. Such a decision can
be appealed while it is the object's last event, was taken by a person (not the system) and
the object still stands refused.

The owning app subclasses `EventRefusals`, names its models and says what is specific to it
(which events are refusals, how one reads to the member, how upholding undoes it), and
registers `instance.appeal_kind(label=..., can_decide=...)`.
"""

from abc import ABC, abstractmethod

from django.db import models

from gonghui.appeals.registry import AppealKind, Refusal


class EventRefusals(ABC):
    kind: str  # the AppealKind key, "<app>.<what was refused>"
    event_model: type[models.Model]  # the refused object's event rows (`at`, `actor`)
    subject: str  # the event's foreign key to the refused object, whose events are `events`
    of_member: str  # the member's related name for the refused objects
    refused_status: str  # the refused object's status while it stands refused
    upheld_note: str  # the note of the undoing step, with %(reference)s of the appeal (lazy)

    @abstractmethod
    def is_refusal(self, event) -> bool:
        """Whether the event row is a refusal of this kind (beyond being a person's)."""

    @abstractmethod
    def describe(self, event) -> dict:
        """`title`, `reason`, `member_url`, `staff_url` of the Refusal, as the member reads it."""

    @abstractmethod
    def undo(self, *, actor, event, note: str) -> None:
        """The owning app's service that undoes the refusal when the appeal is upheld."""

    def appeal_kind(self, *, label, can_decide) -> AppealKind:
        return AppealKind(
            key=self.kind,
            label=label,
            refusal=self.refusal,
            refusals_of=self.refusals_of,
            uphold=self.uphold,
            can_decide=can_decide,
        )

    def refusal(self, object_id: int) -> Refusal | None:
        """The refusal event, while it is still the object's last word."""
        event = (
            self.event_model.objects.select_related(*self._related()).filter(pk=object_id).first()
        )
        return self._as_refusal(event) if self._appealable(event) else None

    def refusals_of(self, member) -> list[Refusal]:
        found = []
        for subject in getattr(member, self.of_member).filter(status=self.refused_status):
            event = subject.events.select_related(*self._related()).order_by("-at", "-id").first()
            if self._appealable(event):
                found.append(self._as_refusal(event))
        return found

    def uphold(self, *, actor, refusal: Refusal, appeal) -> None:
        event = self.event_model.objects.select_related(self.subject).get(pk=refusal.object_id)
        self.undo(actor=actor, event=event, note=self.upheld_note % {"reference": appeal.reference})

    def _related(self) -> tuple[str, str]:
        return f"{self.subject}__member__union", "actor"

    def _appealable(self, event) -> bool:
        if event is None or event.actor_id is None or not self.is_refusal(event):
            return False
        subject = getattr(event, self.subject)
        return (
            subject.status == self.refused_status
            and subject.events.order_by("-at", "-id").values_list("pk", flat=True).first()
            == event.pk
        )

    def _as_refusal(self, event) -> Refusal:
        return Refusal(
            kind=self.kind,
            object_id=event.pk,
            member=getattr(event, self.subject).member,
            refused_by=event.actor,
            refused_at=event.at,
            **self.describe(event),
        )
