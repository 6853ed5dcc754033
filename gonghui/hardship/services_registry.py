from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.appeals.registry import register as register_appeal
from gonghui.consent.registry import Publication
from gonghui.consent.registry import register as register_publication
from gonghui.core.proxy import ProxyLink
from gonghui.core.registry import NavEntry, Service, Tile, register
from gonghui.hardship import access, appeals, publication
from gonghui.hardship.models import Action, HardshipFile, Status
from gonghui.hardship.workflow import CREATED, TRANSITIONS


def proxy(user, member) -> list[ProxyLink]:
    """代办: union staff apply for hardship aid for the member (the staff application form,
    which records the member's agreement to the public notice)."""
    if user.role not in TRANSITIONS[(Action.APPLY, CREATED)][1]:
        return []
    if HardshipFile.objects.filter(member=member).exclude(status=Status.CLOSED).exists():
        return []
    return [
        ProxyLink(
            _("Apply for hardship aid"),
            reverse("staff:hardship_file_create") + f"?member={member.pk}",
            "bi-house-add",
        )
    ]


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
        proxy=proxy,
    )
)

register_appeal(
    appeals.RETURNS.appeal_kind(
        label=_("A hardship application returned"), can_decide=access.can_keep_files
    )
)

register_publication(
    Publication(
        service=publication.SERVICE,
        fields=publication.FIELDS,
        text=publication.publication_text,
    )
)
