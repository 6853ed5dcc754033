import pytest


@pytest.fixture
def on(tree, switch_on):
    """The county runs the collective-contracts service (optional services start off)."""
    switch_on(tree.county, "contracts")
    return tree
