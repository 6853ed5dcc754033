from django.utils.translation import pgettext_lazy

from gonghui.core.registry import NavEntry, Service, register

register(
    Service(
        key="documents",
        name=pgettext_lazy("service", "Issued documents"),
        icon="bi-qr-code",
        core=True,
        order=86,
        nav=(
            NavEntry(
                "staff:document_list",
                pgettext_lazy("menu", "Issued documents"),
                "system",
                active=("staff:document_",),
            ),
        ),
    )
)
