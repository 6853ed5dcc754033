from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.claims import access
from gonghui.core.registry import NavEntry, Service, Tile, register

register(
    Service(
        key="claims",
        name=pgettext_lazy("service", "Online claims"),
        icon="bi-file-earmark-medical",
        core=True,
        order=30,
        tiles=(Tile("claims_portal:list", _("Claim mutual aid"), "bi-file-earmark-medical"),),
        nav=(
            NavEntry(
                "staff:claims_queue",
                pgettext_lazy("menu", "Claim review"),
                "protection",
                active=(
                    "staff:claims_queue",
                    "staff:claims_detail",
                    "staff:claims_file",
                    "staff:claims_edit",
                    "staff:claims_figures",
                ),
            ),
            NavEntry(
                "staff:claims_payouts",
                pgettext_lazy("menu", "Payout batches"),
                "protection",
                visible=access.can_pay,
                active=("staff:claims_payouts", "staff:claims_batch"),
            ),
        ),
    )
)
