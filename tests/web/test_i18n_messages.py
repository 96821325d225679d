"""Messages made in Python are translated (issue 19): error pages, form labels and errors,
notices with plurals, the store's errors (a msgid and values, translated before they are
formatted), and the command line's messages by the environment's locale. Each test runs the
real app with a small French catalog compiled into a temporary folder (the test's own
translations: whatever the real catalog says, these prove the strings go through gettext)
and a French browser (Accept-Language) or LANGUAGE=fr; the last tests check that pybabel
extracts what app/core marks (N_, Check:5) with the Makefile's keywords."""
import json
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from app import ROOT
from app.core import checks, limits
from app.web import i18n
from tests.conftest import _load_sample, _test_app, databases
from tests.web.conftest import HX, login
from tests.web.test_review import unit_with

FRENCH = {
    "There is nothing at this address.": "Il n’y a rien à cette adresse.",
    "Title": "Titre",
    "Paste the reference text or upload a file.":
        "Collez le texte de référence ou téléversez un fichier.",
    ("%(num)s approved.", "%(num)s approved."): ("%(num)s approuvé.", "%(num)s approuvés."),
    "The text holds the control character %(code)s at character %(n)s; remove it (a line "
    "break is fine). Nothing was saved.":
        "Le texte contient le caractère de contrôle %(code)s au caractère %(n)s ; "
        "supprimez-le (un saut de ligne convient). Rien n’a été enregistré.",
    "no document %(slug)r; `flask --app app stats` lists them":
        "aucun document %(slug)r ; `flask --app app stats` les liste",
    ("%(num)s finding", "%(num)s findings"): ("%(num)s problème", "%(num)s problèmes"),
    "typography": "typographie",
}


def french_catalog():
    """FRENCH as a catalog, with gettext's plural rule (Babel's CLDR one has 3 forms)."""
    catalog = Catalog(locale="fr")
    catalog.mime_headers = [("Plural-Forms", "nplurals=2; plural=(n > 1);")]
    for msgid, text in FRENCH.items():
        catalog.add(msgid, text)
    return catalog


def _forget_loaded_catalogs():
    """Flask-Babel keeps loaded catalogs per locale for the process: the test's own is
    loaded afresh, and not left for other tests."""
    domain = vars(i18n.babel).get("domain_instance")  # made on first use
    if domain is not None:
        domain.cache.clear()


