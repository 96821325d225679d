"""Bulk approve and revert carry the version of each selected unit that the reviewer saw on
the changes page: a unit changed since then is skipped (never approved or reverted unseen),
and the answer says how many were skipped and why."""
import re

from sqlalchemy import select

from app.store import review, session_scope
from app.store.models import Unit
from tests.web.conftest import HX, login
from tests.web.test_review import unit_with

SKIPPED = "skipped: changed since you loaded the page"


def edit(client, app, word, new):
    unit_id, version, target, slug = unit_with(app, word)
    response = client.post(f"/units/{unit_id}", headers=HX,
                           data={"text": target.replace(word, new), "version": version})
    assert response.status_code == 200
    return unit_id, slug


def boxes(page):
    """{unit id: version} of the changes page's checkboxes."""
    return {int(i): int(v) for i, v in re.findall(r'name="unit" value="(\d+):(\d+)"', page)}


def state(app, unit_id):
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        return unit.state, unit.target, unit.version


def test_bulk_approve_skips_a_unit_changed_since_the_page_was_loaded(app, client):
    first, slug = edit(client, app, "members", "membres")
    second, _ = edit(client, app, "level", "niveau")
    third, _ = edit(client, app, "fake", "faux")
    shown = boxes(client.get(f"/documents/{slug}/changes").get_data(as_text=True))
    assert set(shown) == {first, second, third}
    other = login(app, "colleague", role="admin")  # saves while the reviewer reads
    _, target, version = state(app, second)
    assert other.post(f"/units/{second}", headers=HX, data={
        "text": target + " Ajouté.", "version": version}).status_code == 200
    response = client.post(f"/documents/{slug}/bulk", headers=HX, data={
        "action": "approve", "unit": [f"{i}:{v}" for i, v in shown.items()]})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"2 approved, 1 {SKIPPED}" in body
    assert state(app, first)[0] == state(app, third)[0] == "approved"
    assert state(app, second)[:2] == ("edited", target + " Ajouté.")  # not approved unseen
    assert boxes(body)[second] == version + 1  # the list shows it as it is now


def test_bulk_revert_skips_too_and_says_so_when_nothing_was_done(app, client):
    unit_id, slug = edit(client, app, "members", "membres")
    shown = boxes(client.get(f"/documents/{slug}/changes").get_data(as_text=True))
    _, target, version = state(app, unit_id)
    assert client.post(f"/units/{unit_id}", headers=HX, data={
        "text": target + " Encore.", "version": version}).status_code == 200
    response = client.post(f"/documents/{slug}/bulk", headers=HX, data={
        "action": "revert", "unit": [f"{i}:{v}" for i, v in shown.items()]})
    assert response.status_code == 200
    assert f"0 reverted to MT, 1 {SKIPPED}" in response.get_data(as_text=True)
    assert state(app, unit_id)[1] == target + " Encore."
    assert "Approved" not in client.get(f"/documents/{slug}/changes").get_data(as_text=True)


def test_a_selection_without_its_version_is_refused(app, client):
    unit_id, slug = edit(client, app, "members", "membres")
    for value in (str(unit_id), f"{unit_id}:x", f"{unit_id}:99999999999999999999"):
        response = client.post(f"/documents/{slug}/bulk", headers=HX,
                               data={"action": "approve", "unit": [value]})
        assert response.status_code == 400, value
        assert "must be" in response.get_data(as_text=True)
    assert state(app, unit_id)[0] == "edited"


def test_store_bulk_result_counts_changed_and_skipped(app):
    with session_scope(app) as session:
        doc = session.scalars(select(Unit)).first().document
        units = doc.units[:3]
        seen = {u.id: u.version for u in units}
        seen[units[1].id] -= 1  # the reviewer saw an older version of this one
        result = review.bulk_approve(session, doc, units, author="r", seen=seen)
        assert (result.changed, result.skipped) == (2, 1)
        assert [u.state for u in units] == ["approved", "mt", "approved"]
        result = review.bulk_approve(session, doc, [units[1]], author="r", seen=seen)
        assert (result.operation, result.changed, result.skipped) == (None, 0, 1)
