import pytest

from gonghui.craftsman.tests.factories import make_scheme
from gonghui.orgs.tests.factories import enterprise


@pytest.fixture
def scheme(tree, staff, switch_on):
    switch_on(tree.county, "craftsman")
    return make_scheme(staff, tree)


@pytest.fixture
def factory_a1(tree):
    return enterprise(tree.union_a1, tree.town_a, name="甲镇一厂")
