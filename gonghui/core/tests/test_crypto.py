from gonghui.core import crypto


def test_encrypt_round_trips_and_is_not_plaintext():
    token = crypto.encrypt("331004196605010235")
    assert token.startswith("v1:")
    assert "331004196605010235" not in token
    assert crypto.decrypt(token) == "331004196605010235"


def test_encryption_is_randomised_but_lookup_hash_is_stable():
    assert crypto.encrypt("same") != crypto.encrypt("same")
    assert crypto.lookup_hash("same") == crypto.lookup_hash("same")
    assert crypto.lookup_hash("same") != crypto.lookup_hash("other")


def test_tampered_ciphertext_is_refused():
    import base64

    import pytest
    from cryptography.exceptions import InvalidTag

    token = crypto.encrypt("6222021234567890123")
    raw = bytearray(base64.b64decode(token[len(crypto.PREFIX) :]))
    raw[-1] ^= 0x01  # one bit of the authentication tag
    tampered = crypto.PREFIX + base64.b64encode(bytes(raw)).decode()
    with pytest.raises(InvalidTag):
        crypto.decrypt(tampered)
