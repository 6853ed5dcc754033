from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.registry import NavEntry, Service, Tile, register

register(
    Service(
        key="registry",
        name=pgettext_lazy("service", "Member and organisation registry"),
        icon="bi-people",
        core=True,
        order=10,
        tiles=(Tile("portal:me", _("My member record"), "bi-person-vcard"),),
        nav=(
            NavEntry(
                "staff:member_list",
                pgettext_lazy("menu", "Members"),
                "members",
                active=("staff:member_",),
            ),
            NavEntry("staff:org_list", pgettext_lazy("menu", "Organisations"), "members"),
            NavEntry(
                "staff:enterprise_list",
                pgettext_lazy("menu", "Enterprises"),
                "members",
                active=("staff:enterprise_",),
            ),
            NavEntry("staff:coverage", pgettext_lazy("menu", "Coverage"), "members"),
        ),
    )
)
