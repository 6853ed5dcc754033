from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.contracts import access
from gonghui.core.registry import NavEntry, Service, Tile, register


def _covered(user) -> bool:
    from gonghui.contracts.selectors import member_contracts

    return bool(member_contracts(user))


def _section(user, year):
    from gonghui.contracts.dashboard import section

    return section(user, year)


register(
    Service(
        key="contracts",
        name=pgettext_lazy("service", "Collective contracts"),
        description=_(
            "The register of collective contracts with the filing clock, renewals, coverage "
            "and the March bargaining campaign (要约行动月)."
        ),
        icon="bi-file-earmark-text",
        core=False,
        order=75,
        tiles=(
            Tile(
                "contracts_portal:mine",
                pgettext_lazy("contracts", "My collective contract"),
                "bi-file-earmark-text",
                visible=_covered,
                when_off=True,
            ),
        ),
        nav=(
            NavEntry(
                "staff:contracts_list",
                pgettext_lazy("menu", "Collective contracts"),
                "services",
                visible=access.can_read,
                active=(
                    "staff:contracts_list",
                    "staff:contracts_create",
                    "staff:contracts_detail",
                    "staff:contracts_coverage",
                    "staff:contracts_import",
                    "staff:contracts_step",
                    "staff:contracts_pdf",
                ),
            ),
            NavEntry(
                "staff:contracts_campaigns",
                pgettext_lazy("menu", "March bargaining campaign"),
                "services",
                visible=access.can_read,
                active=("staff:contracts_campaign",),
            ),
        ),
        dashboard_section=_section,
        staff_home="contracts/staff/_home_panel.html",
    )
)
