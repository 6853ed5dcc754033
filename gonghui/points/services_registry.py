from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.registry import NavEntry, Service, Tile, register
from gonghui.points import access, selectors

register(
    Service(
        key="points",
        name=pgettext_lazy("service", "Points and coin shop"),
        icon="bi-coin",
        core=False,
        order=65,
        description=_(
            "The members' points ledger (patrols, activities), points to coins at a dated "
            "rate, and the coin shop: goods, activity vouchers, accident cover."
        ),
        tiles=(
            Tile("points_portal:home", pgettext_lazy("points", "My points"), "bi-coin"),
            Tile("points_portal:shop", pgettext_lazy("points", "Coin shop"), "bi-bag-heart"),
        ),
        dashboard_section=lambda user, year: selectors.dashboard_section(user, year),
        nav=(
            NavEntry(
                "staff:points_home",
                pgettext_lazy("menu", "Points and coin shop"),
                "services",
                visible=access.can_read,
                active=("staff:points_",),
            ),
        ),
    )
)
