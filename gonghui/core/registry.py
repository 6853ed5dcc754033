"""The platform's services, declared once by each app and read by the member home, the staff
menu and the per-federation switch.

An app declares its service in its own `services_registry.py` (found by `autodiscover` when
the apps are ready): a key, a name, an icon, whether it is core (always on) or optional, the
tiles it adds to the member home and the entries it adds to the staff menu. Pages never list
the services themselves: a new capability appears everywhere by registering here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import pgettext_lazy

# A test of the user that the menu and the home ask: True shows the link.
UserTest = Callable[[object], bool]


@dataclass(frozen=True)
class Tile:
    """A tile of the member home (/m/). `visible(user)` hides it from members it does not
    concern; `badge(user)` is a number shown on it (0 or None shows none). A tile with
    `when_off` stays while the service is switched off, when `visible` says so: the door to
    what the member already holds (vouchers, titles, open cases)."""

    url_name: str
    label: Promise | str
    icon: str
    visible: UserTest | None = None
    badge: Callable[[object], int | None] | None = None
    when_off: bool = False


@dataclass(frozen=True)
class NavEntry:
    """An entry of the staff menu, under one of NAV_GROUPS. `visible(user)` asks the app's
    access rules: a role sees only the links it may follow. `active` lists the URL-name
    prefixes of the pages that belong to the entry (by default its own URL name)."""

    url_name: str
    label: Promise | str
    group: str
    visible: UserTest | None = None
    active: tuple[str, ...] = ()

    def is_active(self, url_name: str | None) -> bool:
        prefixes = self.active or (self.url_name,)
        return bool(url_name) and any(url_name.startswith(prefix) for prefix in prefixes)


@dataclass(frozen=True)
class Service:
    key: str
    name: Promise | str
    icon: str
    core: bool = False
    description: Promise | str = ""
    tiles: tuple[Tile, ...] = ()
    nav: tuple[NavEntry, ...] = ()
    # The area's help page (a URL name), linked from the staff menu.
    help_url_name: str | None = None
    # A template included at the top of the member home (e.g. "benefits waiting for you").
    member_banner: str | None = None
    # A template included on the staff home while the service is on (e.g. late steps).
    staff_home: str | None = None
    # Place on the home and in the menu: core services first, then by this number.
    order: int = 100
    # The service's section of the staff dashboard: `section(user, year)` returns a
    # dashboards.selectors.Section (scoped to the user), shown while the user's federation
    # runs the service. Its tables' keys start with "<service key>_" (their Excel export).
    dashboard_section: Callable[[object, int], object] | None = None
    # What staff can do for one member (代办): `proxy(user, member)` returns
    # core.proxy.ProxyLink items for the member's 代办 page (see core/proxy.py).
    proxy: Callable[[object, object], list] | None = None


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: Promise | str
    icon: str


# The staff menu's top level: few enough to fit 1366 px with fifteen and more areas.
NAV_GROUPS = (
    NavGroup("members", pgettext_lazy("menu", "Members and organisations"), "bi-people"),
    NavGroup("protection", pgettext_lazy("menu", "Mutual aid and protection"), "bi-shield-plus"),
    NavGroup("services", pgettext_lazy("menu", "Services"), "bi-grid"),
    NavGroup("data", pgettext_lazy("menu", "Data"), "bi-bar-chart"),
    NavGroup("system", pgettext_lazy("menu", "System"), "bi-gear"),
)
_GROUP_KEYS = {group.key for group in NAV_GROUPS}

_services: dict[str, Service] = {}


def register(service: Service) -> Service:
    """Add a service. A key registered twice or a menu group that does not exist is a
    programming error, reported at start-up rather than on some page later."""
    if service.key in _services:
        raise ImproperlyConfigured(f"service {service.key!r} is registered twice")
    unknown = {entry.group for entry in service.nav} - _GROUP_KEYS
    if unknown:
        raise ImproperlyConfigured(f"service {service.key!r}: unknown menu groups {unknown}")
    _services[service.key] = service
    return service


def unregister(key: str) -> None:
    """Tests register services of their own and take them away again."""
    _services.pop(key, None)


def get(key: str) -> Service:
    try:
        return _services[key]
    except KeyError:
        raise ImproperlyConfigured(f"no service {key!r} is registered") from None


def all_services() -> list[Service]:
    return sorted(_services.values(), key=lambda s: (not s.core, s.order, s.key))


def optional_services() -> list[Service]:
    return [service for service in all_services() if not service.core]


def core_keys() -> frozenset[str]:
    return frozenset(key for key, service in _services.items() if service.core)


def autodiscover() -> None:
    """Import every installed app's `services_registry` module (as the admin finds
    `admin.py`)."""
    autodiscover_modules("services_registry")
