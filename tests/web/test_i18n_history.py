"""What the store writes for people is shown in the reader's language (issue 19): the undo
history's labels and descriptions (kept as msgid and values beside their English text), the
revision kinds of a unit's History and of the conflict view, a refused undo, and an import
job's failure. A small French catalog of the test's own, compiled into a temporary folder
(as tests/web/test_i18n_messages.py does), proves the strings go through gettext; an English
reader and the English columns (description, job message) are unchanged, and entries written
before (English text only) still show."""
import json
import re

import pytest
from babel.messages.catalog import Catalog
from sqlalchemy import update

from app.store import documents, jobs, session_scope
from app.store.models import ImportJob, Operation
from tests.web.conftest import HX, login
from tests.web.test_i18n_messages import sample_app_speaking
from tests.web.test_undo_redo import undo_id, unit_at

KIND = "revision kind"
FRENCH = {
    "edit of segment %(n)s": "modification du segment %(n)s",
    "Undo: %(change)s": "Annuler : %(change)s",
    "Undid: %(change)s": "Annulation : %(change)s",
    ("approval of %(n)s segment", "approval of %(n)s segments"):
        ("approbation de %(n)s segment", "approbation de %(n)s segments"),
    ("Approved %(n)s segment", "Approved %(n)s segments"):
        ("%(n)s segment approuvé", "%(n)s segments approuvés"),
    "Approved %(n)s segments": "%(n)s segments approuvés (avant)",   # an earlier wording
    (KIND, "edit"): "modification",
    (KIND, "undo"): "annulation",
    "Segment %(n)s": "Le segment %(n)s",
    "edited": "modifié",
    "%(segment)s was %(verb)s by %(author)s at %(when)s after this change; undoing it would "
    "overwrite that. Nothing was changed.":
        "%(segment)s a été %(verb)s par %(author)s le %(when)s après cette modification ; "
        "l’annuler l’écraserait. Rien n’a été modifié.",
    "The import stopped on an unexpected error while starting; nothing was imported. Try "
    "again, and tell us if it keeps happening.":
        "L’import s’est arrêté sur une erreur inattendue au démarrage ; rien n’a été importé. "
        "Réessayez, et signalez-le si cela se reproduit.",
    "The server stopped while this import was running (it was restarted or ran out of "
    "memory); nothing was imported. Import the texts again.":
        "Le serveur s’est arrêté pendant cet import ; rien n’a été importé. Importez à "
        "nouveau les textes.",
    "%(path)s:%(line)s: %(problem)s": "%(path)s, ligne %(line)s : %(problem)s",
    "%(name)s must be a whole number from 0 to %(max)s; got %(value)s.":
        "%(name)s doit être un nombre entier de 0 à %(max)s ; reçu %(value)s.",
}


@pytest.fixture
def fr_app(tmp_path):
    catalog = Catalog(locale="fr")
    catalog.mime_headers = [("Plural-Forms", "nplurals=2; plural=(n > 1);")]
    for key, text in FRENCH.items():
        context, msgid = (key if key[0] == KIND else (None, key)) if isinstance(key, tuple) \
            else (None, key)
        catalog.add(msgid, text, context=context)
    with sample_app_speaking(tmp_path, catalog) as app:
        yield app


def french(app, username="tester", role="admin"):
    client = login(app, username, role)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    return client


def flat(response):
    return " ".join(response.get_data(as_text=True).split())


