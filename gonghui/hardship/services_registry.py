from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.registry import NavEntry, Service, Tile, register

register(
    Service(
        key="hardship",
        name=pgettext_lazy("service", "Hardship worker aid"),
        icon="bi-house-heart",
        core=True,
        order=50,
        tiles=(Tile("hardship_portal:home", _("Hardship aid"), "bi-people"),),
        nav=(
            NavEntry(
                "staff:hardship_file_list",
                pgettext_lazy("menu", "Hardship files"),
                "protection",
                active=(
                    "staff:hardship_file",
                    "staff:hardship_family",
                    "staff:hardship_attachment",
                    "staff:hardship_objection",
                    "staff:hardship_aid",
                    "staff:hardship_import",
                    "staff:hardship_figures",
                    "staff:hardship_parameters",
                ),
            ),
            NavEntry(
                "staff:hardship_campaign_list",
                pgettext_lazy("menu", "Aid campaigns"),
                "protection",
                active=("staff:hardship_campaign", "staff:hardship_recipient"),
            ),
            NavEntry(
                "staff:hardship_pair_board",
                pgettext_lazy("menu", "Pairing"),
                "protection",
                active=("staff:hardship_pair",),
            ),
        ),
    )
)
