from django.utils.translation import pgettext_lazy

from gonghui.core.registry import NavEntry, Service, register

register(
    Service(
        key="deadlines",
        name=pgettext_lazy("service", "Deadlines and working-day calendar"),
        icon="bi-alarm",
        core=True,
        order=85,
        nav=(
            NavEntry(
                "staff:deadline_late",
                pgettext_lazy("menu", "Late items"),
                "system",
                active=("staff:deadline_late", "staff:deadline_extend"),
            ),
            NavEntry(
                "staff:deadline_calendar",
                pgettext_lazy("menu", "Working-day calendar"),
                "system",
            ),
        ),
    )
)
