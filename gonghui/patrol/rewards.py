"""Points for an approved patrol, posted to the shared ledger (gonghui/points) with the key
`patrol:<id>`: the ledger posts a key once, so a retried or concurrent approval earns once."""

from django.apps import apps
from django.utils.translation import gettext as _


def ledger_installed() -> bool:
    return apps.is_installed("gonghui.points")


def earn_for(patrol, *, actor=None) -> None:
    """Call inside the approval's transaction."""
    if not ledger_installed():
        return
    from gonghui.points import services as points_services

    points_services.earn(
        member=patrol.member,
        points=patrol.route.points,
        key=f"patrol:{patrol.id}",
        reason=_("Patrol %(reference)s on %(route)s approved")
        % {"reference": patrol.reference, "route": patrol.route.name},
        source="patrol",
        source_id=patrol.id,
        actor=actor,
    )


def balance(member) -> dict | None:
    if not ledger_installed():
        return None
    from gonghui.points import services as points_services

    return points_services.balance(member)
