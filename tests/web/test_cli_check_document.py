"""`flask check` runs the document-level checks too (issue 17): one file is one document, and
`inconsistent-translation` flags in it what the web app flags in the same file imported (a PO
message compared only with the messages of its own msgctxt and plural form), with
--only/--skip, --no-fuzzy, --annotate, text and JSON output."""
import json

import pytest

from app.store import catalog, session_scope
from tests.web.conftest import make_app

HEADER = ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n')
CHECK = "inconsistent-translation"


def entry(msgid, msgstr, context=None, flags=""):
    head = (f"#, {flags}\n" if flags else "") + (f'msgctxt "{context}"\n' if context else "")
    return f'{head}msgid "{msgid}"\nmsgstr "{msgstr}"\n\n'


def plural(msgid, msgid_plural, forms, context=None):
    head = f'msgctxt "{context}"\n' if context else ""
    strs = "".join(f'msgstr[{n}] "{text}"\n' for n, text in enumerate(forms))
    return f'{head}msgid "{msgid}"\nmsgid_plural "{msgid_plural}"\n{strs}\n'


# The same source text (case and spaces aside), translated two ways: both flagged.
TWO_WAYS = (entry("Delete the file", "Supprimer le fichier")
            + entry("Delete the File", "Effacer le fichier"))
# ... three times, the odd one flagged, with the others' translation as its suggestion.
THREE_WAYS = TWO_WAYS + entry("delete the  file", "supprimer le fichier")
# ... but under two msgctxt values: two messages, not compared.
TWO_CONTEXTS = (entry("Delete the file", "Supprimer le fichier", context="menu")
                + entry("Delete the file", "Effacer le fichier", context="toolbar"))
# Plural forms: msgstr[1] of two entries with the same msgid_plural are compared; not the
# forms of one entry, nor a plural form with a singular message of the same text.
PLURALS = (plural("One file was deleted", "%d files were deleted",
                  ["%d fichier supprimé", "%d fichiers supprimés"])
           + plural("A file was deleted", "%d files were deleted",
                    ["%d fichier effacé", "%d fichiers effacés"])
           + entry("%d files were deleted", "%d fichiers ont été effacés")
           + plural("%d items selected", "%d items selected",
                    ["%d élément sélectionné", "%d éléments sélectionnés"]))


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def po_file(tmp_path, body, name="messages.po"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def run(runner, path, *args):
    result = runner.invoke(args=["check", "--format", "json", *args, str(path)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def consistency(rows):
    return [(r["entry"], r.get("form"), r["start"], r["end"], r["message"], r["suggestion"])
            for r in rows if r["check"] == CHECK]


def imported(app, path):
    """What the web app finds with the same check in the same file imported: (entry, form,
    start, end, message, suggestion) per finding, in file order."""
    with session_scope(app) as session:
        doc = catalog.import_po(session, path.read_bytes(), path.name, author="t")
        return [(u.po_entry, u.po_form, f.start, f.end, f.message, f.suggestion)
                for u in doc.units for f in sorted(u.findings, key=lambda f: f.start)
                if f.check_id == CHECK]


@pytest.mark.parametrize("body, expected", [
    (TWO_WAYS, [(0, None), (1, None)]),
    (THREE_WAYS, [(1, "Supprimer le fichier")]),
    (TWO_CONTEXTS, []),
    (PLURALS, [(0, None), (1, None)]),
], ids=["two-ways", "three-ways", "two-contexts", "plurals"])
def test_check_flags_what_the_web_import_flags(app, runner, tmp_path, body, expected):
    path = po_file(tmp_path, body)
    found = consistency(run(runner, path))
    assert [(f[0], f[5]) for f in found] == expected
    assert found == imported(app, path)


def test_plural_findings_carry_their_form(runner, tmp_path):
    rows = [r for r in run(runner, po_file(tmp_path, PLURALS)) if r["check"] == CHECK]
    assert [(r["entry"], r["form"], r["text"]) for r in rows] == [
        (0, 1, "%d fichiers supprimés"), (1, 1, "%d fichiers effacés")]
    assert all("1 other occurrence" in r["message"] for r in rows)


def test_only_and_skip_select_it(runner, tmp_path):
    path = po_file(tmp_path, THREE_WAYS)
    assert CHECK in {r["check"] for r in run(runner, path)}
    assert {r["check"] for r in run(runner, path, "--only", CHECK)} == {CHECK}
    assert CHECK not in {r["check"] for r in run(runner, path, "--skip", CHECK)}
    assert run(runner, path, "--only", "apostrophe-style") == []


def test_findings_come_in_file_order_with_the_others(runner, tmp_path):
    body = (entry("Delete the file", "Supprimer le fichier")
            + entry("Open it", "Ouvrez-le")
            + entry("Delete the File", "Effacer  le fichier")  # double space too
            + entry("delete the file", "supprimer le fichier"))
    rows = run(runner, po_file(tmp_path, body))
    assert [(r["entry"], r["check"]) for r in rows] == [
        (2, CHECK), (2, "double-space")]
    assert rows[0]["suggestion"] == "Supprimer le fichier"
    assert (rows[0]["start"], rows[0]["end"]) == (0, 19)


def test_text_output_and_exit_code(runner, tmp_path):
    path = po_file(tmp_path, THREE_WAYS)
    result = runner.invoke(args=["check", "--only", CHECK, str(path)])
    assert result.exit_code == 0  # minor
    assert result.stdout.splitlines() == [
        f"1:0-18: minor [consistency/{CHECK}] The same reference is translated differently "
        "elsewhere in the document (2 other occurrences)."]


def test_fuzzy_entries_are_compared_unless_no_fuzzy(runner, tmp_path):
    path = po_file(tmp_path, entry("Delete the file", "Supprimer le fichier")
                   + entry("Delete the File", "Effacer le fichier", flags="fuzzy"))
    assert [r["entry"] for r in run(runner, path, "--only", CHECK)] == [0, 1]
    assert run(runner, path, "--only", CHECK, "--no-fuzzy") == []


def test_annotate_writes_the_finding_into_the_entry(runner, tmp_path):
    path = po_file(tmp_path, THREE_WAYS)
    result = runner.invoke(args=["check", "--annotate", "--only", CHECK, str(path)])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    comment = f"# workbench: consistency/{CHECK}: The same reference"
    assert text.count(comment) == 1
    assert text.index(comment) < text.index('msgid "Delete the File"')
    assert text.index(comment) > text.index('msgid "Delete the file"')
    assert "fuzzy" not in text
