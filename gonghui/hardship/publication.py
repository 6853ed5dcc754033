"""What the hardship public notice (公示) publishes about a worker, agreed to when applying
(consent.registry): the masked name, the union, and the tier the federation decides. The
notice's text is built from the recorded agreement's fields only."""

from django.utils.translation import gettext as _

from gonghui.core.masking import mask_name

SERVICE = "hardship"
FIELDS = ("name_masked", "union", "tier")


def publication_text(member) -> str:
    """The exact text the worker (or staff 代办) agrees to on the apply form."""
    return _(
        "If your application passes the union's and the town's review, a public notice of at "
        "least five working days is posted at your union and town federation, showing only:\n"
        "Name: %(name)s\nUnion: %(union)s\nHardship tier: the tier decided in the review\n"
        "Your ID number, income, illness and family details are never published."
    ) % {"name": mask_name(member.name), "union": member.union.name}


def notice_text(file, consent) -> str:
    """The line the notice publishes for this file: only the agreed fields."""
    values = {
        "name_masked": mask_name(file.member.name),
        "union": file.member.union.name,
        "tier": file.get_tier_display(),
    }
    return "，".join(values[name] for name in consent.fields if values.get(name))
