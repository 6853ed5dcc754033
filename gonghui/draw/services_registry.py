from django.utils.translation import pgettext_lazy

from gonghui.core.registry import NavEntry, Service, register
from gonghui.draw import access

register(
    Service(
        key="draw",
        name=pgettext_lazy("service", "Fair draws"),
        icon="bi-shuffle",
        core=True,
        order=90,
        nav=(
            NavEntry(
                "staff:draw_list",
                pgettext_lazy("menu", "Fair draws"),
                "services",
                visible=access.can_create,
                active=("staff:draw_",),
            ),
        ),
    )
)
