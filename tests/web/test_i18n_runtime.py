"""The interface's language and time zone at run time (issue 19): chosen from the user's
setting, else the browser's Accept-Language, else English; `<html lang>` follows; the time
zone is the user's (a bad one refused, nothing saved); dates, times and numbers formatted by
Babel for the language, in the user's zone."""
import gettext
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.store import accounts, documents, session_scope
from app.web import i18n
from tests.web.conftest import HX, login
from tests.web.test_review import unit_with

NNBSP, NBSP = "\u202f", "\u00a0"


def lang_of(page):
    return re.search(r'<html lang="([^"]+)">', page).group(1)


def settings_of(app, username):
    with session_scope(app) as session:
        user = accounts.find_user(session, username)
        return user.locale, user.time_zone


def save_preferences(client, locale="", time_zone="UTC"):
    return client.post("/preferences", data={"locale": locale, "time_zone": time_zone})


def test_no_accept_language_gives_english(app):
    page = app.test_client().get("/login").get_data(as_text=True)
    assert lang_of(page) == "en"


@pytest.mark.parametrize("header, lang", [
    ("fr-CH, en;q=0.5", "fr"),     # a regional French first: French, not the exact "en"
    ("fr", "fr"),
    ("de, fr;q=0.8, en;q=0.5", "fr"),
    ("de, es;q=0.5", "en"),        # nothing we have: English
    ("en-GB, fr;q=0.9", "en"),
    ("fr;q=0, en;q=0.1", "en"),    # q=0: not acceptable
])
def test_the_browser_language_decides_for_a_visitor(app, header, lang):
    page = app.test_client().get("/login", headers={"Accept-Language": header})
    assert lang_of(page.get_data(as_text=True)) == lang
    assert "Accept-Language" in page.headers["Vary"]  # caches keep one page per language


def test_the_users_setting_beats_accept_language(app):
    client = login(app, "tina", role="translator")
    assert lang_of(client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)) == "en"
    assert save_preferences(client, "fr").status_code == 303
    assert settings_of(app, "tina") == ("fr", None)
    for header in ("en", "en-US, en;q=0.9", ""):
        page = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
        assert lang_of(page) == "fr"
    save_preferences(client, "en")
    page = client.get("/", headers={"Accept-Language": "fr-CH, fr"}).get_data(as_text=True)
    assert lang_of(page) == "en"
    save_preferences(client, "")  # back to the browser's
    assert settings_of(app, "tina") == (None, None)
    page = client.get("/", headers={"Accept-Language": "fr-CH, en;q=0.5"}).get_data(as_text=True)
    assert lang_of(page) == "fr"


def test_the_preferences_page_shows_and_keeps_the_choices(app):
    client = login(app, "tina", role="translator")
    answer = save_preferences(client, "fr", "Europe/Paris")
    assert answer.status_code == 303 and answer.headers["Location"].endswith("saved=1")
    assert settings_of(app, "tina") == ("fr", "Europe/Paris")
    page = client.get("/preferences?saved=1").get_data(as_text=True)
    assert '<option value="fr" lang="fr" selected>Français</option>' in page
    assert "<option selected>Europe/Paris</option>" in page
    assert 'role="status"' in page
    for value in ("on", "modifier", "off"):  # the shortcut setting stays (keys.js keeps it)
        assert f'name="shortcuts" value="{value}"' in page


@pytest.mark.parametrize("locale, zone, named", [
    ("fr", "Mars/Olympus_Mons", "Unknown time zone “Mars/Olympus_Mons”"),
    ("fr", "Europe/paris", "Unknown time zone “Europe/paris”"),       # names are exact
    ("fr", "posix/Europe/Paris", "Unknown time zone “posix/Europe/Paris”"),
    ("fr", "../../etc/passwd", "Unknown time zone “../../etc/passwd”"),
    ("klingon", "Europe/Paris", "Unknown interface language “klingon”"),
])
def test_a_bad_language_or_time_zone_is_refused_and_nothing_saved(app, locale, zone, named):
    client = login(app, "tina", role="translator")
    save_preferences(client, "en", "America/Montreal")
    answer = save_preferences(client, locale, zone)
    body = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert named in body and "Nothing was saved." in body and "Traceback" not in body
    assert settings_of(app, "tina") == ("en", "America/Montreal")


def test_preferences_are_not_saved_without_the_csrf_token(app):
    client = login(app, "tina", role="translator")
    app.config["WTF_CSRF_ENABLED"] = True
    answer = client.post("/preferences", data={"locale": "fr", "time_zone": "Europe/Paris"})
    assert answer.status_code == 400
    assert settings_of(app, "tina") == (None, None)


def test_a_store_refuses_an_unknown_zone_too(app):
    with session_scope(app) as session:
        user = accounts.create_user(session, "zed", "a long password 1")
        with pytest.raises(accounts.AccountError, match="Unknown time zone 'Moon/Base'"):
            accounts.set_interface(session, user, "fr", "Moon/Base", i18n.LOCALES)
        assert (user.locale, user.time_zone) == (None, None)


def _edit_members(app):
    """(unit id, version, its text with one word edited, document slug)."""
    unit_id, version, target, slug = unit_with(app, "members")
    return unit_id, version, target.replace("members", "membres"), slug


def _date_last_revision(app, unit_id, moment):
    with session_scope(app) as session:
        documents.get_unit(session, unit_id).revisions[-1].created_at = moment


