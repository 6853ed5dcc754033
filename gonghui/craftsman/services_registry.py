from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.accounts import roles
from gonghui.core.registry import NavEntry, Service, Tile, register


def _holds_or_applied(user) -> bool:
    """While the service is off the tile stays for a member who holds a title or applied."""
    from gonghui.craftsman.models import Application, Honour

    return (
        Honour.objects.filter(member__user=user).exists()
        or Application.objects.filter(member__user=user).exists()
    )


def _open_or_held(user) -> bool:
    from gonghui.core.switches import service_open_to

    return service_open_to(user, "craftsman") or _holds_or_applied(user)


def _section(user, year):
    from gonghui.craftsman.dashboard import section

    return section(user, year)


register(
    Service(
        key="craftsman",
        name=pgettext_lazy("service", "Craftsman evaluation"),
        description=_(
            "Craftsmen and model workers selected by points, with the public notice and titles."
        ),
        icon="bi-award",
        core=False,
        order=70,
        tiles=(
            Tile(
                "craftsman_portal:home",
                _("Craftsman evaluation"),
                "bi-award",
                visible=_open_or_held,
                when_off=True,
            ),
        ),
        nav=(
            NavEntry(
                "staff:craftsman_scheme_list",
                pgettext_lazy("menu", "Craftsman evaluation"),
                "services",
                visible=roles.is_staff,
                active=(
                    "staff:craftsman_scheme",
                    "staff:craftsman_application",
                    "staff:craftsman_rules",
                ),
            ),
            NavEntry(
                "staff:craftsman_honour_list",
                pgettext_lazy("menu", "Honours archive"),
                "services",
                visible=roles.is_staff,
            ),
            NavEntry(
                "staff:craftsman_contest_list",
                pgettext_lazy("menu", "Skill contests"),
                "services",
                visible=roles.is_staff,
            ),
        ),
        dashboard_section=_section,
    )
)
