"""The template context of app/web/i18n.py (_Context): a template's `_`, `gettext` and
`ngettext` called straight give what Jinja's own Context.call gives (issue 14)."""
import pathlib

import pytest
from jinja2 import pass_context
from jinja2.runtime import Context

from app.web import i18n
from tests.web.conftest import make_app

TEMPLATE = (
    '{% for n in [1, 2] %}{{ _("Segment %(number)s approved.", number=n) }}'
    '{{ _(kind) }}{{ ngettext("%(num)s segment", "%(num)s segments", n) }}{% endfor %}'
    '{{ _("Edit") }}|{{ gettext("Replace “%(old)s” with “%(new)s” (S)", old=old, new="&") }}'
    '|{{ ngettext("<b>%(num)s</b> flagged", "<b>%(num)s</b> flagged", 3, num="3 000") }}'
    '|{{ seen() }}{% for m in [7] %}{{ seen() }}{% endfor %}')


@pass_context
def seen(context):
    """Another pass_context callable (Jinja's Context.call gives it the context)."""
    return f"m={context.get('m')}"


@pytest.fixture()
def app(tmp_path: pathlib.Path):
    return make_app(tmp_path)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_straight_calls_give_what_jinjas_context_gives(app, lang):
    assert app.jinja_env.context_class is i18n._Context
    values = dict(kind="minor", old="<i>a</i> & 'b'", seen=seen)
    with app.test_request_context("/", headers={"Accept-Language": lang}):
        fast = app.jinja_env.from_string(TEMPLATE).render(**values)
        app.jinja_env.context_class = Context
        try:
            slow = app.jinja_env.from_string(TEMPLATE).render(**values)
        finally:
            app.jinja_env.context_class = i18n._Context
    assert fast == slow
    assert "&lt;i&gt;a&lt;/i&gt; &amp; &#39;b&#39;" in fast and "<b>3 000</b>" in fast
    assert ("Modifier" if lang == "fr" else "Edit|") in fast


def test_a_template_own_underscore_is_called_as_jinja_calls_it(app):
    with app.test_request_context("/"):
        out = app.jinja_env.from_string(
            "{% set _ = upper %}{{ _('edit') }}").render(upper=lambda s: s.upper())
    assert out == "EDIT"
