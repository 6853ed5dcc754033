from django.utils.translation import pgettext_lazy

from gonghui.core.registry import Service, register

register(
    Service(
        key="craftsman",
        name=pgettext_lazy("service", "Craftsman evaluation"),
        icon="bi-award",
        core=False,
        order=70,
    )
)
