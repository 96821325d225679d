"""The document page served by the database (issue 8): windows of rows, filters in SQL (a
regex read in chunks), the focus row, counters from stored totals, the document list."""
import re

import pytest

from app.store import alignment, documents, importing, review, session_scope, stats
from app.web import viewmodels as vm
from tests.web.conftest import HX

UNITS_BODY = {**HX, "HX-Target": "units-body"}
MORE = {**HX, "HX-Target": "more-units"}
ROW = re.compile(r'<tr id="unit-(u\d+)" class="unit ')


def make_pairs(n):
    """`n` pairs; every 3rd target has an English word left in, every 10th an accented
    capital, some hold LIKE wildcards (% and _) literally."""
    pairs = []
    for k in range(n):
        target = f"Phrase numéro {k} du texte."
        if k % 3 == 0:
            target = f"Phrase numéro {k} avec the state of affairs du meeting."
        if k % 10 == 0:
            target = f"ÉTAT numéro {k} : la réunion."
        if k % 25 == 0:
            target = f"Taux de {k} % pour le_jeu."
        pairs.append((f"Sentence number {k} of the text.", target))
    return pairs


@pytest.fixture
def big(app):
    """A 450-unit document; returns its slug."""
    with session_scope(app) as session:
        doc = importing.create_from_pairs(session, make_pairs(450), title="Grand",
                                          source_lang="en", target_lang="fr", author="t")
        return doc.slug


def rows(response):
    return ROW.findall(response.get_data(as_text=True))


def more_url(response):
    found = re.search(r'id="more-units"[^>]*hx-get="([^"]+)"', response.get_data(as_text=True))
    return found and found.group(1).replace("&amp;", "&")


def test_the_page_comes_in_windows_of_rows(client, big):
    first = client.get(f"/documents/{big}")
    assert rows(first) == [f"u{k:05d}" for k in range(1, vm.PAGE + 1)]
    nxt = more_url(first)
    assert nxt.endswith(f"offset={vm.PAGE}")
    second = client.get(nxt, headers=MORE)
    assert "<html" not in second.get_data(as_text=True)
    assert rows(second) == [f"u{k:05d}" for k in range(vm.PAGE + 1, 2 * vm.PAGE + 1)]
    last = client.get(more_url(second), headers=MORE)
    assert rows(last) == [f"u{k:05d}" for k in range(2 * vm.PAGE + 1, 451)]
    assert more_url(last) is None


def test_the_window_reaches_the_row_being_edited(client, big):
    page = client.get(f"/documents/{big}?edit=u00330").get_data(as_text=True)
    assert 'id="unit-u00330"' in page and "<textarea" in page
    assert len(ROW.findall(page)) == 330 + vm.PAGE // 2 - 1  # the editor is not a plain row
    filtered = client.get(f"/documents/{big}?q=meeting&edit=u00331")  # ÉTAT 330: no meeting
    assert "<textarea" not in filtered.get_data(as_text=True)
    assert "u00331" not in rows(filtered) and "u00334" in rows(filtered)


def python_filter(units, flt):
    """The filters as the page applied them before they went to the database."""
    out = []
    for u in units:
        if flt.state and u.state != flt.state:
            continue
        if flt.category and not any(f.category == flt.category for f in u.findings):
            continue
        if flt.query:
            text = {"reference": u.reference, "target": u.target}.get(
                flt.side, u.reference + "\n" + u.target)
            pattern = flt.query if flt.regex else re.escape(flt.query)
            if not re.search(pattern, text, re.IGNORECASE):
                continue
        out.append(u.uid)
    return out


FILTERS = [
    review.UnitFilter(),
    review.UnitFilter(state="approved"),
    review.UnitFilter(state="edited"),
    review.UnitFilter(category="untranslated"),
    review.UnitFilter(query="meeting"),
    review.UnitFilter(query="MEETING", side="target"),
    review.UnitFilter(query="meeting", side="reference"),
    review.UnitFilter(query="état"),                 # finds ÉTAT: case folding beyond ASCII
    review.UnitFilter(query="sentence number 1", side="reference"),
    review.UnitFilter(query="0 %"),                  # % and _ are literal, not wildcards
    review.UnitFilter(query="le_jeu"),
    review.UnitFilter(query="_"),
    review.UnitFilter(query=r"num\w+ 4\d\b", regex=True),
    review.UnitFilter(query=r"^sentence", regex=True, side="reference"),
    review.UnitFilter(query=r"text\.\nPhrase", regex=True),  # both sides, joined by \n
    review.UnitFilter(query=r"meet", regex=True, state="edited", category="untranslated"),
    review.UnitFilter(query="réunion", state="approved"),
]


