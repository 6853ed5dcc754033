"""Finding a member by name plus the last four characters of the ID number ("张三 0235"),
through a keyed hash of the tail kept beside the encrypted number, never the digits."""

import base64
import hashlib
import importlib

import pytest
from django.apps import apps

from gonghui.core import crypto
from gonghui.orgs import selectors, services
from gonghui.orgs.models import Member
from gonghui.orgs.tests.factories import id_number, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhangs(tree):
    """Two 张三 in town A and one in town B: the name alone does not tell them apart."""
    return [
        member(tree.union_a1, name="张三"),
        member(tree.union_a2, name="张三丰"),
        member(tree.union_b1, name="张三"),
    ]


def tail(person) -> str:
    return person.id_number[-4:]


def listed(client, query) -> list[str]:
    page = client.post("/staff/members/", {"q": query}).content.decode()
    links = page.split('href="/staff/members/')[1:]
    return sorted(link.split("/")[0] for link in links if link[0].isdigit())


def test_member_list_finds_name_plus_id_tail(zhangs, staff, client_for):
    first, second, _elsewhere = zhangs
    client = client_for(staff.town_a)
    assert listed(client, "张三") == sorted([str(first.pk), str(second.pk)])
    assert listed(client, f"张三 {tail(first)}") == [str(first.pk)]
    assert listed(client, f"张三{tail(second)}") == [str(second.pk)]
    assert listed(client, f"张三丰 {tail(first)}") == []


def test_name_plus_id_tail_stays_within_the_subtree(zhangs, staff):
    elsewhere = zhangs[2]
    query = f"张三 {tail(elsewhere)}"
    assert not selectors.member_search(staff.town_a, query=query).filter(pk=elsewhere.pk)
    assert list(selectors.member_search(staff.town_b, query=query)) == [elsewhere]


def test_id_tail_with_x_and_full_width_digits(tree):
    number = "33100419690525249X"
    person = services.member_create(actor=None, id_number=number, name="李四", union=tree.union_a1)
    assert person.id_tail_hash == crypto.id_tail_hash("249X")
    for query in ("李四 249x", "李四 249X", "李四　２４９Ｘ"):
        assert list(Member.objects.filter(selectors.member_query(query))) == [person]


def test_id_tail_is_a_keyed_hash_not_the_digits(zhangs, settings):
    person = zhangs[0]
    stored = Member.objects.values_list("id_tail_hash", flat=True).get(pk=person.pk)
    assert len(stored) == 16 and tail(person) not in stored
    assert stored != hashlib.sha256(tail(person).encode()).hexdigest()[:16]
    assert stored != crypto.lookup_hash(tail(person))[:16]  # its own key, not id_hash's
    settings.ENCRYPTION_KEY = base64.b64encode(b"k" * 32).decode()
    assert crypto.id_tail_hash(tail(person)) != stored  # without the key, no way to it


def test_id_tail_hash_follows_a_corrected_id_number(zhangs):
    person = zhangs[0]
    before = person.id_tail_hash
    new_number = id_number()
    services.member_update(actor=None, member=person, id_number=new_number)
    person.refresh_from_db()
    assert person.id_tail_hash == crypto.id_tail_hash(new_number[-4:]) != before
    query = f"张三 {new_number[-4:]}"
    assert list(Member.objects.filter(selectors.member_query(query))) == [person]


def test_api_searches_by_name_plus_id_tail(zhangs, staff, client_for):
    first = zhangs[0]
    client = client_for(staff.admin)
    listing = client.get("/api/members/", {"q": f"张三 {tail(first)}"}).json()
    assert [row["id"] for row in listing["results"]] == [first.pk]
    posted = client.post("/api/members/search/", {"q": f"张三 {tail(first)}"}).json()
    assert [row["id"] for row in posted["results"]] == [first.pk]


def test_data_migration_fills_the_tail_hash_of_existing_members(zhangs):
    Member.objects.update(id_tail_hash="")
    migration = importlib.import_module("gonghui.orgs.migrations.0004_fill_member_id_tail_hash")
    migration.fill(apps, None)
    for person in zhangs:
        stored = Member.objects.values_list("id_tail_hash", flat=True).get(pk=person.pk)
        assert stored == crypto.id_tail_hash(person.id_number)
