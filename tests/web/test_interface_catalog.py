"""The interface's French catalog (issue 19) is complete and clean: every string marked in the
templates and in app/ (extracted afresh by pybabel, with the Makefile's keywords) is in
app/i18n/fr/LC_MESSAGES/messages.po, translated, not fuzzy; the catalog holds nothing else
(no obsolete #~ entry, no entry the code no longer has); gettext's msgfmt --check and
pybabel's compiler (what `make install` runs) accept it; its plural rule is gettext's.

Dogfooding: `flask --app app check --glossary app/i18n/glossary.tsv` on the catalog (the real
command) finds nothing; the glossary's terms are required (a bad pair flagged, a good one
clean); `flask import` + `flask import-glossary` (make i18n-review) make it a document.

After marking a string: `make i18n-update`, translate, `make install`."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app import ROOT
from tests.conftest import make_app, require_tool

CATALOG = ROOT / "app" / "i18n" / "fr" / "LC_MESSAGES" / "messages.po"
GLOSSARY = ROOT / "app" / "i18n" / "glossary.tsv"
PYBABEL = Path(sys.executable).parent / "pybabel"
FLASK = Path(sys.executable).parent / "flask"
ENGLISH = {**os.environ, "LANGUAGE": "en"}   # the command line's messages in English


def _makefile_keywords():
    """The -k options of `make i18n-extract` (one source of truth: the Makefile)."""
    line = re.search(r"^I18N_KEYWORDS := (.+)$", (ROOT / "Makefile").read_text(), re.M)
    return line.group(1).split()


def _read(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def _key(message):
    return (message.context, message.id if isinstance(message.id, str) else tuple(message.id))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The messages pybabel extracts now from the working tree, by (context, msgid)."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run([str(PYBABEL), "-q", "extract", "-F", "babel.cfg", *_makefile_keywords(),
                    "--add-location=file", "-o", str(pot), "."], cwd=ROOT, check=True)
    return {_key(m): m for m in _read(pot) if m.id}


@pytest.fixture(scope="module")
def french():
    return {_key(m): m for m in _read(CATALOG) if m.id}


def _where(message):
    return ", ".join(sorted({path for path, _ in message.locations})) or "?"


def test_something_is_marked(extracted):
    assert len(extracted) > 50


def test_every_marked_string_is_in_the_catalog(extracted, french):
    missing = [f"{_where(m)}: {m.id!r}" for key, m in extracted.items() if key not in french]
    assert not missing, ("not in the French catalog (make i18n-update, then translate):\n"
                         + "\n".join(missing))


def test_every_entry_is_translated_and_not_fuzzy(french):
    bad = [f"{'fuzzy' if m.fuzzy else 'untranslated'}: {m.id!r}" for m in french.values()
           if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,))]
    assert not bad, "\n".join(bad)


def test_the_catalog_holds_only_what_the_code_marks(extracted, french):
    stale = [repr(m.id) for key, m in french.items() if key not in extracted]
    assert not stale, "no longer marked anywhere (make i18n-update drops them):\n" + \
        "\n".join(stale)
    obsolete = [line for line in CATALOG.read_text(encoding="utf-8").splitlines()
                if line.startswith("#~")]
    assert not obsolete, "obsolete entries left:\n" + "\n".join(obsolete[:20])


def test_the_plural_rule_is_gettexts_french_one():
    text = CATALOG.read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in text
    assert '"Language: fr\\n"' in text
    assert "#, fuzzy\nmsgid \"\"" not in text   # a fuzzy header: nothing would be compiled


def test_msgfmt_check_accepts_the_catalog(tmp_path):
    msgfmt = require_tool("msgfmt", "gettext checks the interface catalog (formats, header)")
    result = subprocess.run([msgfmt, "--check", "--statistics", "-o", str(tmp_path / "fr.mo"),
                             str(CATALOG)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_make_installs_compiler_accepts_the_catalog(tmp_path):
    """pybabel compile (make install) also checks the python-format placeholders."""
    result = subprocess.run([str(PYBABEL), "compile", "-i", str(CATALOG), "-o",
                             str(tmp_path / "fr.mo")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower(), result.stderr
    assert (tmp_path / "fr.mo").stat().st_size > 1000


def _flask_check(*args):
    """`flask --app app check --format json ARGS` run as a user runs it; (status, findings)."""
    result = subprocess.run([str(FLASK), "--app", "app", "check", "--format", "json", *args],
                            cwd=ROOT, capture_output=True, text=True, env=ENGLISH)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)["findings"]


def test_flask_check_with_the_glossary_finds_nothing_in_the_catalog():
    status, findings = _flask_check("--glossary", str(GLOSSARY), str(CATALOG))
    assert findings == [] and status == 0, "\n".join(
        f"{f['entry']}: [{f['check']}] {f['text']!r}: {f['message']}" for f in findings)


TERMS = 'msgid "Dismiss"\nmsgstr "{}"\n\nmsgid "Findings of the review"\nmsgstr "{}"\n\n'
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


PAIRS = {  # (the translation of "Dismiss", of "Findings of the review"): what is flagged
    "good.po": (("Ignorer", "Signalements de la relecture"), []),
    "dismiss.po": (("Rejeter", "Signalements de la relecture"), [(0, "forbidden-term")]),
    "finding.po": (("Ignorer", "Constats de la relecture"),
                   [(1, "forbidden-term"), (1, "glossary-term")]),
}


def test_the_glossary_option_requires_the_interface_terms(tmp_path):
    for name, (targets, _) in PAIRS.items():
        (tmp_path / name).write_text(HEADER + TERMS.format(*targets), encoding="utf-8")
    files = [str(tmp_path / name) for name in PAIRS]
    status, found = _flask_check("--glossary", str(GLOSSARY), *files)
    assert status == 1
    for name, (_, expected) in PAIRS.items():
        assert sorted((f["entry"], f["check"]) for f in found
                      if f["file"].endswith(name)) == expected, name
    assert _flask_check(*files) == (0, [])   # without the glossary: nothing to require


def test_a_bad_glossary_file_is_refused_with_its_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("source\ttarget\nsegment\t\n", encoding="utf-8")
    result = subprocess.run([str(FLASK), "--app", "app", "check", "--glossary", str(bad),
                             str(CATALOG)], cwd=ROOT, capture_output=True, text=True,
                            env=ENGLISH)
    assert result.returncode == 2
    assert f"{bad}:2: a row needs a source and a target term" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_catalog_becomes_a_document_with_the_glossary(tmp_path):
    """What make i18n-review runs: the catalog imported, then the glossary into its
    document, whose checks run again with it."""
    from app.store import documents, session_scope, terms

    app = make_app(tmp_path)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", "--title", "Interface (fr)", "--format", "json",
                                 str(CATALOG)])
    assert result.exit_code == 0, result.output
    slug = json.loads(result.stdout)["slug"]
    result = runner.invoke(args=["import-glossary", slug, str(GLOSSARY)])
    assert result.exit_code == 0, result.output
    with session_scope(app) as session:
        doc = documents.find_by_slug(session, slug)
        glossary = terms.glossary(session, doc)
        assert {(t.source, t.target) for t in glossary} >= {
            ("finding", "signalement"), ("unit", "unité"), ("review", "relecture")}
        assert doc.target_lang == "fr" and len(doc.units) > 100
        flagged = [f.check_id for u in doc.units for f in u.findings
                   if f.check_id in ("glossary-term", "forbidden-term")]
        assert flagged == []
    bad = runner.invoke(args=["import-glossary", slug, str(tmp_path / "none.tsv")])
    assert bad.exit_code == 2 and "cannot read" in bad.output
