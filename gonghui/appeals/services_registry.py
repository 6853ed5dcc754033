from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.appeals import access, selectors
from gonghui.core.proxy import ProxyLink
from gonghui.core.registry import NavEntry, Service, Tile, register


def proxy(user, member) -> list[ProxyLink]:
    """代办: appeal each refusal the member can still appeal."""
    if not access.can_file_for_members(user):
        return []
    return [
        ProxyLink(
            _("Appeal: %(title)s") % {"title": refusal.title},
            reverse("staff:appeal_file", args=[refusal.kind, refusal.object_id]),
            "bi-megaphone",
            note=refusal.reason,
        )
        for refusal in selectors.appealable_refusals(member)
    ]


register(
    Service(
        key="appeals",
        name=pgettext_lazy("service", "Appeals"),
        icon="bi-megaphone",
        core=True,
        order=90,
        # Shown to a member who has appealed, or has a refusal they can appeal.
        tiles=(
            Tile(
                "appeals_portal:list",
                _("My appeals"),
                "bi-megaphone",
                visible=access.member_concerned,
                badge=access.open_refusals,
            ),
        ),
        nav=(
            NavEntry(
                "staff:appeal_queue",
                pgettext_lazy("menu", "Appeals"),
                "members",
                visible=access.can_see_queue,
                active=("staff:appeal",),
            ),
        ),
        proxy=proxy,
    )
)
