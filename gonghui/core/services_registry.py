from django.utils.translation import pgettext_lazy

from gonghui.accounts import roles
from gonghui.accounts.models import Role
from gonghui.core.registry import NavEntry, Service, register
from gonghui.core.switches import can_switch_services


def _integrates_systems(user) -> bool:
    """The API description is for whoever connects other systems: the county administrator."""
    return roles.is_staff(user) and user.role == Role.COUNTY_ADMIN


register(
    Service(
        key="system",
        name=pgettext_lazy("service", "System"),
        icon="bi-gear",
        core=True,
        order=95,
        nav=(
            NavEntry(
                "staff:access_log",
                pgettext_lazy("menu", "Access log"),
                "system",
                visible=roles.can_read_audit_log,
            ),
            NavEntry(
                "staff:service_switches",
                pgettext_lazy("menu", "Service switches"),
                "system",
                visible=can_switch_services,
            ),
            NavEntry(
                "api-docs",
                pgettext_lazy("menu", "API documentation"),
                "system",
                visible=_integrates_systems,
            ),
        ),
    )
)
