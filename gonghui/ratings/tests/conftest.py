import pytest

from gonghui.ratings.tests.factories import make_programme


@pytest.fixture
def programme(tree, staff, switch_on):
    switch_on(tree.county, "ratings")
    return make_programme(staff, tree)
