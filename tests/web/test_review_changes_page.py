"""The changes page through the Flask client (issue 18, item 5): text changes counted apart
from approvals, effort in word edits per 100 words everywhere, a labelled chart, the date
filter in ISO 8601 with a clear message for a bad date."""
import re

from tests.web.conftest import HX
from tests.web.test_review import unit_with


def _edit_and_approve(app, client):
    """Edit one unit ('members' -> 'membres': 1 edit) and approve another as it is."""
    unit_id, version, target, slug = unit_with(app, "members")
    client.post(f"/units/{unit_id}", headers=HX,
                data={"text": target.replace("members", "membres"), "version": version})
    other_id, other_version, _, _ = unit_with(app, "level")
    client.post(f"/units/{other_id}/approve", headers=HX, data={"version": other_version})
    return slug


def test_approvals_are_listed_apart_and_not_counted_as_changes(app, client):
    slug = _edit_and_approve(app, client)
    page = client.get(f"/documents/{slug}/changes").get_data(as_text=True)
    assert "<b>1 segment</b> changed (their text)" in page
    assert "<b>1</b> approved without change" in page
    assert "Approved without change (1)" in page
    changed = page.split("Approved without change (1)")[0]
    assert changed.count('<tr id="change-') == 1
    assert page.count('<tr id="approved-') == 1


def test_effort_is_in_edits_per_100_words_in_header_rows_and_chart(app, client):
    slug = _edit_and_approve(app, client)
    page = client.get(f"/documents/{slug}/changes").get_data(as_text=True)
    header = re.search(r"effort <b>([\d.]+)</b> word edits per 100 words", page)
    row = re.search(r'title="word edits per 100 words of the final text">([\d.]+)</td>', page)
    bar = re.search(r"<title>Segment \d+: ([\d.]+) word edits per 100 words</title>", page)
    assert header and row and bar
    assert row.group(1) == bar.group(1) and 1 <= float(row.group(1)) <= 100
    assert 0 < float(header.group(1)) < float(row.group(1))  # one edit, spread over the text


def test_chart_has_axes_titles_ticks_and_a_description(app, client):
    slug = _edit_and_approve(app, client)
    page = client.get(f"/documents/{slug}/changes").get_data(as_text=True)
    svg = re.search(r"<svg class=\"chart\".*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="chart-title"' in svg
    assert "<desc id=\"chart-desc\">Bars from segment 1 to segment" in svg
    assert "1 segment edited; the most, segment" in svg
    assert ">Segment</text>" in svg and ">Edits per 100 words</text>" in svg
    y_labels = re.findall(r'class="tick"[^>]*text-anchor="end">([^<]+)</text>', svg)
    assert y_labels[0] == "0" and len(y_labels) == 5
    assert re.findall(r'class="tick"[^>]*text-anchor="middle">([^<]+)</text>', svg)[0] == "1"
    assert svg.count('class="axis"') >= 2 and "<figcaption>" in page


def test_since_takes_an_iso_date_and_refuses_others_with_a_message(app, client):
    slug = _edit_and_approve(app, client)
    today = client.get(f"/documents/{slug}/changes?since=2000-01-31")
    assert today.status_code == 200 and '<tr id="change-' in today.get_data(as_text=True)
    assert 'placeholder="YYYY-MM-DD"' in today.get_data(as_text=True)
    future = client.get(f"/documents/{slug}/changes?since=2999-12-31").get_data(as_text=True)
    assert '<tr id="change-' not in future and "with these filters" in future
    for bad in ["12/03/2026", "2026-02-30", "2026-1-3", "yesterday", "<b>2026</b>"]:
        answer = client.get(f"/documents/{slug}/changes", query_string={"since": bad})
        body = answer.get_data(as_text=True)
        assert answer.status_code == 400 and "Traceback" not in body, bad
        assert "is not a date: write it as YYYY-MM-DD" in body and "<b>2026</b>" not in body
        assert '<tr id="change-' in body  # every date shown
    fragment = client.get(f"/documents/{slug}/changes?since=03.12.2026", headers=HX)
    assert fragment.status_code == 200 and 'role="alert"' in fragment.get_data(as_text=True)
