"""The machine contracts of the CLI: `check` and `align` (other issues and benchmarks rely on them)."""
import json

import pytest

from tests.web.conftest import make_app


@pytest.fixture
def runner(tmp_path):
    return make_app(tmp_path).test_cli_runner()


def test_check_txt_json_contract(runner, tmp_path):
    path = tmp_path / "segments.txt"
    path.write_text("Le ministre a parlé.\nLa state of affairs s’est aggravée.\n", encoding="utf-8")
    result = runner.invoke(args=["check", "--source-lang", "en", "--target-lang", "fr",
                                 "--format", "json", str(path)])
    report = json.loads(result.stdout)
    assert result.exit_code == 1  # a major finding
    found = [f for f in report["findings"] if f["category"] == "untranslated"]
    assert found and found[0]["entry"] == 1
    assert set(found[0]) >= {"entry", "check", "category", "severity", "start", "end", "text",
                             "message", "suggestion"}
    line = "La state of affairs s’est aggravée."
    assert line[found[0]["start"]:found[0]["end"]] == found[0]["text"] == "state of affairs"


def test_check_clean_file_exits_0(runner, tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("Le ministre a parlé avec les manifestants à Almaty.\n", encoding="utf-8")
    result = runner.invoke(args=["check", "--format", "json", str(path)])
    assert result.exit_code == 0 and json.loads(result.stdout) == {"findings": []}


def test_check_po_uses_entries_in_file_order(runner, tmp_path):
    path = tmp_path / "pairs.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "Good."\nmsgstr "Bien."\n\n'
                    'msgid "The members met."\nmsgstr "Les members se sont réunis."\n',
                    encoding="utf-8")
    result = runner.invoke(args=["check", "--format", "json", str(path)])
    findings = json.loads(result.stdout)["findings"]
    assert [(f["entry"], f["text"]) for f in findings if f["category"] == "untranslated"] == [
        (1, "members")]


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe\x00bad", ":1: invalid UTF-8"),
    (b'msgid ""\nmsgstr ""\n\nmsgid "open\nmsgstr "x"\n', ":4:"),
])
def test_check_bad_input_exits_2_with_file_and_line(runner, tmp_path, content, message):
    path = tmp_path / "bad.po"
    path.write_bytes(content)
    result = runner.invoke(args=["check", "--format", "json", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.output and message in result.output


def test_align_beads_format(runner, tmp_path):
    src, tgt = tmp_path / "a.en", tmp_path / "a.fr"
    src.write_text("One sentence here.\nA second, longer sentence follows it here.\n"
                   "Third.\n", encoding="utf-8")
    tgt.write_text("Une phrase ici.\nUne deuxième phrase, plus longue, la suit ici.\n"
                   "Troisième.\n", encoding="utf-8")
    result = runner.invoke(args=["align", "--source-lang", "en", "--target-lang", "fr",
                                 "--presegmented", "--format", "beads", str(src), str(tgt)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]


def test_check_annotate_writes_comments_and_fuzzy_atomically(runner, tmp_path):
    path = tmp_path / "pairs.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "Good."\nmsgstr "Bien."\n\n'
                    'msgid "The members met."\nmsgstr "Les members se sont réunis."\n',
                    encoding="utf-8")
    for _ in range(2):  # running twice replaces the earlier annotations
        result = runner.invoke(args=["check", "--annotate", str(path)])
        assert result.exit_code == 1
    text = path.read_text(encoding="utf-8")
    assert text.count("# workbench: untranslated/untranslated-words:") == 1
    assert '#, fuzzy\nmsgid "The members met."' in text
    assert '#, fuzzy\nmsgid "Good."' not in text


def test_import_po_export_and_stats_json(runner, tmp_path):
    path = tmp_path / "small.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"Language: fr\\n"\n\nmsgid "The members met."\n'
                    'msgstr "Les members se sont réunis."\n', encoding="utf-8")
    runner.invoke(args=["init-db"])
    imported = runner.invoke(args=["import", "--format", "json", str(path)])
    assert imported.exit_code == 0, imported.output
    info = json.loads(imported.output)
    assert info["units"] == 1 and info["po_file"].endswith(".fr.po")
    stats = json.loads(runner.invoke(args=["stats", "--format", "json", info["slug"]]).output)
    (doc,) = stats["documents"]
    assert doc["segments"] == 1 and doc["flagged"] == 1 and doc["quality"] < 100
    out = tmp_path / "copy.po"
    assert runner.invoke(args=["export", info["slug"], "--output", str(out)]).exit_code == 0
    assert "Les members se sont réunis." in out.read_text(encoding="utf-8")
    missing = runner.invoke(args=["export", "nope"])
    assert missing.exit_code == 2 and "no document 'nope'" in missing.output
    broken = tmp_path / "broken.po"
    broken.write_bytes(b'msgid "a\nmsgstr "b"\n')
    refused = runner.invoke(args=["import", str(broken)])
    assert refused.exit_code == 2 and "broken.po:1:" in refused.output
