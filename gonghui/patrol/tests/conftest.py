import pytest


@pytest.fixture
def on(tree, switch_on):
    """The county runs the patrol service (optional services start off)."""
    switch_on(tree.county, "patrol")
    return tree
