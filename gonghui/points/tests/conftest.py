import pytest


@pytest.fixture
def on(tree, switch_on):
    """The county runs the points service and activities (optional services start off)."""
    switch_on(tree.county, "points")
    switch_on(tree.county, "activities")
    return tree
