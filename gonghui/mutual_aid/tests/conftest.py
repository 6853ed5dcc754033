import pytest

from gonghui.mutual_aid.tests.factories import make_period


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The staff fixture makes seven users; hashing their passwords slowly is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def period(tree):
    """Period T2021 of the test county's scheme, open for enrollment, all four plans."""
    return make_period(tree.county)
