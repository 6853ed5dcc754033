"""Stored uploads encrypted at rest: read back whole or by seeking (an .xlsx), never in clear
on disk, and refused when altered or cut short."""

import io
import os
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from openpyxl import Workbook, load_workbook

from gonghui.core.filecrypt import CHUNK, DamagedFile, open_encrypted, save_encrypted

ID = "331004198102011234"


@pytest.fixture
def storage(tmp_path):
    return FileSystemStorage(location=tmp_path / "store")


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 77])
def test_round_trip_and_seek(storage, size):
    data = os.urandom(size)
    name = save_encrypted(storage, "f.bin", io.BytesIO(data))
    with open_encrypted(storage, name) as handle:
        assert handle.read() == data
        handle.seek(size // 2)
        assert handle.read(CHUNK + 5) == data[size // 2 : size // 2 + CHUNK + 5]
        assert handle.seek(0, io.SEEK_END) == size


def test_the_file_on_disk_holds_no_id_number(storage):
    text = ("工会编码,姓名,身份证号\n" + f"TA-1,王建国,{ID}\n" * 5000).encode("gbk")
    name = save_encrypted(storage, "members.csv", io.BytesIO(text))
    raw = Path(storage.path(name)).read_bytes()
    assert ID.encode() not in raw and "王建国".encode("gbk") not in raw
    assert len(raw) < len(text) + 200  # 4 + 16 bytes of header, 16 a chunk


def test_an_xlsx_is_read_straight_from_the_stored_file(storage, tmp_path):
    workbook = Workbook()
    workbook.active.append(["身份证号"])
    for _ in range(3000):
        workbook.active.append([ID])
    path = tmp_path / "big.xlsx"
    workbook.save(path)
    with open(path, "rb") as upload:
        name = save_encrypted(storage, "big.bin", upload)
    with open_encrypted(storage, name) as handle:
        rows = list(load_workbook(handle, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 3001 and rows[-1] == (ID,)


def test_an_altered_byte_is_refused(storage):
    name = save_encrypted(storage, "f.bin", io.BytesIO(b"x" * (2 * CHUNK)))
    with open(storage.path(name), "r+b") as raw:
        raw.seek(CHUNK + 100)
        byte = raw.read(1)
        raw.seek(CHUNK + 100)
        raw.write(bytes([byte[0] ^ 1]))
    with open_encrypted(storage, name) as handle, pytest.raises(DamagedFile):
        handle.read()


def test_a_file_cut_at_a_chunk_boundary_is_refused(storage):
    name = save_encrypted(storage, "f.bin", io.BytesIO(b"x" * (3 * CHUNK)))
    path = storage.path(name)
    with open(path, "r+b") as raw:
        raw.truncate(20 + 2 * (CHUNK + 16))  # the third chunk dropped whole
    with open_encrypted(storage, name) as handle, pytest.raises(DamagedFile):
        handle.read()
