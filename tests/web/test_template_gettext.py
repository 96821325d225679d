"""The templates' `_()` (app/web/i18n.py) does what Jinja's newstyle gettext does: the text
is always a format string (%% is %), marked safe under autoescape, its values escaped. A
text with no value and no % is answered without formatting: the same text."""
import pytest
from flask import render_template_string


@pytest.mark.parametrize("source, expected", [
    ("{{ _('Edit') }}", "Edit"),
    ("{{ _('a <b>bold</b> word') }}", "a <b>bold</b> word"),
    ("{{ _('100%% sure') }}", "100% sure"),
    ("{{ _('%(who)s <b>said</b>', who='<x>') }}", "&lt;x&gt; <b>said</b>"),
    ("{{ gettext('50%% of %(n)s', n=4) }}", "50% of 4"),
    ("{% autoescape false %}{{ _('a <b>') }} {{ _('1%% <i>') }}{% endautoescape %}",
     "a <b> 1% <i>"),
    ("{% autoescape false %}{{ _('%(who)s', who='<x>') }}{% endautoescape %}", "<x>"),
])
def test_a_template_s_gettext_formats_as_jinja_s_newstyle_gettext(app, source, expected):
    with app.test_request_context("/"):
        assert render_template_string(source) == expected