@contextmanager
def sample_app_speaking(tmp_path, catalog):
    """An app holding the sample whose French interface catalog is `catalog` (a Babel
    Catalog), compiled as app/i18n would hold it into tmp_path/catalogs."""
    _forget_loaded_catalogs()
    target = tmp_path / "catalogs" / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "messages.mo", "wb") as handle:
        write_mo(handle, catalog)
    try:
        yield _test_app(tmp_path, {
            "DATABASE_URL": databases.from_template(tmp_path, _load_sample),
            "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path / "catalogs")})
    finally:
        _forget_loaded_catalogs()


@pytest.fixture
def fr_app(tmp_path):
    with sample_app_speaking(tmp_path, french_catalog()) as app:
        yield app


def french_client(app, username="tester"):
    client = login(app, username)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    return client


def test_an_error_page_is_in_the_browsers_language(fr_app):
    french = login(fr_app)
    assert "There is nothing at this address." in french.get("/nope").get_data(as_text=True)
    page = french.get("/nope", headers={"Accept-Language": "fr"})
    assert page.status_code == 404
    assert "Il n’y a rien à cette adresse." in page.get_data(as_text=True)


def test_form_labels_and_errors_are_translated(fr_app):
    client = french_client(fr_app)
    page = client.post("/documents/new", data={"title": "Essai", "source_lang": "en",
                                               "target_lang": "fr"}).get_data(as_text=True)
    assert "Collez le texte de référence ou téléversez un fichier." in page
    assert re.search(r"<label[^>]*>Titre</label>", page)
    assert "Paste the reference text" not in page


def test_a_store_error_is_translated_before_its_values_go_in(fr_app):
    client = french_client(fr_app)
    unit_id, version, target, _ = unit_with(fr_app, "level")
    response = client.post(f"/units/{unit_id}", headers=HX,
                           data={"text": target + " \x07", "version": version})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert (f"Le texte contient le caractère de contrôle U+0007 au caractère "
            f"{len(target) + 2} ; supprimez-le") in body


def test_a_notice_takes_the_plural_of_its_count(fr_app):
    client = french_client(fr_app)
    ids = [unit_with(fr_app, "members")]
    one = client.post(f"/documents/{ids[0][3]}/bulk", headers=HX, data={
        "action": "approve", "unit": [f"{ids[0][0]}:{ids[0][1]}"]})
    assert "1 approuvé." in one.get_data(as_text=True)
    two = [unit_with(fr_app, word) for word in ("fake", "Kazakhstan")]
    answer = client.post(f"/documents/{two[0][3]}/bulk", headers=HX, data={
        "action": "approve", "unit": [f"{i}:{v}" for i, v, *_ in two]})
    assert "2 approuvés." in answer.get_data(as_text=True)


def test_the_cli_speaks_the_environments_language(fr_app, tmp_path):
    runner = fr_app.test_cli_runner()
    english = runner.invoke(args=["export", "nope"], env={"LANGUAGE": "", "LC_ALL": "C"})
    assert english.exit_code == 2 and "no document 'nope'" in english.output
    french = runner.invoke(args=["export", "nope"], env={"LANGUAGE": "fr"})
    assert french.exit_code == 2 and "aucun document 'nope' ;" in french.output
    french = runner.invoke(args=["export", "nope"],
                           env={"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "",
                                "LANG": "fr_FR.UTF-8"})
    assert "aucun document 'nope' ;" in french.output


def test_the_cli_report_counts_in_french_and_its_json_stays_english(fr_app, tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("Bonjour  le monde.\nDeux  espaces  ici.\n", encoding="utf-8")
    runner = fr_app.test_cli_runner()
    report = runner.invoke(args=["check", "--only", "double-space", str(text)],
                           env={"LANGUAGE": "fr"})
    assert "3 problèmes" in report.stderr
    one = tmp_path / "one.txt"
    one.write_text("Bonjour  le monde.\n", encoding="utf-8")
    report = runner.invoke(args=["check", "--only", "double-space", str(one)],
                           env={"LANGUAGE": "fr"})
    assert "1 problème" in report.stderr and "problèmes" not in report.stderr
    data = runner.invoke(args=["check", "--format", "json", "--only", "double-space",
                               str(one)], env={"LANGUAGE": "fr"})
    finding, = json.loads(data.stdout)["findings"]
    assert (finding["check"], finding["category"]) == ("double-space", "typography")


PYBABEL = Path(sys.executable).parent / "pybabel"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The msgids pybabel extracts from app/ with the Makefile's keywords."""
    line = re.search(r"^I18N_KEYWORDS := (.+)$", (ROOT / "Makefile").read_text(), re.M)
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([str(PYBABEL), "-q", "extract", "--no-default-keywords",
                    *line.group(1).split(), "-o", str(pot), "app"], cwd=ROOT, check=True)
    from babel.messages.pofile import read_po

    with open(pot, "rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_every_check_description_and_category_is_extracted(extracted):
    assert {c.description for c in checks.REGISTRY} <= extracted
    assert set(checks.CATEGORIES) | set(checks.SEVERITIES) <= extracted


def test_the_cores_messages_are_extracted_whole(extracted):
    assert set(limits.SEGMENT_TOO_LONG.values()) <= extracted
    assert {"%(where)s: %(problem)s", "Segment %(uid)s",
            "Every selected segment is already approved.",
            "This account is deactivated: ask an admin to reactivate it.",
            "%(num)s finding", "%(num)s segment", "%(num)s approved."} <= extracted
    assert not any("Nothing was %" in msgid for msgid in extracted)
