import pytest


@pytest.fixture
def on(tree, switch_on):
    """The county runs the activities service (optional services start off)."""
    switch_on(tree.county, "activities")
    return tree
