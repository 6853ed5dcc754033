"""Which services a federation runs, and the guards that keep a switched-off service closed.

A federation is the root of an organisation path: a staff user's federation is the root of
their organisation's path, a member's the root of their union's. Core services are always
on. An optional service is on only where a county administrator switched it on: no row means
off, so a newly installed federation offers nothing its staff have not chosen to run.

Switched off, a service stops new actions (its tiles and menu entries disappear, its write
pages and endpoints answer OFF_MESSAGE with 403) while what members already hold stays
readable: its read pages (`write=False`) and the API's GET endpoints keep working.
"""

from contextvars import ContextVar
from functools import wraps

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from gonghui.accounts import roles
from gonghui.accounts.models import Role
from gonghui.core import registry
from gonghui.core.models import ServiceSwitch, ServiceSwitchEvent

OFF_MESSAGE = _("Your county federation has not switched this service on.")

# Per request: federation id → the optional services it runs. Set by ServiceCacheMiddleware;
# outside a request (commands, tasks, tests calling directly) every question is asked afresh.
_request_cache: ContextVar[dict | None] = ContextVar("gonghui_services", default=None)


class ServiceCacheMiddleware:
    """Asks the database once per request and federation, however many tiles, menu entries,
    decorators and permissions ask."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_cache.set({})
        try:
            return self.get_response(request)
        finally:
            _request_cache.reset(token)


def _root_id(path: str) -> int | None:
    head = path.strip("/").split("/", 1)[0]
    return int(head) if head else None


def federation_id_of(user) -> int | None:
    """The id of the federation a staff user or a member belongs to (None for anyone else)."""
    cached = getattr(user, "_gonghui_federation_id", False)
    if cached is not False:
        return cached
    federation_id = None
    if roles.is_staff(user) or roles.is_grid_helper(user):
        federation_id = _root_id(user.org.path)
    elif roles.is_member(user):
        from gonghui.orgs.models import Member

        path = Member.objects.filter(user=user).values_list("union__path", flat=True).first()
        federation_id = _root_id(path) if path else None
    if user is not None and user.is_authenticated:
        user._gonghui_federation_id = federation_id
    return federation_id


def enabled_optional_keys(federation_id: int) -> frozenset[str]:
    cache = _request_cache.get()
    if cache is not None and federation_id in cache:
        return cache[federation_id]
    keys = frozenset(
        ServiceSwitch.objects.filter(federation_id=federation_id, enabled=True).values_list(
            "key", flat=True
        )
    )
    if cache is not None:
        cache[federation_id] = keys
    return keys


def forget(federation_id: int) -> None:
    """A switch changed during this request: ask the database again."""
    cache = _request_cache.get()
    if cache is not None:
        cache.pop(federation_id, None)


def service_enabled(federation, key: str) -> bool:
    """Whether the federation (an Organisation, its id, or None) runs the service."""
    if registry.get(key).core:
        return True
    federation_id = getattr(federation, "pk", federation)
    return federation_id is not None and key in enabled_optional_keys(federation_id)


def service_open_to(user, key: str) -> bool:
    return service_enabled(federation_id_of(user), key)


def can_switch_services(user) -> bool:
    """County administrators working at the federation itself (not at a town below it):
    a switch acts on the whole federation."""
    return roles.is_staff(user) and user.role == Role.COUNTY_ADMIN and user.org.parent_id is None


def service_off_response(request, key: str):
    base = "portal/base.html" if roles.is_member(request.user) else "staff/base.html"
    context = {"service": registry.get(key), "base": base, "message": OFF_MESSAGE}
    return render(request, "service_off.html", context, status=403)


def service_required(key: str, *, write: bool = True):
    """Put a view behind the service's switch. A write page (a form, an action: the
    default) answers OFF_MESSAGE with 403 while the service is off; a read page
    (`write=False`, what the person already holds) stays open and finds
    `request.service_open` False, so it offers no new action. Put it inside
    `staff_required`/`member_required`: it decides on the federation of a signed-in user."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.service_open = service_open_to(request.user, key)
            if write and not request.service_open:
                return service_off_response(request, key)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class ServiceEnabled(BasePermission):
    """The API's guard for `view.service_key`: reads (GET, HEAD, OPTIONS) stay open, so what
    members hold stays readable; any write is refused while the service is off."""

    message = OFF_MESSAGE

    def has_permission(self, request, view):
        registry.get(view.service_key)  # a mistyped key fails on a read as well
        if request.method in SAFE_METHODS:
            return True
        return service_open_to(request.user, view.service_key)


def switch_rows(federation) -> list[dict]:
    """Each optional service with its switch for the federation: on or off, by whom, when."""
    saved = {
        switch.key: switch
        for switch in ServiceSwitch.objects.filter(federation=federation).select_related(
            "changed_by"
        )
    }
    rows = []
    for service in registry.optional_services():
        switch = saved.get(service.key)
        rows.append(
            {
                "service": service,
                "enabled": bool(switch and switch.enabled),
                "changed_by": switch.changed_by if switch else None,
                "changed_at": switch.changed_at if switch else None,
                "changed": switch is not None,
            }
        )
    return rows


def switch_events(federation, limit: int = 50) -> list[ServiceSwitchEvent]:
    events = list(
        ServiceSwitchEvent.objects.filter(switch__federation=federation)
        .select_related("switch", "actor")
        .order_by("-at", "-id")[:limit]
    )
    names = {service.key: service.name for service in registry.all_services()}
    for event in events:
        event.service_name = names.get(event.switch.key, event.switch.key)
    return events
