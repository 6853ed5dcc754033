"""The standardisation checklist: kept by the union, verified by its town."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import pgettext

from gonghui.accounts.models import Role
from gonghui.core.db import write_transaction
from gonghui.orgs.models import OrgKind
from gonghui.ratings.models import StandardItem
from gonghui.ratings.services.common import check_open
from gonghui.ratings.standards import CODES


def _federation(org):
    return org.ancestor_ids[0]


def standard_set(*, actor, union, code: str, done: bool, note: str = "") -> StandardItem:
    """The union's staff keep their own checklist; a change clears the town's verification."""
    check_open(_federation(union))
    if code not in CODES:
        raise ValidationError(pgettext("ratings", "There is no such checklist item."))
    if actor.org_id != union.pk or union.kind == OrgKind.FEDERATION:
        raise PermissionDenied(
            pgettext("ratings", "Only the union's own staff keep its checklist.")
        )
    with write_transaction():
        item, _created = StandardItem.objects.update_or_create(
            union=union,
            code=code,
            defaults={
                "done": done,
                "note": note.strip()[:255],
                "verified_by": None,
                "verified_at": None,
            },
        )
    return item


def standard_verify(*, actor, item: StandardItem) -> StandardItem:
    check_open(_federation(item.union))
    if actor.role != Role.TOWN_STAFF or not item.union.path.startswith(actor.org.path):
        raise PermissionDenied(
            pgettext("ratings", "Only the union's town federation verifies its checklist.")
        )
    if not item.done:
        raise ValidationError(pgettext("ratings", "Only an item in place can be verified."))
    StandardItem.objects.filter(pk=item.pk).update(verified_by=actor, verified_at=timezone.now())
    item.refresh_from_db()
    return item
