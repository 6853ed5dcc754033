"""The settlement file between its upload and the confirmed column mapping: stored encrypted
(it holds ID numbers) under a random name, deleted once the import job has its own copy,
and swept by the scheduler when the clerk never confirms (the preview's link lasts an hour)."""

import datetime
import uuid

from django.core.files.storage import default_storage

from gonghui.core.filecrypt import open_encrypted, save_encrypted, sweep

DIRECTORY = "medinsure/uploads"
KEPT_FOR = datetime.timedelta(hours=2)


def preview_save(upload) -> str:
    return save_encrypted(default_storage, f"{DIRECTORY}/{uuid.uuid4().hex}.bin", upload)


def preview_open(name: str):
    """The stored file, decrypted as it is read (a context manager)."""
    return open_encrypted(default_storage, name)


def preview_exists(name: str) -> bool:
    return name.startswith(f"{DIRECTORY}/") and default_storage.exists(name)


def preview_delete(name: str) -> None:
    default_storage.delete(name)


def previews_sweep() -> int:
    """Delete previews abandoned before their import was confirmed; returns how many."""
    return sweep(default_storage, DIRECTORY, KEPT_FOR)
