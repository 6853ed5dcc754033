from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.appeals.registry import register as register_appeal
from gonghui.claims import access, appeals
from gonghui.claims.models import EventType
from gonghui.core.proxy import ProxyLink
from gonghui.core.registry import NavEntry, Service, Tile, register


def proxy(user, member) -> list[ProxyLink]:
    """代办 at the service window: file a claim for the member (claims.views.file_create)."""
    if not access.can_file_for_members(user):
        return []
    return [
        ProxyLink(
            _("File a claim: %(what)s") % {"what": label},
            reverse("staff:claims_file_create", args=[member.pk, value]),
            "bi-file-earmark-medical",
        )
        for value, label in EventType.choices
    ]


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
        proxy=proxy,
    )
)

register_appeal(
    appeals.REJECTIONS.appeal_kind(label=_("A claim not approved"), can_decide=access.can_review)
)
