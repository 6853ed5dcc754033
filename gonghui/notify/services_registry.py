from django.utils.translation import pgettext_lazy

from gonghui.core.registry import NavEntry, Service, register

register(
    Service(
        key="notify",
        name=pgettext_lazy("service", "SMS notices"),
        icon="bi-chat-dots",
        core=True,
        order=90,
        nav=(NavEntry("staff:outbox", pgettext_lazy("menu", "SMS outbox"), "system"),),
    )
)
