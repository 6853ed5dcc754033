import pytest

from gonghui.mutual_aid.tests.factories import make_period


@pytest.fixture
def period(tree):
    """Period T2021 of the test county's scheme, open for enrollment, all four plans."""
    return make_period(tree.county)
