"""Encryption at rest (AES-256-GCM) and keyed hashes (HMAC-SHA256) for exact lookups.

Ciphertexts are text: "v1:" + base64(nonce || ciphertext+tag). The HMAC key is derived from
the encryption key with HKDF, so one secret protects both.
"""

import base64
import binascii
import functools
import hashlib
import hmac
import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "v1:"


@functools.cache
def _keys(master_b64: str) -> tuple[AESGCM, bytes]:
    try:
        master = base64.b64decode(master_b64, validate=True)
    except binascii.Error as exc:
        raise ImproperlyConfigured("GONGHUI_ENCRYPTION_KEY is not valid base64") from exc
    if len(master) != 32:
        raise ImproperlyConfigured("GONGHUI_ENCRYPTION_KEY must be 32 bytes (base64)")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"gonghui lookup hash")
    return AESGCM(master), hkdf.derive(master)


def encrypt(plaintext: str) -> str:
    aead, _ = _keys(settings.ENCRYPTION_KEY)
    nonce = secrets.token_bytes(12)
    sealed = aead.encrypt(nonce, plaintext.encode(), None)
    return PREFIX + base64.b64encode(nonce + sealed).decode()


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise ValueError("not an encrypted value")
    aead, _ = _keys(settings.ENCRYPTION_KEY)
    raw = base64.b64decode(token[len(PREFIX) :])
    return aead.decrypt(raw[:12], raw[12:], None).decode()


def file_cipher(salt: bytes) -> AESGCM:
    """The key of one stored file (core.filecrypt), derived from the master key and the
    file's own random salt: no two files share a key, so chunk nonces may simply count."""
    _keys(settings.ENCRYPTION_KEY)  # refuses a malformed key as every other use does
    master = base64.b64decode(settings.ENCRYPTION_KEY)
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"gonghui stored file")
    return AESGCM(hkdf.derive(master))


def lookup_hash(value: str) -> str:
    """A keyed hash for exact search: equal inputs give equal hashes, and without the key
    the hash cannot be reversed by trying every possible ID number."""
    _, hmac_key = _keys(settings.ENCRYPTION_KEY)
    return hmac.new(hmac_key, value.encode(), hashlib.sha256).hexdigest()
