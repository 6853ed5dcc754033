import pytest

from gonghui.grid.tests.factories import build_grids


@pytest.fixture
def g(tree, switch_on):
    switch_on(tree.county, "grid")
    return build_grids(tree)
