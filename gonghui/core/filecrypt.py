"""Uploaded files kept encrypted at rest (AES-256-GCM), streamed in chunks both ways.

Layout: MAGIC, a random salt (the file's key is derived from it and the master key, see
crypto.file_cipher), then the file in chunks of CHUNK bytes, each sealed with its own tag.
A chunk's nonce is its number and a flag marking the last chunk, so chunks cannot be
reordered, dropped or the file cut short without the tag check failing. Reading decrypts
only the chunk asked for: an .xlsx (a zip, read by seeking) is opened straight from the
stored file, never written out in clear, and memory holds one chunk.
"""

import datetime
import io
import secrets
from contextlib import contextmanager

from cryptography.exceptions import InvalidTag
from django.core.files import File
from django.core.files.storage import Storage
from django.http import FileResponse, Http404
from django.utils import timezone

from gonghui.core import crypto

MAGIC = b"GHF1"
SALT = 16
HEADER = len(MAGIC) + SALT
CHUNK = 64 * 1024
TAG = 16


class DamagedFile(ValueError):
    """The stored file was altered, cut short, or sealed with another key."""


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class _Encrypting(io.RawIOBase):
    """Reads a plain binary stream and gives the encrypted file, chunk by chunk."""

    def __init__(self, source):
        self._source = source
        salt = secrets.token_bytes(SALT)
        self._header = MAGIC + salt
        self._cipher = crypto.file_cipher(salt)
        self._buffer = bytearray(self._header)
        self._index = 0
        self._next = source.read(CHUNK)
        self._done = False

    def readable(self) -> bool:
        return True

    def _seal_next(self) -> None:
        plain = self._next
        # Read one chunk ahead: the last chunk is sealed as the last.
        self._next = self._source.read(CHUNK) if plain else b""
        last = not self._next
        self._buffer += self._cipher.encrypt(_nonce(self._index, last), plain, self._header)
        self._index += 1
        self._done = last

    def readinto(self, target) -> int:
        while len(self._buffer) < len(target) and not self._done:
            self._seal_next()
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        del self._buffer[:size]
        return size


class _Decrypting(io.RawIOBase):
    """A seekable, read-only view of the plain file over the stored encrypted one."""

    def __init__(self, raw):
        self._raw = raw
        self._header = raw.read(HEADER)
        size = raw.seek(0, io.SEEK_END)
        body = size - HEADER
        if self._header[: len(MAGIC)] != MAGIC or body < TAG:
            raise DamagedFile("not an encrypted upload")
        self._cipher = crypto.file_cipher(self._header[len(MAGIC) :])
        self._chunks = -(-body // (CHUNK + TAG))
        if body - (self._chunks - 1) * (CHUNK + TAG) < TAG:
            raise DamagedFile("the last chunk is cut short")
        self.size = body - self._chunks * TAG
        self._position = 0
        self._cached: tuple[int, bytes] | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._position = base + offset
        return self._position

    def _chunk(self, index: int) -> bytes:
        if self._cached is None or self._cached[0] != index:
            self._raw.seek(HEADER + index * (CHUNK + TAG))
            sealed = self._raw.read(CHUNK + TAG)
            last = index == self._chunks - 1
            try:
                plain = self._cipher.decrypt(_nonce(index, last), sealed, self._header)
            except InvalidTag as exc:
                raise DamagedFile(f"chunk {index} does not authenticate") from exc
            self._cached = (index, plain)
        return self._cached[1]

    def readinto(self, target) -> int:
        if self._position >= self.size:
            return 0
        index, offset = divmod(self._position, CHUNK)
        piece = self._chunk(index)[offset : offset + len(target)]
        target[: len(piece)] = piece
        self._position += len(piece)
        return len(piece)

    def close(self) -> None:
        self._raw.close()
        super().close()


def save_encrypted(storage: Storage, name: str, source) -> str:
    """Store the binary stream `source` encrypted under `name`; returns the name used."""
    if hasattr(source, "seek"):
        source.seek(0)
    return storage.save(name, File(_Encrypting(source), name=name))


@contextmanager
def open_encrypted(storage: Storage, name: str):
    """The stored file as a seekable binary file of its plain content."""
    reader = io.BufferedReader(_Decrypting(storage.open(name, "rb")), buffer_size=CHUNK)
    try:
        yield reader
    finally:
        reader.close()


def decrypted_response(
    storage: Storage, name: str, *, filename: str, content_type=None, as_attachment=False
) -> FileResponse:
    """A stored file sent decrypted, chunk by chunk (the response closes it); a file gone
    from the storage is a 404."""
    try:
        reader = io.BufferedReader(_Decrypting(storage.open(name, "rb")), buffer_size=CHUNK)
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        reader, filename=filename, content_type=content_type, as_attachment=as_attachment
    )


def sweep(storage: Storage, directory: str, older_than: datetime.timedelta) -> int:
    """Delete the files directly in `directory` last written longer than `older_than` ago;
    returns how many."""
    try:
        _folders, names = storage.listdir(directory)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - older_than
    deleted = 0
    for name in names:
        path = f"{directory.rstrip('/')}/{name}"
        if storage.get_modified_time(path) < cutoff:
            storage.delete(path)
            deleted += 1
    return deleted
