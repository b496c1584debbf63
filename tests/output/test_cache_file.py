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


@pytest.mark.parametrize("payload", [
    PAYLOAD, [], {}, [[1, "a"], {"k": "\u2028<x>"}], {1: "int key", "s": [True, None]}, "text", 3,
    [list(range(50_000)), "x" * 300_000, {"big": "é" * 600_000}],  # rows that cross the write batches
    *([[n, "r"] for n in range(count)] for count in (255, 256, 257, 600)),  # rows that fill pieces exactly,
    *({f"k{n}": [n] for n in range(count)} for count in (1, 256, 513)),    # or not (one dumps per 256 rows)
    [[], {}, [[]]] * 200,
])
def test_streamed_file_is_the_header_and_one_json_dumps(tmp_path: Path, payload):
    """A file is written a row at a time; its bytes are still exactly those of the whole payload."""
    import hashlib
    import json
    path = tmp_path / "c.json"
    assert cache_file.save(path, "v7", payload)
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"version": "v7", "sha256": hashlib.sha256(body).hexdigest()}).encode()
    assert path.read_bytes() == header + b"\n" + body
    assert cache_file.load(path, "v7") == json.loads(body)


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
