import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from stdnum.cn import ric

from gonghui.accounts.models import Role, User
from gonghui.core.management.commands.load_demo import DEMO_PASSWORD
from gonghui.core.models import ServiceSwitchEvent
from gonghui.core.switches import service_enabled
from gonghui.orgs.models import Member, Organisation

ID_LIKE = re.compile(r"\d{17}[\dXx]")


@pytest.fixture
def demo(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_prints_a_login_for_every_role(demo):
    for role in Role:
        if role == Role.MEMBER:
            continue
        usernames = User.objects.filter(role=role).values_list("username", flat=True)
        assert any(re.search(rf"\s{name}\s", demo) for name in usernames), role
    assert "13900000001" in demo and DEMO_PASSWORD in demo
    assert User.objects.get(username="union").check_password(DEMO_PASSWORD)


def test_load_demo_is_idempotent(trial_service, demo):
    counts = (Organisation.objects.count(), Member.objects.count(), User.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Organisation.objects.count(), Member.objects.count(), User.objects.count()) == counts
    assert 1900 <= counts[1] <= 2100
    # The demo runs every optional service (here the test-only one), switched on once.
    assert service_enabled(Organisation.objects.get(code="LQ"), "trial")
    assert ServiceSwitchEvent.objects.filter(switch__key="trial", new_enabled=True).count() == 1


def test_no_id_number_is_stored_in_plain_text(demo):
    """Every text column of every table holds no valid 18-digit ID number."""
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            columns = [
                connection.ops.quote_name(field.column)  # a column may be named "group"
                for field in model._meta.local_fields
                if isinstance(field, models.CharField | models.TextField)
            ]
            if not columns:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    for match in ID_LIKE.findall(value or ""):
                        if ric.is_valid(match.upper()):
                            found.append((model._meta.db_table, match))
    assert Member.objects.count() > 0
    assert found == []


def test_load_demo_prints_the_address_it_is_served_at(demo):
    assert "http://127.0.0.1:8000/accounts/login/" in demo  # the default
    out = io.StringIO()
    call_command("load_demo", "--url", "http://10.1.2.3:8765/", stdout=out)
    printed = out.getvalue()
    assert "http://10.1.2.3:8765/accounts/login/" in printed
    assert "http://10.1.2.3:8765/m/login/" in printed and ":8000" not in printed


def test_make_run_passes_host_and_port_to_the_demo():
    from pathlib import Path

    from django.conf import settings

    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    assert "load_demo --url http://$(HOST):$(PORT)" in makefile
