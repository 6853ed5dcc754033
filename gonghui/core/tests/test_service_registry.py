"""The service registry refuses declarations that would break a page later."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from gonghui.core import registry
from gonghui.core.registry import NavEntry, Service


def test_a_key_registered_twice_is_refused_at_start_up():
    with pytest.raises(ImproperlyConfigured, match="twice"):
        registry.register(Service(key="claims", name="重复", icon="bi-x"))
    assert registry.get("claims").name != "重复"


def test_a_menu_entry_under_an_unknown_heading_is_refused():
    service = Service(
        key="stray", name="无处安放", icon="bi-x", nav=(NavEntry("staff:home", "首页", "nowhere"),)
    )
    with pytest.raises(ImproperlyConfigured, match="nowhere"):
        registry.register(service)
    with pytest.raises(ImproperlyConfigured):
        registry.get("stray")


def test_core_services_come_first_then_by_order():
    registry.register(Service(key="early", name="排前的可选服务", icon="bi-x", order=1))
    try:
        keys = [service.key for service in registry.all_services()]
        assert keys.index("early") > keys.index("system")  # optional after every core one
        assert keys[:2] == ["registry", "mutual_aid"]
        assert [s.key for s in registry.optional_services()][0] == "early"
    finally:
        registry.unregister("early")
