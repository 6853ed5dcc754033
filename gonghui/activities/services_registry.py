from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.activities import access, selectors
from gonghui.core.registry import NavEntry, Service, Tile, register


def _holds_something(user) -> bool:
    return selectors.member_holds_anything(user)


register(
    Service(
        key="activities",
        name=pgettext_lazy("service", "Activities, recuperation and lotteries"),
        icon="bi-calendar-event",
        core=False,
        order=60,
        description=_(
            "Inclusive activities, recuperation programmes with quotas and nominations, "
            "lotteries with prize vouchers; places and prizes by fair draw."
        ),
        tiles=(
            Tile("activities_portal:home", _("Activities"), "bi-calendar-event"),
            Tile(
                "activities_portal:mine",
                _("My registrations and vouchers"),
                "bi-ticket-perforated",
                visible=_holds_something,
                when_off=True,
            ),
        ),
        nav=(
            NavEntry(
                "staff:activities_home",
                pgettext_lazy("menu", "Activities and lotteries"),
                "services",
                visible=access.can_read,
                active=("staff:activities_",),
            ),
        ),
        dashboard_section=lambda user, year: selectors.dashboard_section(user, year),
    )
)
