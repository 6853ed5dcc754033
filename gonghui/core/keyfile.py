"""Keys for the embedded default, generated once into a file outside the repository."""

import base64
import json
import os
import secrets
from pathlib import Path


def load_or_create_keys(path: Path) -> dict[str, str]:
    if path.exists():
        return json.loads(path.read_text())
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = {
        "django_secret_key": secrets.token_urlsafe(50),
        "encryption_key": base64.b64encode(secrets.token_bytes(32)).decode(),
    }
    # O_EXCL: two processes starting together must not write two different keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return json.loads(path.read_text())
    with os.fdopen(fd, "w") as handle:
        json.dump(keys, handle)
    return keys
