"""What every patrol service shares: the federation's rules, the conditional move of a patrol
with its event row, the service switch."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.switches import service_enabled
from gonghui.patrol.models import Patrol, Rules
from gonghui.patrol.workflow import check_move

KEY = "patrol"


def federation_of(org):
    head = org.path.strip("/").split("/", 1)[0]
    return int(head) if head else org.pk


def rules_for(org) -> Rules:
    """The federation's rules (the spec's defaults while it saved none)."""
    federation_id = federation_of(org)
    return Rules.objects.filter(federation_id=federation_id).first() or Rules(
        federation_id=federation_id
    )


def check_open(org) -> None:
    """New actions stop while the federation has the service off."""
    if not service_enabled(federation_of(org), KEY):
        raise PermissionDenied(_("Your county federation has not switched this service on."))


def move(patrol: Patrol, action: str, *, actor=None, on_behalf=False, note="", **changes):
    """Move the patrol by a conditional update on its current status: a second, concurrent
    move finds it changed and is refused."""
    source = patrol.status
    target = check_move(status=source, action=action)
    changes["status"] = target
    changes["updated_at"] = timezone.now()
    if not Patrol.objects.filter(pk=patrol.pk, status=source).update(**changes):
        raise ValidationError(
            _("This patrol was changed meanwhile; reload the page."), code="stale"
        )
    for name, value in changes.items():
        setattr(patrol, name, value)
    return patrol.events.create(
        action=action,
        from_status=source,
        to_status=target,
        actor=actor,
        on_behalf=on_behalf,
        note=note[:255],
    )


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
