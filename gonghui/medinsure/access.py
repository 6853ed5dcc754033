"""Who may do what with the medical-insurance link. Pages and API endpoints ask these; where a
record is, the selectors decide."""

from gonghui.accounts import roles
from gonghui.accounts.models import Role
from gonghui.orgs.models import OrgKind

IMPORTERS = frozenset({Role.COUNTY_ADMIN, Role.COUNTY_REVIEWER})
CONFIGURERS = frozenset({Role.COUNTY_ADMIN})
RECOVERY_CLOSERS = frozenset({Role.COUNTY_FINANCE, Role.COUNTY_ADMIN})


def _runs(user, federation) -> bool:
    """The user works at a federation node at or above this federation."""
    return (
        roles.is_staff(user)
        and user.org.kind == OrgKind.FEDERATION
        and federation.path.startswith(user.org.path)
    )


def can_import(user, federation) -> bool:
    return _runs(user, federation) and user.role in IMPORTERS


def can_configure(user, federation) -> bool:
    """The column mapping and the bureau's API keys."""
    return _runs(user, federation) and user.role in CONFIGURERS


def can_import_somewhere(user) -> bool:
    return roles.is_staff(user) and user.org.kind == OrgKind.FEDERATION and user.role in IMPORTERS


def can_close_recoveries(user) -> bool:
    return roles.is_staff(user) and user.role in RECOVERY_CLOSERS


def can_read_diagnosis(user) -> bool:
    """The diagnosis of a record is shown whole only to these, and each time it is logged."""
    return roles.can_view_sensitive(user)