def test_database_filters_give_what_the_python_filters_gave(app, big, monkeypatch):
    monkeypatch.setattr(review, "REGEX_CHUNK", 7)  # a regex reads the document in many chunks
    with session_scope(app) as session:
        doc = documents.get_document(session, big)
        units = doc.units
        for unit in units[::4]:
            documents.approve(session, unit, author="t", base_version=unit.version)
        for unit in units[1::9]:
            documents.save_target(session, unit, unit.target + " Bon.", author="t",
                                  base_version=unit.version)
        for flt in FILTERS:
            expected = python_filter(units, flt)
            assert [u.uid for u in review.filtered_units(session, doc, flt)] == expected, flt
            page = review.filtered_units(session, doc, flt, offset=5, limit=11)
            assert [u.uid for u in page] == expected[5:16], flt
            for uid in expected[:3] + expected[-2:]:
                assert review.filtered_index(session, doc, flt, uid) == expected.index(uid)
            assert review.filtered_index(session, doc, flt, "u99999") is None


def test_a_bad_regex_is_a_message_not_an_error(client, big):
    page = client.get(f"/documents/{big}?q=%5Bz-a%5D&regex=1", headers=UNITS_BODY)
    assert page.status_code == 200 and "error-box" in page.get_data(as_text=True)


def counters_on_page(client, slug):
    page = client.get(f"/documents/{slug}").get_data(as_text=True)
    found = dict((name, int(n)) for n, name in re.findall(
        r"<b>(\d+)</b> (segments|flagged|edited|approved)", page))
    quality = float(re.search(r"quality <b>([\d.]+)</b>", page).group(1))
    return found, quality


def counted_in_python(app, slug):
    """The counters and quality score from the units themselves."""
    from app.core.quality import count_words, mqm_score

    with session_scope(app) as session:
        units = documents.get_document(session, slug).units
        counts = {"segments": len(units), "flagged": sum(bool(u.findings) for u in units),
                  "edited": sum(u.state == "edited" for u in units),
                  "approved": sum(u.state == "approved" for u in units)}
        score = mqm_score([f for u in units for f in u.findings],
                          count_words([u.target for u in units]))
        return counts, score.score


def test_counters_follow_saves_and_alignment_changes(app, client, big):
    assert counters_on_page(client, big) == counted_in_python(app, big)
    with session_scope(app) as session:
        assert stats.last_operation_id(session, documents.get_document(session, big).id) == 0
    with session_scope(app) as session:
        doc = documents.get_document(session, big)
        first, second, third = doc.units[0], doc.units[1], doc.units[3]
        documents.save_target(session, first, "Bonjour.", author="t",
                              base_version=first.version)
        documents.approve(session, second, author="t", base_version=second.version)
        documents.save_target(session, third, "Phrase numéro 3 sans rien.", author="t",
                              base_version=third.version)
    after, _ = counters_on_page(client, big)
    assert after["edited"] == 2 and after["approved"] == 1
    assert (after, _) == counted_in_python(app, big)
    with session_scope(app) as session:  # an alignment change makes the stored totals stale
        doc = documents.get_document(session, big)
        alignment.merge_with_next(session, doc.units[5], author="t")
    merged = counters_on_page(client, big)
    assert merged[0]["segments"] == 449
    assert merged == counted_in_python(app, big)
    with session_scope(app) as session:
        doc = documents.get_document(session, big)
        assert stats.totals(session, doc.id) == stats.compute(session, doc.id)
        assert documents.progress(session)[doc.id] == merged[0]


def test_the_document_list_counts_every_document(app, client, big):
    with session_scope(app) as session:
        importing.create_from_pairs(session, make_pairs(12), title="Petit", source_lang="en",
                                    target_lang="fr", author="t")
    client.get(f"/documents/{big}")  # stores the totals of one document only
    page = client.get("/").get_data(as_text=True)
    with session_scope(app) as session:
        for doc in documents.list_documents(session):
            counts = documents.progress(session)[doc.id]
            assert counts == {name: stats.compute(session, doc.id)[name]
                              for name in ("segments", "flagged", "edited", "approved")}
            assert doc.title in page
    assert "<td class=\"n\">450</td>" in page and "<td class=\"n\">12</td>" in page
