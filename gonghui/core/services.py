"""Writes of the platform itself: switching a federation's optional services."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import registry, switches
from gonghui.core.models import ServiceSwitch, ServiceSwitchEvent


def service_switch_set(*, actor, federation, key: str, enabled: bool, note: str = "") -> bool:
    """Switch one optional service on or off for a federation, with an event row. `actor`
    None is the system (load_demo); otherwise a county administrator of that federation.
    Returns False, changing nothing, when the switch is already in that position (a second
    click, two administrators at once)."""
    if actor is not None and not (
        switches.can_switch_services(actor) and actor.org_id == federation.pk
    ):
        raise PermissionDenied
    service = _optional_service(key)
    if federation.parent_id is not None:
        raise ValidationError(_("Services are switched for a whole federation only."))
    now = timezone.now()
    with transaction.atomic():
        switch, _created = ServiceSwitch.objects.get_or_create(
            federation=federation,
            key=service.key,
            defaults={"enabled": False, "changed_at": now},
        )
        # The conditional update decides, not what this process read: of two requests that
        # make the same change at once, exactly one writes the event.
        changed = ServiceSwitch.objects.filter(pk=switch.pk, enabled=not enabled).update(
            enabled=enabled, changed_by=actor, changed_at=now
        )
        if changed:
            ServiceSwitchEvent.objects.create(
                switch=switch,
                old_enabled=not enabled,
                new_enabled=enabled,
                actor=actor,
                at=now,
                note=note.strip()[:200],
            )
    switches.forget(federation.pk)
    return bool(changed)


def _optional_service(key: str) -> registry.Service:
    service = next((s for s in registry.optional_services() if s.key == key), None)
    if service is None:
        raise ValidationError(_("There is no optional service with this name."))
    return service
