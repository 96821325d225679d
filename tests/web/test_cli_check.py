"""`flask check` (issue 17): --only/--skip/--list, every plural form checked and reported with
its index, the entries' gettext flags reaching the checks, fuzzy entries, exit codes, and a
start that loads neither the store nor the checks' dictionaries."""
import json
import subprocess
import sys

import pytest
from flask.cli import FlaskGroup

from app import ROOT, create_app
from app.core import checks
from app.core.checks import Check, Hit
from tests.web.conftest import make_app

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.fixture
def runner(tmp_path):
    return make_app(tmp_path).test_cli_runner()


def po_file(tmp_path, body, name="messages.po"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def findings(result):
    return json.loads(result.stdout)["findings"]


MEMBERS = 'msgid "The members met."\nmsgstr "Les members se sont réunis."\n\n'
APOSTROPHES = 'msgid "It is John\'s."\nmsgstr "C’est l\'avis de Jean."\n\n'


def test_list_describes_every_check_without_files(runner):
    result = runner.invoke(args=["check", "--list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == [c.check_id for c in checks.REGISTRY]
    for line, check in zip(lines, checks.REGISTRY):
        assert line.split()[1:3] == [check.category, check.severity]
        assert line.endswith(check.description)
    # aligned: every category starts in the same column
    assert len({line.index(c.category, len(c.check_id)) for line, c
                in zip(lines, checks.REGISTRY)}) == 1


def test_list_as_json(runner):
    result = runner.invoke(args=["check", "--list", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["checks"]
    assert [r["id"] for r in rows] == [c.check_id for c in checks.REGISTRY]
    grammar = next(r for r in rows if r["id"] == "fr-grammar")
    assert grammar["category"] == "grammar" and grammar["languages"] == ["fr"]
    assert all(r["description"] and r["severity"] in checks.SEVERITIES for r in rows)


def test_no_files_without_list_is_a_usage_error(runner):
    result = runner.invoke(args=["check"])
    assert result.exit_code == 2 and "FILES" in result.output


def test_only_and_skip_select_the_checks(runner, tmp_path):
    path = po_file(tmp_path, MEMBERS + APOSTROPHES)
    everything = {f["check"] for f in findings(runner.invoke(args=["check", "--format", "json",
                                                                   str(path)]))}
    assert {"untranslated-words", "apostrophe-style"} <= everything
    for args, expected in ((["--only", "apostrophe-style"], {"apostrophe-style"}),
                           (["--only", "apostrophe-style,untranslated-words"],
                            {"apostrophe-style", "untranslated-words"}),
                           (["--only", "apostrophe-style", "--only", "untranslated-words"],
                            {"apostrophe-style", "untranslated-words"}),
                           (["--only", "apostrophe-style,untranslated-words", "--skip",
                             "untranslated-words"], {"apostrophe-style"})):
        result = runner.invoke(args=["check", "--format", "json", *args, str(path)])
        assert {f["check"] for f in findings(result)} == expected, args
    skipped = runner.invoke(args=["check", "--format", "json", "--skip",
                                  "untranslated-words,untranslated-segment", str(path)])
    assert {f["check"] for f in findings(skipped)} == everything - {"untranslated-words",
                                                                     "untranslated-segment"}


def test_exit_code_follows_the_selected_checks(runner, tmp_path):
    path = po_file(tmp_path, MEMBERS + APOSTROPHES)
    assert runner.invoke(args=["check", str(path)]).exit_code == 1  # untranslated: major
    minor_only = runner.invoke(args=["check", "--only", "apostrophe-style", str(path)])
    assert minor_only.exit_code == 0 and "apostrophe-style" in minor_only.output


@pytest.mark.parametrize("option, typo, near", [
    ("--only", "fr-nbps", "fr-nbsp"),
    ("--skip", "untranslated-word", "untranslated-words"),
])
def test_unknown_id_exits_2_naming_the_ids_near_it(runner, tmp_path, option, typo, near):
    path = po_file(tmp_path, MEMBERS)
    result = runner.invoke(args=["check", option, f"apostrophe-style,{typo}", str(path)])
    assert result.exit_code == 2
    assert f"unknown check id '{typo}'" in result.output and near in result.output
    assert option in result.output and "Traceback" not in result.output


def test_unknown_id_far_from_every_id_lists_them_all(runner, tmp_path):
    result = runner.invoke(args=["check", "--only", "zzzz", str(po_file(tmp_path, MEMBERS))])
    assert result.exit_code == 2
    assert all(c.check_id in result.output for c in checks.REGISTRY)


PLURALS = ('msgid "{one} member met."\nmsgid_plural "{many} members met."\n'
           'msgstr[0] "{one} membre s’est réuni."\nmsgstr[1] "{many2} membres se sont réunis."\n\n')


@pytest.mark.parametrize("many2, flagged", [("2", False), ("3", True)])
def test_every_plural_form_is_checked_against_its_reference(runner, tmp_path, many2, flagged):
    """msgstr[1] is compared with msgid_plural (2 == 2 is clean), not with the msgid."""
    path = po_file(tmp_path, PLURALS.format(one=1, many=2, many2=many2))
    result = runner.invoke(args=["check", "--format", "json", "--only", "number-mismatch",
                                 str(path)])
    found = findings(result)
    assert bool(found) is flagged
    assert all((f["entry"], f["form"]) == (0, 1) for f in found)


def test_plural_forms_are_reported_with_their_index(runner, tmp_path):
    body = ('msgid "Good."\nmsgstr "Bien."\n\n'
            'msgid "One member met."\nmsgid_plural "The members met."\n'
            'msgstr[0] "Un membre s’est réuni."\nmsgstr[1] "Les members se sont réunis."\n\n')
    path = po_file(tmp_path, body)
    result = runner.invoke(args=["check", "--format", "json", "--only", "untranslated-words",
                                 str(path)])
    assert [(f["entry"], f["form"], f["text"]) for f in findings(result)] == [
        (1, 1, "members")]
    assert list(findings(result)[0])[:3] == ["entry", "form", "check"]
    text = runner.invoke(args=["check", "--only", "untranslated-words", str(path)])
    assert text.output.startswith("1:1:4-11: major [untranslated/untranslated-words]")
    singular = runner.invoke(args=["check", "--format", "json", "--only",
                                   "untranslated-words", str(po_file(tmp_path, MEMBERS))])
    assert "form" not in findings(singular)[0]


def test_a_plural_form_over_the_limit_names_its_entrys_line(tmp_path):
    app = make_app(tmp_path, LIMIT_SEGMENT_CHARS=100)
    body = ('msgid "Good."\nmsgstr "Bien."\n\n'
            f'msgid "One file."\nmsgid_plural "Files."\nmsgstr[0] "Un fichier."\n'
            f'msgstr[1] "{"mot " * 50}"\n')
    path = po_file(tmp_path, body)
    result = app.test_cli_runner().invoke(args=["check", str(path)])
    assert result.exit_code == 2
    assert f"{path}:8: the segment has 200 characters; the limit is 100" in result.output


FLAGS_SEEN = []


def _record_flags(reference, target, languages, context):
    FLAGS_SEEN.append(context.flags)
    return [Hit(0, 1, "flags seen")] if "c-format" in context.flags else []


FLAG_PROBE = Check("flag-probe", "mistranslation", "minor", _record_flags,
                   description="Reports the entries flagged c-format.")


def test_entry_flags_reach_a_registered_check(runner, tmp_path, monkeypatch):
    monkeypatch.setattr(checks, "REGISTRY", checks.REGISTRY + (FLAG_PROBE,))
    monkeypatch.setattr(checks, "BY_ID", {**checks.BY_ID, "flag-probe": FLAG_PROBE})
    FLAGS_SEEN.clear()
    body = ('#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\n'
            'msgstr[0] "%d fichier"\nmsgstr[1] "%d fichiers"\n\n'
            '#, fuzzy, python-format\nmsgid "%(n)s items"\nmsgstr "%(n)s éléments"\n\n'
            'msgid "Plain."\nmsgstr "Simple."\n\n')
    path = po_file(tmp_path, body)
    result = runner.invoke(args=["check", "--format", "json", "--only", "flag-probe",
                                 str(path)])
    assert FLAGS_SEEN == [frozenset({"c-format"})] * 2 + [
        frozenset({"fuzzy", "python-format"}), frozenset()]
    assert [(f["entry"], f["form"]) for f in findings(result)] == [(0, 0), (0, 1)]


def test_a_repeated_pair_is_checked_once_and_reported_under_each_entry(runner, tmp_path,
                                                                        monkeypatch):
    """Entries with the same msgid, msgstr and flags (another msgctxt) share their findings,
    worked out once; the same pair under other flags is checked again."""
    monkeypatch.setattr(checks, "REGISTRY", checks.REGISTRY + (FLAG_PROBE,))
    monkeypatch.setattr(checks, "BY_ID", {**checks.BY_ID, "flag-probe": FLAG_PROBE})
    FLAGS_SEEN.clear()
    body = ('msgctxt "a"\n' + MEMBERS + 'msgctxt "b"\n' + MEMBERS
            + '#, c-format\nmsgctxt "c"\n' + MEMBERS)
    path = po_file(tmp_path, body)
    result = runner.invoke(args=["check", "--format", "json", "--only",
                                 "flag-probe,untranslated-words", str(path)])
    assert FLAGS_SEEN == [frozenset(), frozenset({"c-format"})]
    rows = findings(result)
    by_entry = {k: [{**f, "entry": None} for f in rows if f["entry"] == k] for k in range(3)}
    assert by_entry[0] and by_entry[0] == by_entry[1]
    assert sorted(f["check"] for f in by_entry[2]) == ["flag-probe", "untranslated-words"]


def test_a_placeholder_check_reads_the_entry_flags(runner, tmp_path):
    """%d -> %s is a broken c-format placeholder; `no-c-format` says the string has none."""
    if "placeholder-mismatch" not in checks.BY_ID:
        pytest.skip("no placeholder check registered yet")
    entry = 'msgid "Deleted %d files"\nmsgstr "Supprimé %s fichiers"\n\n'
    for flag, flagged in (("c-format", True), ("no-c-format", False)):
        path = po_file(tmp_path, f"#, {flag}\n{entry}")
        result = runner.invoke(args=["check", "--format", "json", "--only",
                                     "placeholder-mismatch", str(path)])
        assert bool(findings(result)) is flagged, flag


def test_fuzzy_entries_are_checked_unless_no_fuzzy(runner, tmp_path):
    path = po_file(tmp_path, "#, fuzzy\n" + MEMBERS + APOSTROPHES)
    args = ["check", "--format", "json", "--only", "untranslated-words,apostrophe-style"]
    assert {f["entry"] for f in findings(runner.invoke(args=[*args, str(path)]))} == {0, 1}
    result = runner.invoke(args=[*args, "--no-fuzzy", str(path)])
    assert {f["entry"] for f in findings(result)} == {1} and result.exit_code == 0


def test_annotate_checks_every_form_with_the_selected_checks(runner, tmp_path):
    body = ('msgid "One member met."\nmsgid_plural "The members met."\n'
            'msgstr[0] "Un membre s’est réuni."\nmsgstr[1] "Les members se sont réunis."\n\n'
            + APOSTROPHES)
    path = po_file(tmp_path, body)
    result = runner.invoke(args=["check", "--annotate", "--skip", "apostrophe-style",
                                 str(path)])
    assert result.exit_code == 1
    text = path.read_text(encoding="utf-8")
    assert text.count("# workbench: untranslated/untranslated-words:") == 1
    assert "apostrophe" not in text
    assert '#, fuzzy\nmsgid "One member met."' in text


def test_check_starts_without_the_store_or_the_dictionaries(tmp_path):
    """`flask --app app check` on an empty file imports neither the store nor the web layer,
    nor a library of the checks' resources (a start under half a second: bench/checks)."""
    path = po_file(tmp_path, "", name="empty.po")
    heavy = ("sqlalchemy", "alembic", "app.store", "app.web", "wordfreq", "sacremoses",
             "hunspell", "grammalecte")
    probe = (f"import sys; from flask.cli import main; sys.argv = ['flask', '--app', 'app', "
             f"'check', {str(path)!r}]\ntry:\n    main()\nexcept SystemExit as exc:\n"
             f"    print(exc.code, sorted({{m.split('.')[0] if not m.startswith('app.') else "
             f"'.'.join(m.split('.')[:2]) for m in sys.modules}} & set({heavy!r})))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, env={"PATH": "/usr/bin:/bin",
                                         "DATABASE_URL": f"sqlite:///{tmp_path / 'db'}"})
    assert out.stdout.strip() == "0 []", out.stderr[-2000:]


def test_commands_made_by_the_flask_command_set_the_store_up_when_they_need_it(tmp_path):
    """Made by `flask`, the app waits for a command that needs the store to set it up."""
    made = []

    def factory():
        made.append(create_app({"TESTING": True, "SECRET_KEY": "test",
                                "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                                "TRANSLATIONS_DIR": str(tmp_path / "translations")}))
        return made[-1]

    cli = FlaskGroup(create_app=factory)
    path = po_file(tmp_path, MEMBERS)
    from click.testing import CliRunner

    checked = CliRunner().invoke(cli, ["check", "--only", "untranslated-words", str(path)])
    assert checked.exit_code == 1 and "members" in checked.output
    assert "store" not in made[-1].extensions
    created = CliRunner().invoke(cli, ["init-db"])
    assert created.exit_code == 0 and "database ready" in created.output
    stats = CliRunner().invoke(cli, ["stats"])
    assert stats.exit_code == 0 and "no documents" in stats.output
    assert "store" in made[-1].extensions and made[-1].url_map.bind("x").match("/")


PLURAL_FILES = ('#, c-format\nmsgid "One file"\nmsgid_plural "%d files"\n'
                'msgstr[0] "{0}"\nmsgstr[1] "{1}"\n\n'
                '#, c-format\nmsgid "Delete 1 file?"\nmsgid_plural "Delete %d files?"\n'
                'msgstr[0] "{2}"\nmsgstr[1] "Supprimer %d fichiers ?"\n\n')
OMISSIONS = "placeholder-mismatch,placeholder-missing,missing-content,omitted-content"


@pytest.mark.parametrize("forms,flagged", [
    (("%d fichier", "%d fichiers", "Supprimer %d fichier ?"), []),    # French n=0: 0 and 1
    (("Un fichier", "%d fichiers", "Supprimer 1 fichier ?"), []),      # the count left out
    (("%s fichier", "%d fichiers", "Supprimer %d fichier ?"),
     [(0, 0, "placeholder-mismatch")]),                               # no form has %s
    (("%d fichier", "des fichiers", "Supprimer %d fichier %d ?"),
     [(0, 1, "placeholder-missing"), (1, 0, "placeholder-mismatch")]),
])
def test_a_plural_form_may_hold_a_placeholder_of_any_source_form(runner, tmp_path, forms,
                                                                 flagged):
    """msgstr[0] "%d fichier" for "One file" / "%d files" is right (Weblate accepts a
    placeholder of any source plural form); one that no form has, or one too many, is not."""
    path = po_file(tmp_path, PLURAL_FILES.format(*forms))
    result = runner.invoke(args=["check", "--format", "json", "--only", OMISSIONS, str(path)])
    assert [(f["entry"], f["form"], f["check"]) for f in findings(result)] == flagged


def test_annotate_reads_the_plural_source_forms_too(runner, tmp_path):
    path = po_file(tmp_path, PLURAL_FILES.format("%d fichier", "%d fichiers",
                                                 "Supprimer %d fichier ?"))
    result = runner.invoke(args=["check", "--annotate", "--only", OMISSIONS, str(path)])
    assert result.exit_code == 0, result.output
    assert "# workbench:" not in path.read_text(encoding="utf-8")