def test_a_save_and_its_undo_read_french_and_stay_english_in_the_database(fr_app):
    client, english = french(fr_app), login(fr_app, "ana")
    unit_id, version, _, slug = unit_at(fr_app, 7)
    saved = client.post(f"/units/{unit_id}", headers=HX,
                        data={"text": "Un texte revu.", "version": version})
    body = flat(saved)
    assert ">Annuler : modification du segment 8</button>" in body
    assert "Modification du segment 8 (tester," in body  # the button's title: its description
    assert "Edit of segment 8" not in body and "Undo: edit" not in body
    assert ">Undo: edit of segment 8</button>" in flat(english.get(f"/documents/{slug}"))
    client.post(f"/operations/{undo_id(saved.get_data(as_text=True))}/undo", headers=HX)
    changes = flat(client.get(f"/documents/{slug}/changes"))
    assert "<span>Annulation : Modification du segment 8</span>" in changes
    assert "<span>Modification du segment 8</span>" in changes
    assert "<span>Undid: Edit of segment 8</span>" in flat(
        english.get(f"/documents/{slug}/changes"))
    with session_scope(fr_app) as session:
        described = [o.description for o in session.query(Operation).order_by(Operation.id)]
    assert described[-2:] == ["Edit of segment 8", "Undid: Edit of segment 8"]


def test_the_revision_kinds_of_a_units_history_are_french(fr_app):
    client = french(fr_app)
    unit_id, version, _, _ = unit_at(fr_app, 3)
    client.post(f"/units/{unit_id}", headers=HX, data={"text": "Revu.", "version": version})
    history = flat(client.get(f"/units/{unit_id}/history", headers=HX))
    assert "v2 · modification · tester" in history and "· edit ·" not in history
    english = flat(login(fr_app, "ana").get(f"/units/{unit_id}/history", headers=HX))
    assert "v2 · edit · tester" in english


def test_the_conflict_view_names_the_winning_revisions_kind_in_french(fr_app):
    client = french(fr_app)
    unit_id, version, _, _ = unit_at(fr_app, 5)
    client.post(f"/units/{unit_id}", headers=HX, data={"text": "Premier.", "version": version})
    stale = client.post(f"/units/{unit_id}", headers=HX,
                        data={"text": "Le mien.", "version": version})
    assert stale.status_code == 409
    assert "(modification)" in flat(stale) and "(edit)" not in flat(stale)


def test_a_refused_undo_is_a_french_sentence(fr_app):
    ana, bob = french(fr_app, "ana"), french(fr_app, "bob")
    unit_id, version, _, _ = unit_at(fr_app, 7)
    first = ana.post(f"/units/{unit_id}", headers=HX, data={"text": "Ana.", "version": version})
    bob.post(f"/units/{unit_id}", headers=HX, data={"text": "Bob.", "version": version + 1})
    refused = ana.post(f"/operations/{undo_id(first.get_data(as_text=True))}/undo", headers=HX)
    message = json.loads(refused.headers["HX-Trigger-After-Settle"])["page-message"]
    assert re.fullmatch(r"Le segment 8 a été modifié par bob le \d{1,2} [a-zéû]+\.? \d{4}, \d\d:\d\d "
                        r"après cette modification ; l’annuler l’écraserait\. Rien n’a été "
                        r"modifié\.", message), message


def test_a_bulk_approval_and_an_entry_written_before_issue_19(fr_app):
    reviewer = french(fr_app, "rev")
    with session_scope(fr_app) as session:
        doc = documents.list_documents(session)[0]
        slug, pairs = doc.slug, [f"{u.id}:{u.version}" for u in doc.units[:2]]
    reviewer.post(f"/documents/{slug}/bulk", headers=HX, data={"action": "approve",
                                                              "unit": pairs})
    changes = flat(reviewer.get(f"/documents/{slug}/changes"))
    assert "<span>2 segments approuvés</span>" in changes
    with session_scope(fr_app) as session:  # as an entry made before: English text only
        session.execute(update(Operation).values(detail={}))
    changes = flat(reviewer.get(f"/documents/{slug}/changes"))
    assert "<span>Approved 2 segments</span>" in changes


