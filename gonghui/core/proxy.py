"""代办: union staff doing a member's action on the member's behalf, at a service window.

One recorded shape for every capability:

* the event row of the state machine step the member would have taken (a claim sent, a
  hardship application, an appeal filed) carries ``on_behalf=True`` (``on_behalf_field()``),
  set with ``on_behalf(actor, member)``: staff acting for a member, never the member themself;
* the object keeps its channel (claims: window; hardship: staff) and who filed it;
* pages show the badge ``{% load proxy_tags %}{% proxy_badge event.on_behalf %}`` on the
  member's progress page and on staff lists;
* a capability lists what staff can do for a member on the member's 代办 page by giving its
  ``Service`` a ``proxy`` function (``core.registry``): ``proxy(user, member)`` returns
  ``ProxyLink``s, shown only to staff who reach the member (the member page's 代办 button).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.accounts import roles


def on_behalf_field():
    """The flag of an event row: staff took this member step for the member (代办)."""
    return models.BooleanField(
        gettext_lazy("done for the member by staff (代办)"),
        default=False,
        help_text=gettext_lazy("Union staff took this step on the member's behalf."),
    )


def on_behalf(actor, member) -> bool:
    """True when `actor` is staff acting for `member` (not the member themself)."""
    return actor is not None and roles.is_staff(actor) and member.user_id != actor.pk


def check_may_act_for(actor, member) -> bool:
    """The member themself, or staff whose subtree holds the member. Returns on_behalf;
    raises PermissionDenied for anyone else."""
    from gonghui.orgs.selectors import members_visible_to

    if roles.is_member(actor) and member.user_id == actor.pk:
        return False
    if roles.is_staff(actor) and members_visible_to(actor).filter(pk=member.pk).exists():
        return True
    raise PermissionDenied(_("You cannot act for this member."))


@dataclass(frozen=True)
class ProxyLink:
    """One thing staff can do for a member (a link on the member's 代办 page)."""

    label: Promise | str
    url: str
    icon: str = "bi-person-check"
    note: Promise | str = ""


def proxy_links(user, member) -> list[tuple[object, list[ProxyLink]]]:
    """(service, links) for every service the member's federation runs that offers the user
    something to do for this member."""
    from gonghui.core import registry, switches

    check_may_act_for(user, member)
    found = []
    for service in registry.all_services():
        if service.proxy is None or not switches.service_open_to(user, service.key):
            continue
        links = list(service.proxy(user, member))
        if links:
            found.append((service, links))
    return found
