from django.utils.translation import pgettext_lazy

from gonghui.core.registry import NavEntry, Service, register
from gonghui.dashboards import reform

register(
    Service(
        key="dashboard",
        name=pgettext_lazy("service", "Dashboards"),
        icon="bi-speedometer2",
        core=True,
        order=60,
        nav=(
            NavEntry(
                "staff:dashboard",
                pgettext_lazy("menu", "Dashboard"),
                "data",
                active=("staff:dashboard", "staff:dashboard_articles"),
            ),
            NavEntry(
                "staff:dashboard_reforms",
                pgettext_lazy("menu", "Reform simulation"),
                "data",
                visible=reform.can_simulate,
                active=("staff:dashboard_reform",),
            ),
        ),
    )
)
