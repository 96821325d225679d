"""The on-disk cache of app.core.freq's tables (issue 17): written atomically on first use,
read by later processes, rebuilt when wordfreq's file changed, ignored when its format
version differs or it is damaged, and never needed for the answers."""
import json
import os
import shutil

import pytest

wordfreq = pytest.importorskip("wordfreq")

from app.core import freq  # noqa: E402

WORDS = ("maison", "le", "aujourd'hui", "xqzvwk")


@pytest.fixture
def source(tmp_path):
    """A copy of wordfreq's small French list, so that a test may change it."""
    path = tmp_path / "lists" / "small_fr.msgpack.gz"
    path.parent.mkdir()
    shutil.copyfile(wordfreq.available_languages("small")["fr"], path)
    return str(path)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(folder))
    return folder


def answers(table):
    return [table.frequency(w) for w in WORDS]


def expected():
    return [wordfreq.word_frequency(w, "fr", "small") or None for w in WORDS]


def cached_file(folder):
    files = list(folder.iterdir())
    assert len(files) == 1, files  # no temporary file left beside it
    return files[0]


def test_first_use_writes_the_cache_and_later_uses_read_it(source, cache):
    built = freq._Table.read(source)
    path = cached_file(cache)
    header = json.loads(path.read_bytes().split(b"\n", 1)[0])
    assert header["version"] == freq.CACHE_VERSION and header["keys"] == len(built.keys)
    written = path.stat().st_mtime_ns
    again = freq._Table.read(source)
    assert again.keys == built.keys and path.stat().st_mtime_ns == written
    assert answers(again) == answers(built)
    for ours, theirs in zip(answers(built), expected()):  # wordfreq's: 3 digits
        assert (ours is None and theirs is None) or abs(ours - theirs) < theirs / 100


def test_a_changed_wordfreq_file_makes_the_cache_stale(source, cache):
    """A new wordfreq (another file at the same place) is read again, not the old keys."""
    freq._Table.read(source)
    path = cached_file(cache)
    header, data = path.read_bytes().split(b"\n", 1)
    path.write_bytes(header + b"\n" + bytes(len(data)))  # old keys: all zero, visibly
    os.utime(source, ns=(10**18, 10**18))
    assert [f is not None for f in answers(freq._Table.read(source))] == [
        f is not None for f in expected()]
    assert json.loads(path.read_bytes().split(b"\n", 1)[0])["mtime_ns"] == 10**18


@pytest.mark.parametrize("damage", ["version", "truncated", "garbage"])
def test_a_cache_of_another_version_or_damaged_is_ignored_and_rewritten(source, cache, damage):
    good = answers(freq._Table.read(source))
    path = cached_file(cache)
    header, data = path.read_bytes().split(b"\n", 1)
    fields = json.loads(header)
    if damage == "version":  # keys all zero: used, they would answer None everywhere
        fields["version"] = freq.CACHE_VERSION + 1
        path.write_bytes(json.dumps(fields).encode() + b"\n" + bytes(len(data)))
    elif damage == "truncated":
        path.write_bytes(header + b"\n" + data[:len(data) // 2 + 3])
    else:
        path.write_bytes(b"\x00\xff not a header\n" + data)
    assert answers(freq._Table.read(source)) == good
    header, data = path.read_bytes().split(b"\n", 1)
    assert json.loads(header)["version"] == freq.CACHE_VERSION
    assert len(data) == 8 * json.loads(header)["keys"]


def test_a_folder_that_cannot_be_written_leaves_the_answers(source, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(blocker / "cache"))
    assert answers(freq._Table.read(source))[0] is not None
