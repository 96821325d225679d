"""A finding's explanation in the reader's language (issue 19): the editor's findings, the
flags' titles and the dismissed list show a finding's message translated (finding.said and
dismissal.said, migration 0020), with the interface's own French catalog compiled into a
temporary folder; an English reader reads the English message, and a row written before
(said NULL) shows its English message column. The database and the JSON API keep English."""
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select, update

from app.store import session_scope
from app.store.models import Dismissal, Finding, Unit
from tests.web.conftest import HX, login
from tests.web.test_i18n_messages import sample_app_speaking
from tests.web.test_undo_redo import redo_id, undo_id

CATALOG = Path(__file__).resolve().parents[2] / "app/i18n/fr/LC_MESSAGES/messages.po"
NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture
def fr_app(tmp_path):
    with CATALOG.open("rb") as source:
        catalog = read_po(source, locale="fr")
    with sample_app_speaking(tmp_path, catalog) as app:
        yield app


def reader(app, language):
    client = login(app, "tester", "admin")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def untranslated(app):
    """(unit id, finding id, English message, the word) of the sample's first finding of an
    English word left untranslated."""
    with session_scope(app) as session:
        finding = next(f for f in session.scalars(
            select(Finding).join(Unit, Unit.id == Finding.unit_id)
            .where(Finding.check_id == "untranslated-words").order_by(Unit.position))
            if " " not in f.text)
        assert finding.said == {"msgid": "%(language)s word left untranslated: “%(text)s”",
                                "values": {"language": {"language": "en", "name": "English"},
                                           "text": finding.text}}
        return finding.unit_id, finding.id, finding.message, finding.text


def editor(client, unit_id):
    return client.get(f"/units/{unit_id}/edit", headers=HX).get_data(as_text=True)


def french_word(word):
    return f"Mot non traduit (anglais){NBSP}: «{NNBSP}{word}{NNBSP}»"


def test_a_french_reader_reads_a_finding_in_french_and_an_english_reader_in_english(fr_app):
    unit_id, _, message, word = untranslated(fr_app)
    assert message == f"English word left untranslated: “{word}”"
    page = editor(reader(fr_app, "fr"), unit_id)
    assert french_word(word) in page
    assert message not in page
    english = editor(reader(fr_app, "en"), unit_id)
    assert message in english and french_word(word) not in english


def test_a_dismissed_finding_is_listed_in_french_and_stored_in_english(fr_app):
    unit_id, finding_id, message, word = untranslated(fr_app)
    client = reader(fr_app, "fr")
    answer = client.post(f"/units/{unit_id}/dismiss", headers=HX,
                         data={"finding": finding_id, f"reason-{finding_id}": "un nom"})
    assert answer.status_code == 200
    page = editor(client, unit_id)
    listed = page[page.index('class="dismissed"'):]
    assert french_word(word) in listed and message not in listed
    with session_scope(fr_app) as session:
        dismissal = session.scalars(select(Dismissal).where(Dismissal.unit_id == unit_id)).one()
        assert dismissal.message == message and dismissal.said is not None
    assert message in editor(reader(fr_app, "en"), unit_id)


def test_a_finding_written_before_migration_0020_shows_its_english_message(fr_app):
    unit_id, finding_id, message, word = untranslated(fr_app)
    with session_scope(fr_app) as session:
        session.execute(update(Finding).where(Finding.id == finding_id).values(said=None))
    page = editor(reader(fr_app, "fr"), unit_id)
    assert message in page and french_word(word) not in page


def test_a_dismissal_undone_and_redone_still_reads_in_french(fr_app):
    unit_id, finding_id, message, word = untranslated(fr_app)
    client = reader(fr_app, "fr")
    body = client.post(f"/units/{unit_id}/dismiss", headers=HX,
                       data={"finding": finding_id}).get_data(as_text=True)
    body = client.post(f"/operations/{undo_id(body)}/undo", headers=HX).get_data(as_text=True)
    assert client.post(f"/operations/{redo_id(body)}/redo", headers=HX).status_code == 200
    page = editor(client, unit_id)
    listed = page[page.index('class="dismissed"'):]
    assert french_word(word) in listed and message not in listed