LATE = datetime(2026, 12, 3, 23, 30, tzinfo=timezone.utc)  # already Dec 4 in Paris


def test_history_times_are_in_the_users_zone_and_language(app):
    client = login(app, "ana", role="admin")  # admins open every document
    unit_id, version, text, _ = _edit_members(app)
    client.post(f"/units/{unit_id}", headers=HX, data={"text": text, "version": version})
    _date_last_revision(app, unit_id, LATE)
    history = client.get(f"/units/{unit_id}/history", headers=HX).get_data(as_text=True)
    assert "Dec 3, 2026, 11:30" in history and "PM" in history  # English, UTC (no setting)
    save_preferences(client, "fr", "Europe/Paris")
    history = client.get(f"/units/{unit_id}/history", headers=HX).get_data(as_text=True)
    assert "4 déc. 2026, 00:30" in history
    save_preferences(client, "fr", "America/Montreal")  # UTC-5 in December
    history = client.get(f"/units/{unit_id}/history", headers=HX).get_data(as_text=True)
    assert "3 déc. 2026, 18:30" in history


def test_the_changes_page_in_french_formats_effort_and_dates(app):
    client = login(app, "ana", role="admin")
    unit_id, version, text, slug = _edit_members(app)
    client.post(f"/units/{unit_id}", headers=HX, data={"text": text, "version": version})
    _date_last_revision(app, unit_id, LATE)
    save_preferences(client, "fr", "Europe/Paris")
    page = client.get(f"/documents/{slug}/changes").get_data(as_text=True)
    assert lang_of(page) == "fr"
    assert "4 déc. 2026, 00:30" in page
    efforts = re.findall(r'<td class="n"[^>]*>([^<]+)</td>', page)
    assert efforts and all(re.fullmatch(r"\d+,\d", e) for e in efforts), efforts
    ticks = re.findall(r'class="tick"[^>]*text-anchor="end">([^<]+)</text>', page)
    assert len(ticks) == 5 and not any("." in t for t in ticks), ticks
    # the date filter is a day in the user's zone: Dec 4 (Paris) takes the 00:30 revision in
    assert f'id="change-' in client.get(f"/documents/{slug}/changes?since=2026-12-04").get_data(as_text=True)
    save_preferences(client, "fr", "America/Montreal")  # there it was still Dec 3
    later = client.get(f"/documents/{slug}/changes?since=2026-12-04").get_data(as_text=True)
    assert 'id="change-' not in later


@pytest.mark.parametrize("header, expected", [
    ("fr", {"number": f"12{NNBSP}345", "decimal1": "2,5", "percent": f"50{NBSP}%"}),
    ("en", {"number": "12,345", "decimal1": "2.5", "percent": "50%"}),
])
def test_numbers_are_formatted_for_the_language(app, header, expected):
    with app.test_request_context("/", headers={"Accept-Language": header}):
        assert i18n.number(12345) == expected["number"]
        assert i18n.decimal1(2.5) == expected["decimal1"]
        assert i18n.percent(0.5) == expected["percent"]
        assert i18n.day(datetime(2026, 12, 3, 12, 0)) == {"fr": "3 déc. 2026",
                                                           "en": "Dec 3, 2026"}[header]


def test_counters_of_the_document_list_use_the_french_grouping(app):
    client = login(app, "ana", role="admin")
    save_preferences(client, "fr")
    page = client.get("/").get_data(as_text=True)
    counts = re.findall(r'<td class="n">([^<]+)</td>', page)
    assert counts and all(re.fullmatch(r"[\d\u202f]+", c) for c in counts), counts


COMPILED = Path(i18n.CATALOGS) / "fr" / "LC_MESSAGES" / "messages.mo"


def test_french_labels_when_the_catalog_is_compiled(app):
    """The page's title in French when 19c's catalog has it (read with the stdlib's gettext)."""
    if not COMPILED.exists():
        pytest.skip(f"{COMPILED} is not compiled (make install compiles the catalogs): "
                    "the French labels are checked with it")
    with COMPILED.open("rb") as mo:
        french = gettext.GNUTranslations(mo).gettext("Preferences")
    if french == "Preferences":
        pytest.skip("the French catalog does not translate 'Preferences' yet")
    client = login(app, "tina", role="translator")
    save_preferences(client, "fr")
    page = client.get("/preferences").get_data(as_text=True)
    assert f"<h1>{french}</h1>" in page and "<h1>Preferences</h1>" not in page


def test_every_page_renders_for_a_french_user(app):
    """Each page and partial renders in French (with whatever catalog is compiled) and says
    lang="fr": a template whose marked string or placeholder is broken fails here."""
    client = login(app, "ana", role="admin")
    save_preferences(client, "fr", "Europe/Paris")
    unit_id, version, text, slug = _edit_members(app)
    client.post(f"/units/{unit_id}", headers=HX, data={"text": text, "version": version})
    pages = ["/", "/?archived=1", "/preferences", "/documents/new", f"/documents/{slug}",
             f"/documents/{slug}/changes", f"/documents/{slug}/glossary",
             f"/documents/{slug}/settings", "/glossary", "/users"]
    for url in pages:
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert lang_of(answer.get_data(as_text=True)) == "fr", url
    for url in (f"/units/{unit_id}/edit", f"/units/{unit_id}/history", f"/units/{unit_id}"):
        assert client.get(url, headers=HX).status_code == 200, url
