"""The link's configuration: the federation's column mapping and the bureau's API keys."""

import secrets
from hashlib import sha256

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.medinsure import access
from gonghui.medinsure.models import (
    FIELD_HEADERS,
    REQUIRED_FIELDS,
    BureauApiKey,
    ColumnMapping,
    LinkSettings,
)
from gonghui.orgs.models import Organisation


def _check_federation_admin(actor, federation: Organisation) -> None:
    if actor is None:
        return
    if not access.can_configure(actor, federation):
        raise PermissionDenied(
            _("Only the administrators of %(federation)s may configure its data link.")
            % {"federation": federation.name}
        )


@transaction.atomic
def column_mapping_save(*, actor, federation: Organisation, mapping: dict[str, str]) -> dict:
    """The bureau's header for each of our fields; a header equal to the spec's default is
    not stored. Two fields cannot read the same column, and required fields need one."""
    _check_federation_admin(actor, federation)
    cleaned = {}
    for name, default in FIELD_HEADERS.items():
        header = (mapping.get(name) or "").strip()
        if not header and name in REQUIRED_FIELDS:
            raise ValidationError(
                _("%(field)s needs a column.") % {"field": name}, code="mapping_required"
            )
        cleaned[name] = header or default
    seen: dict[str, str] = {}
    for name, header in cleaned.items():
        if header in seen:
            raise ValidationError(
                _("The column “%(header)s” is given to two fields.") % {"header": header},
                code="mapping_twice",
            )
        seen[header] = name
    ColumnMapping.objects.filter(federation=federation).delete()
    ColumnMapping.objects.bulk_create(
        ColumnMapping(federation=federation, field=name, header=header, updated_by=actor)
        for name, header in cleaned.items()
        if header != FIELD_HEADERS[name]
    )
    return cleaned


def api_key_create(*, actor, federation: Organisation, name: str) -> tuple[BureauApiKey, str]:
    """A new key for the bureau's system; the key itself is returned once and never kept."""
    _check_federation_admin(actor, federation)
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the key a name (e.g. the bureau's system)."))
    prefix = secrets.token_hex(4)
    key = f"mi_{prefix}_{secrets.token_urlsafe(32)}"
    api_key = BureauApiKey.objects.create(
        federation=federation,
        name=name[:64],
        prefix=prefix,
        key_hash=api_key_hash(key),
        created_by=actor,
    )
    return api_key, key


def api_key_hash(key: str) -> str:
    return sha256(key.encode()).hexdigest()


def api_key_revoke(*, actor, api_key: BureauApiKey) -> BureauApiKey:
    _check_federation_admin(actor, api_key.federation)
    BureauApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    api_key.refresh_from_db()
    return api_key


@transaction.atomic
def link_settings_save(*, actor, federation: Organisation, straight_through_up_to) -> LinkSettings:
    """Up to which amount a claim made from a settlement record that passes every check is
    approved without a reviewer (0: never)."""
    _check_federation_admin(actor, federation)
    if straight_through_up_to is None or straight_through_up_to < 0:
        raise ValidationError(_("Enter an amount of 0 yuan or more."), code="limit")
    link, _created = LinkSettings.objects.update_or_create(
        federation=federation,
        defaults={"straight_through_up_to": straight_through_up_to, "updated_by": actor},
    )
    return link
