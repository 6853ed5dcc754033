"""What a title brings, for how long (seed 000: children's schooling, loans, recuperation,
health checks; C10 housing priority). Shown to the member on the phone."""

from django.utils.translation import gettext_lazy as _

from gonghui.craftsman.models import Title

ENTITLEMENTS = {
    Title.CRAFTSMAN: (
        _("Priority for children's schooling"),
        _("Loan interest discount"),
        _("A recuperation place each year"),
        _("A yearly health check"),
        _("Housing priority"),
    ),
    Title.MODEL_WORKER: (
        _("A yearly health check"),
        _("Loan interest discount"),
    ),
}


def entitlements(honour) -> list:
    """Nothing once the title is revoked."""
    if honour.revoked_at:
        return []
    return list(ENTITLEMENTS.get(honour.title, ()))
