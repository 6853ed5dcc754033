from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.registry import NavEntry, Service, Tile, register
from gonghui.medinsure import selectors


def _waiting(user) -> int:
    return selectors.my_pending_notices(user).count()


register(
    Service(
        key="medinsure",
        name=pgettext_lazy("service", "Medical-insurance data link"),
        icon="bi-database-check",
        core=True,
        order=40,
        tiles=(
            Tile("medinsure_portal:benefits", _("Benefits to collect"), "bi-gift", badge=_waiting),
        ),
        member_banner="medinsure/portal/_home_banner.html",
        nav=(
            NavEntry(
                "staff:medinsure_home",
                pgettext_lazy("menu", "Medical insurance data"),
                "protection",
                active=("staff:medinsure_",),
            ),
        ),
    )
)