def test_a_count_of_one_takes_the_singular_and_an_earlier_wording_stays_french(fr_app):
    """"Approved 1 segment", not "1 segments" (each language's plural forms: gettext's
    ngettext); an entry written with the wording of before plural forms is still French."""
    reviewer, english = french(fr_app, "rev"), login(fr_app, "ana")
    with session_scope(fr_app) as session:
        doc = documents.list_documents(session)[0]
        slug, pair = doc.slug, f"{doc.units[0].id}:{doc.units[0].version}"
    reviewer.post(f"/documents/{slug}/bulk", headers=HX, data={"action": "approve",
                                                              "unit": [pair]})
    assert "<span>1 segment approuvé</span>" in flat(reviewer.get(f"/documents/{slug}/changes"))
    assert "<span>Approved 1 segment</span>" in flat(english.get(f"/documents/{slug}/changes"))
    with session_scope(fr_app) as session:
        operation = session.query(Operation).order_by(Operation.id.desc()).first()
        said = operation.detail["said"]
        assert said["description"]["plural"] == "Approved %(n)s segments"
        said["description"] = {"msgid": "Approved %(n)s segments", "values": {"n": 1}}
        session.execute(update(Operation).where(Operation.id == operation.id)
                        .values(detail={**operation.detail, "said": said}))
    changes = flat(reviewer.get(f"/documents/{slug}/changes"))
    assert "<span>1 segments approuvés (avant)</span>" in changes


def queue(app, **more):
    with session_scope(app) as session:
        return jobs.create(session, title="Essai", source_lang="en", target_lang="fr",
                           created_by="tester", **more).id


def test_a_failed_imports_message_is_french_and_its_column_english(fr_app):
    client = french(fr_app)
    factory = fr_app.extensions["store"]
    unknown = queue(fr_app, kind="odt", reference_text="x", target_text="y")  # unexpected
    broken = queue(fr_app, kind=jobs.PO, data=b'msgid ""\nmsgstr ""\n\nmsgid "a\nmsgstr "b"\n',
                   params={"filename": "broken.po"})
    for job_id in (unknown, broken):
        assert jobs.claim(factory, job_id) == job_id
        assert jobs.run(factory, job_id) is None
    page = flat(client.get(f"/imports/{unknown}"))
    assert "L’import s’est arrêté sur une erreur inattendue au démarrage" in page
    assert "unexpected error" not in page
    assert "broken.po, ligne 4 : " in flat(client.get(f"/imports/{broken}"))
    with session_scope(fr_app) as session:
        row = session.get(ImportJob, unknown)
        assert row.message.startswith("The import stopped on an unexpected error while "
                                      "starting")
        assert session.get(ImportJob, broken).message.startswith("broken.po:4: ")
    english = flat(login(fr_app).get(f"/imports/{unknown}"))
    assert "The import stopped on an unexpected error while starting" in english


def test_a_stale_job_of_before_issue_19_reads_french_too(fr_app):
    job_id = queue(fr_app, kind=jobs.PAIR, reference_text="Hello.", target_text="Bonjour.")
    with session_scope(fr_app) as session:  # its English text only, as older rows
        session.execute(update(ImportJob).where(ImportJob.id == job_id).values(
            status=jobs.FAILED, message=str(jobs.STALE_MESSAGE)))
    page = flat(french(fr_app).get(f"/imports/{job_id}"))
    assert "Le serveur s’est arrêté pendant cet import" in page


def test_a_bad_number_in_an_address_is_refused_in_french(fr_app):
    with session_scope(fr_app) as session:
        slug = documents.list_documents(session)[0].slug
    answer = french(fr_app).get(f"/documents/{slug}", query_string={"offset": "dix"})
    assert answer.status_code == 400
    assert ("offset doit être un nombre entier de 0 à 2\u202f147\u202f483\u202f647 ; "
            "reçu &#39;dix&#39;.") in answer.get_data(as_text=True)
    english = login(fr_app).get(f"/documents/{slug}", query_string={"offset": "dix"})
    assert "offset must be a whole number from 0 to 2,147,483,647; got &#39;dix&#39;." in \
        english.get_data(as_text=True)
