"""tokens.py's test of whether a text may hold a URL, a domain, an e-mail address, a handle
or a hashtag (issue 14: long segments of prose with colons and "...") lets through every
text where _NOT_PROSE finds something: the protected spans are those of the whole scan."""
import pytest

from app.core import tokens

TEXTS = [
    "See https://example.org/a.html: it explains why.",
    "Write to jane.doe+news@example.co.uk or to @jane_doe, #release.",
    "Open WWW.Example.COM or www.Example.org/path, then ftp://host.",
    "The site example.com and docs.python.org/3/ are down; so is x.io.",
    "He said: « Wait... » and left. The 3.5 release, v.2, Mr. Smith. Done.",
    "Candide replied: I have seen it all... (and worse).",
    "a.b A.B a. .b www. WwW.x",
    "",
    ".",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_protected_spans_are_those_of_a_whole_scan(text, monkeypatch):
    fast = tokens._protected_spans.__wrapped__(text)
    monkeypatch.setattr(tokens, "_may_hold_not_prose", lambda text: True)
    assert fast == tokens._protected_spans.__wrapped__(text)


def test_prose_with_colons_and_ellipses_is_not_scanned():
    assert not tokens._may_hold_not_prose("He said: « Wait... » and left (3.5 km).")
    assert tokens._may_hold_not_prose("see example.org")
    assert tokens._may_hold_not_prose("see WWW.EXAMPLE.ORG")
