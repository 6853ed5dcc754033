from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.appeals.registry import register as register_appeal
from gonghui.core.proxy import ProxyLink
from gonghui.core.registry import NavEntry, Service, Tile, register
from gonghui.patrol import access, appeals


def _holds_something(user) -> bool:
    from gonghui.patrol.selectors import member_holds_anything

    return member_holds_anything(user)


def _section(user, year):
    from gonghui.patrol.figures import dashboard_section

    return dashboard_section(user, year)


def _proxy(user, member):
    if not access.can_organise(user):
        return []
    return [
        ProxyLink(
            _("Grab or cancel a patrol slot"),
            reverse("staff:patrol_proxy", args=[member.pk]),
            "bi-signpost-split",
        )
    ]


register(
    Service(
        key="patrol",
        name=pgettext_lazy("service", "Safety patrols"),
        icon="bi-signpost-split",
        core=False,
        order=65,
        description=_(
            "Members grab patrol slots on routes through industrial areas, walk them with their "
            "phone at the checkpoints, and earn points once staff approve."
        ),
        tiles=(
            Tile("patrol_portal:home", _("Safety patrols"), "bi-signpost-split"),
            Tile(
                "patrol_portal:mine",
                _("My patrols"),
                "bi-person-walking",
                visible=_holds_something,
                when_off=True,
            ),
        ),
        nav=(
            NavEntry(
                "staff:patrol_home",
                pgettext_lazy("menu", "Safety patrols"),
                "services",
                visible=access.can_read,
                active=("staff:patrol_",),
            ),
        ),
        dashboard_section=_section,
        proxy=_proxy,
    )
)

register_appeal(
    appeals.REJECTIONS.appeal_kind(label=_("A patrol not approved"), can_decide=access.can_review)
)
