"""What the member home and the staff menu show a user, read from the service registry and
the federation's switches."""

from dataclasses import dataclass, field

from django.urls import reverse

from gonghui.accounts import roles
from gonghui.accounts.decorators import second_factor_missing
from gonghui.core import registry
from gonghui.core.switches import federation_id_of, service_enabled

MAX_LINKS_PER_COLUMN = 8


@dataclass(frozen=True)
class HomeTile:
    label: str
    url: str
    icon: str
    badge: int | None


@dataclass(frozen=True)
class MenuLink:
    label: str
    url: str
    active: bool


@dataclass
class MenuSection:
    """One service's links inside a menu group (headed by the service's name when it has
    more than one link there)."""

    name: str
    links: list[MenuLink] = field(default_factory=list)


@dataclass
class MenuGroup:
    key: str
    label: str
    icon: str
    sections: list[MenuSection] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any(link.active for section in self.sections for link in section.links)

    @property
    def columns(self) -> int:
        """Past eight links a dropdown grows sideways, each service a headed block, so it
        still fits a 1366 x 768 laptop screen."""
        links = sum(len(section.links) for section in self.sections)
        return 1 if links <= MAX_LINKS_PER_COLUMN else 2 if links <= 2 * MAX_LINKS_PER_COLUMN else 3


def _shown(test, user) -> bool:
    return test is None or bool(test(user))


def member_home(user) -> tuple[list[HomeTile], list[str]]:
    """The member's tiles and the banner templates of the services their federation runs.
    A switched-off service keeps only its `when_off` tiles (what the member holds)."""
    federation_id = federation_id_of(user)
    tiles, banners = [], []
    for service in registry.all_services():
        running = service_enabled(federation_id, service.key)
        if running and service.member_banner:
            banners.append(service.member_banner)
        for tile in service.tiles:
            if (running or tile.when_off) and _shown(tile.visible, user):
                badge = tile.badge(user) if tile.badge and running else None
                tiles.append(HomeTile(str(tile.label), reverse(tile.url_name), tile.icon, badge))
    return tiles, banners


def staff_menu(request) -> list[MenuGroup]:
    """The staff menu: only for staff who may follow its links (signed in, second factor
    passed), only the services their federation runs, only the entries their role may
    open. Groups with nothing in them are left out."""
    user = request.user
    if not roles.is_staff(user) or second_factor_missing(request):
        return []
    federation_id = federation_id_of(user)
    match = getattr(request, "resolver_match", None)
    here = match.view_name if match else None
    groups = {g.key: MenuGroup(g.key, str(g.label), g.icon) for g in registry.NAV_GROUPS}
    for service in registry.all_services():
        if not service_enabled(federation_id, service.key):
            continue
        sections = {}
        for entry in service.nav:
            if not _shown(entry.visible, user):
                continue
            section = sections.setdefault(entry.group, MenuSection(str(service.name)))
            url = reverse(entry.url_name)
            section.links.append(MenuLink(str(entry.label), url, entry.is_active(here)))
        for group_key, section in sections.items():
            groups[group_key].sections.append(section)
    return [group for group in groups.values() if group.sections]


def help_links(request) -> list[MenuLink]:
    """The help pages of the services whose entries the staff user sees in the menu."""
    user = request.user
    if not roles.is_staff(user) or second_factor_missing(request):
        return []
    federation_id = federation_id_of(user)
    return [
        MenuLink(str(service.name), reverse(service.help_url_name), False)
        for service in registry.all_services()
        if service.help_url_name
        and service_enabled(federation_id, service.key)
        and any(_shown(entry.visible, user) for entry in service.nav)
    ]
