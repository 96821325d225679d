"""Regex search and replace through the Flask client: patterns that backtrack
exponentially in Python's ``re`` answer at once (RE2), refused constructs come back
as an error box naming them and their position (issue 15, item 2)."""
import html
import re

import pytest

from tests.web.conftest import HX
from tests.web.test_review import unit_with

UNITS_BODY = {**HX, "HX-Target": "units-body"}
PATHOLOGICAL = ["(a+)+$", "((a+))+$", "(a+b?)+$", "(a|aa)*b", "(.*a){12}x"]


def _put_target(client, app, text, word="level"):
    """Save `text` as the target of the first unit holding `word`; its document's slug."""
    unit_id, version, _, slug = unit_with(app, word)
    saved = client.post(f"/units/{unit_id}", headers=HX, data={"text": text, "version": version})
    assert saved.status_code == 200, saved.get_data(as_text=True)
    return slug


@pytest.mark.parametrize("pattern", PATHOLOGICAL)
def test_pathological_regex_filter_answers_normally(app, client, pattern):
    # Python's re took 26.8 s on 28 "a" and "!" with ((a+))+$; this text has 40.
    slug = _put_target(client, app, "a" * 40 + "!")
    response = client.get(f"/documents/{slug}", query_string={"q": pattern, "regex": "1"},
                          headers=UNITS_BODY)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "error-box" not in body
    assert "a" * 40 not in body  # the unit does not match (others may)


def test_pathological_replace_preview_answers_normally(app, client):
    slug = _put_target(client, app, "a" * 40 + "!")
    query = {"find": "(a+b?)+$", "replace": "x", "regex": "1"}
    preview = client.get(f"/documents/{slug}/replace", query_string=query, headers=HX)
    body = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Nothing matches" in body
    slug = _put_target(client, app, "a" * 40 + "b", word="a" * 40 + "!")
    body = client.get(f"/documents/{slug}/replace", query_string=query,
                      headers=HX).get_data(as_text=True)
    assert "<b>1 occurrence in 1 segment</b>" in body


def test_refused_regex_shows_what_and_where(app, client):
    *_, slug = unit_with(app, "level")
    rows = client.get(f"/documents/{slug}", query_string={"q": r"(l)e\1", "regex": "1"},
                      headers=UNITS_BODY)
    body = html.unescape(rows.get_data(as_text=True))
    assert rows.status_code == 200 and "error-box" in body
    assert "not supported at position 5: the backreference \\1" in body
    query = {"find": "level(?=s)", "replace": "x", "regex": "1"}
    preview = client.get(f"/documents/{slug}/replace", query_string=query, headers=HX)
    body = html.unescape(preview.get_data(as_text=True))
    assert "not supported at position 6: the lookahead (?=...)" in body
    done = client.post(f"/documents/{slug}/replace", headers=HX,
                       data={"find": "level(?=s)", "replace": "x", "regex": "1"})
    assert done.status_code == 422 and "lookahead" in done.get_data(as_text=True)


def test_replace_preview_with_groups_and_accents(app, client):
    slug = _put_target(client, app, "L’été 😀 dégagé, l’hiver.")
    query = {"find": r"\b(\w+) (?P<emoji>😀) (\w+)\b", "replace": r"\3 \g<emoji> \g<1>",
             "regex": "1"}
    body = client.get(f"/documents/{slug}/replace", query_string=query,
                      headers=HX).get_data(as_text=True)
    assert "<b>1 occurrence in 1 segment</b>" in body
    new = re.sub(r"<[^>]+>", "", re.sub(r"<del>.*?</del> → ", "", body))  # the new side
    assert "L’dégagé 😀 été, l’hiver." in html.unescape(new)
