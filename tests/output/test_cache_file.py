"""Cache files: what was saved comes back; anything else reads as no cache at all."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest import cache_file

PAYLOAD = {"a": [1, "ü", None], "b": {"c": 2.5}}


def test_round_trip(tmp_path: Path):
    path = tmp_path / "c.json"
    assert cache_file.save(path, "v1", PAYLOAD)
    assert cache_file.load(path, "v1") == PAYLOAD


@pytest.mark.parametrize("damage", [
    lambda data: data[:-3],                       # truncated
    lambda data: data.replace(b"2.5", b"2.6"),    # changed in place
    lambda data: data.replace(b"\n", b" ", 1),    # header and payload run together
    lambda data: b"",
])
def test_damaged_files_read_as_missing(tmp_path: Path, damage):
    path = tmp_path / "c.json"
    cache_file.save(path, "v1", PAYLOAD)
    path.write_bytes(damage(path.read_bytes()))
    assert cache_file.load(path, "v1") is None


def test_another_version_or_no_file_reads_as_missing(tmp_path: Path):
    path = tmp_path / "c.json"
    assert cache_file.load(path, "v1") is None
    cache_file.save(path, "v1", PAYLOAD)
    assert cache_file.load(path, "v2") is None


def test_an_unwritable_place_is_not_an_error(tmp_path: Path):
    (tmp_path / "file").write_text("x")
    assert not cache_file.save(tmp_path / "file" / "c.json", "v1", PAYLOAD)
