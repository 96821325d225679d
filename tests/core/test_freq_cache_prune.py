"""Stale wordfreq caches are removed when a cache file is written: those of lists whose file
is gone (another checkout or virtual environment, deleted), and unreadable or other-version
ones once older than a day; never the cache of a list in use, never at the cost of an
answer (real files in a folder of the test's own: WORKBENCH_CACHE_DIR)."""
import json
import os
import shutil
import time

import pytest

wordfreq = pytest.importorskip("wordfreq")

from app.core import freq  # noqa: E402

DAY = 24 * 3600


@pytest.fixture
def lists(tmp_path):
    """A folder for copies of wordfreq's small French list (a test may delete them)."""
    folder = tmp_path / "lists"
    folder.mkdir()
    return folder


def a_list(lists, name):
    path = lists / f"{name}.msgpack.gz"
    shutil.copyfile(wordfreq.available_languages("small")["fr"], path)
    return str(path)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(folder))
    monkeypatch.setattr(freq, "_IN_USE", set())  # this process has read no list yet
    return folder


def cache_file(folder, name, header, age=0.0):
    """A cache file `name` whose first line is `header` (a dict: JSON), `age` seconds old."""
    path = folder / name
    line = json.dumps(header).encode() if isinstance(header, dict) else header
    path.write_bytes(line + b"\n" + bytes(16))
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def header(source, version=freq.CACHE_VERSION):
    return {"version": version, "source": str(source), "size": 1, "mtime_ns": 1,
            "byteorder": "little", "keys": 2}


def test_writing_a_cache_removes_the_stale_ones_only(lists, cache, tmp_path):
    present = a_list(lists, "present")
    files = {
        "gone": cache_file(cache, "wordfreq-gone.keys", header(tmp_path / "gone.gz")),
        "present": cache_file(cache, "wordfreq-present.keys", header(present)),
        "garbage-new": cache_file(cache, "wordfreq-garbage1.keys", b"\x00\xff", age=DAY - 60),
        "garbage-old": cache_file(cache, "wordfreq-garbage2.keys", b"\x00\xff", age=DAY + 60),
        "version-new": cache_file(cache, "wordfreq-v1.keys",
                                  header(tmp_path / "x.gz", freq.CACHE_VERSION + 1)),
        "version-old": cache_file(cache, "wordfreq-v2.keys",
                                  header(tmp_path / "x.gz", freq.CACHE_VERSION + 1),
                                  age=2 * DAY),
        "not-a-cache": cache_file(cache, "notes.keys", b"\x00", age=2 * DAY),
        "not-ours": cache_file(cache, "wordfreq-gone.txt", header(tmp_path / "g.gz"),
                               age=2 * DAY),
    }
    table = freq._Table.read(a_list(lists, "in-use"))
    assert table.frequency("maison") is not None
    left = {name for name, path in files.items() if path.exists()}
    assert left == {"present", "garbage-new", "version-new", "not-a-cache", "not-ours"}
    written = freq._cache_file(cache, str(lists / "in-use.msgpack.gz"))
    assert written.exists() and len(list(cache.glob("wordfreq-*.keys"))) == 4


def test_reading_a_current_cache_removes_nothing(lists, cache, tmp_path):
    source = a_list(lists, "in-use")
    freq._Table.read(source)
    gone = cache_file(cache, "wordfreq-gone.keys", header(tmp_path / "gone.gz"))
    freq._Table.read(source)  # read from its cache: nothing written
    assert gone.exists()


def test_the_cache_of_a_list_in_use_is_kept_even_once_its_file_is_gone(lists, cache):
    first = a_list(lists, "first")
    freq._Table.read(first)
    kept = freq._cache_file(cache, first)
    os.unlink(first)  # its checkout removed while this process still uses the list
    freq._Table.read(a_list(lists, "second"))
    assert kept.exists()


def test_a_file_that_cannot_be_read_or_removed_is_left_and_the_answers_stay(lists, cache,
                                                                            tmp_path):
    blocked = cache / "wordfreq-folder.keys"  # a folder: neither readable nor unlinkable
    blocked.mkdir()
    os.utime(blocked, (time.time() - 2 * DAY,) * 2)
    gone = cache_file(cache, "wordfreq-gone.keys", header(tmp_path / "gone.gz"))
    table = freq._Table.read(a_list(lists, "in-use"))
    assert table.frequency("maison") is not None
    assert blocked.is_dir() and not gone.exists()
