"""The Preferences page (issue 18 item 8): any signed-in user opens it, a visitor is sent to
sign in; every page names the user for keys.js (the shortcut setting is kept per user)."""
from tests.web.conftest import login


def test_a_translator_sees_the_three_shortcut_settings(app):
    client = login(app, "tina", role="translator")
    page = client.get("/preferences").get_data(as_text=True)
    assert "<h1>Preferences</h1>" in page
    for value in ("on", "modifier", "off"):
        assert f'name="shortcuts" value="{value}"' in page
    assert 'data-user="tina"' in page
    assert 'href="/preferences"' in client.get("/").get_data(as_text=True)


def test_a_visitor_is_sent_to_sign_in(app):
    response = app.test_client().get("/preferences")
    assert response.status_code in (302, 303)
    assert "/login" in response.headers["Location"]
    assert 'href="/preferences"' not in app.test_client().get("/login").get_data(as_text=True)
