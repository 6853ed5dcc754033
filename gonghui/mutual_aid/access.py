"""Who may do what in the mutual-aid scheme. Pages and API endpoints ask these; where a
record is, the selectors decide."""

from gonghui.accounts import roles
from gonghui.accounts.models import Role

CONFIGURERS = frozenset({Role.COUNTY_ADMIN})
ENROLLERS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_ADMIN})
PAYMENT_RECORDERS = frozenset({Role.COUNTY_FINANCE, Role.COUNTY_ADMIN})


def can_configure(user) -> bool:
    """Periods, plans, contributions, parameters, disease lists, targets."""
    return roles.is_staff(user) and user.role in CONFIGURERS


def can_enroll(user) -> bool:
    return roles.is_staff(user) and user.role in ENROLLERS


def can_record_payments(user) -> bool:
    return roles.is_staff(user) and user.role in PAYMENT_RECORDERS
