import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The `staff` fixture makes seven users; a real hasher would spend seconds on them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
