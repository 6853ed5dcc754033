from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.registry import NavEntry, Service, Tile, register

register(
    Service(
        key="mutual_aid",
        name=pgettext_lazy("service", "Workers' medical mutual aid"),
        icon="bi-heart-pulse",
        core=True,
        order=20,
        tiles=(Tile("mutual_aid_portal:enrollments", _("Medical mutual aid"), "bi-heart-pulse"),),
        nav=(
            NavEntry(
                "staff:mutual_aid_home",
                pgettext_lazy("menu", "Medical mutual aid"),
                "protection",
                active=("staff:mutual_aid_",),
            ),
        ),
    )
)
