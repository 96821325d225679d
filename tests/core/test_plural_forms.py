"""Plural-Forms of new PO headers for every language Babel knows (issue 19): gettext's
convention where it has one (French nplurals=2; plural=(n > 1), not CLDR's three forms),
CLDR's rule as gettext counts (whole numbers) elsewhere; every rule valid for our reader and
for msgfmt --check; a file's own header kept by a PO import.

Babel is the oracle here (tests may import it; the app reads it through app/core/cldr.py)."""
import subprocess

import pytest
from babel import Locale
from babel.localedata import locale_identifiers

from app.core import cldr, po
from app.core.plural import parse_plural_forms
from tests.conftest import require_tool

CATEGORY_ORDER = ("zero", "one", "two", "few", "many", "other")


def _cldr_classes(code):
    """CLDR's category of every sample integer, a category that only multiples of a million
    reach ("many" of French) counted as "other", as gettext's catalogs do."""
    rule = Locale.parse(code).plural_form
    got = {n: rule(n) for n in cldr.PLURAL_SAMPLES}
    millions = {tag for tag in set(got.values())
                if all(n and n % 1_000_000 == 0 for n, t in got.items() if t == tag)}
    return {n: "other" if tag in millions else tag for n, tag in got.items()}


def _distinct_rules():
    """One locale identifier per distinct CLDR rule (about fifty of Babel's thousand)."""
    seen = {}
    for code in locale_identifiers():
        rules = tuple(sorted(Locale.parse(code).plural_form.rules.items()))
        seen.setdefault(rules, code)
    return sorted(seen.values())


DISTINCT = _distinct_rules()


def test_babel_knows_many_more_rules_than_the_table():
    assert len(DISTINCT) > 30
    assert len(locale_identifiers()) > 500


@pytest.mark.parametrize("code", DISTINCT)
def test_cldrs_rule_as_gettext_counts(code):
    """Two whole numbers share a gettext form exactly when CLDR puts them in one category;
    the forms are numbered in CLDR's order (zero, one, two, few, many, other)."""
    value = cldr.gettext_plural_forms(code)
    nplurals, form = parse_plural_forms(value)   # valid as msgfmt --check reads it
    classes = _cldr_classes(code)
    tags = sorted(set(classes.values()), key=CATEGORY_ORDER.index)
    assert nplurals == len(tags)
    assert {n: form(n) for n in classes} == {n: tags.index(t) for n, t in classes.items()}


@pytest.mark.parametrize("language, expected", [
    # gettext's convention (its manual; Django's, GNOME's catalogs), not CLDR's 3 forms
    ("fr", "nplurals=2; plural=(n > 1);"),
    ("fr-CA", "nplurals=2; plural=(n > 1);"),
    ("fr_BE", "nplurals=2; plural=(n > 1);"),
    ("pt_BR", "nplurals=2; plural=(n > 1);"),
    ("pt", "nplurals=2; plural=(n != 1);"),   # gettext's pt is Portugal's rule
    ("es", "nplurals=2; plural=(n != 1);"),
    ("it", "nplurals=2; plural=(n != 1);"),
    ("de-AT", "nplurals=2; plural=(n != 1);"),
])
def test_gettexts_convention_wins(language, expected):
    assert po.plural_forms(language) == expected


# Languages outside the table, with the rule their gettext catalogs carry (GNOME, Debian,
# Weblate's gettext column): CLDR's rule gives the same form to every whole number.
CATALOG_RULES = {
    "ca": "nplurals=2; plural=(n != 1);",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || "
          "n%100>=20) ? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "ga": "nplurals=5; plural=n==1 ? 0 : n==2 ? 1 : (n>2 && n<7) ? 2 : (n>6 && n<11) ? 3 : 4;",
    "is": "nplurals=2; plural=(n%10!=1 || n%100==11);",
    "hr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "cy": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);",
    "th": "nplurals=1; plural=0;",
    "id": "nplurals=1; plural=0;",
    "hi": "nplurals=2; plural=(n > 1);",
    "be": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
}


@pytest.mark.parametrize("language", sorted(CATALOG_RULES))
def test_languages_outside_the_table_get_cldrs_rule(language):
    assert language not in po.PLURAL_FORMS
    value = po.plural_forms(language)
    nplurals, form = parse_plural_forms(value)
    expected_nplurals, expected = parse_plural_forms(CATALOG_RULES[language])
    assert nplurals == expected_nplurals
    assert [form(n) for n in cldr.PLURAL_SAMPLES] == [expected(n) for n in cldr.PLURAL_SAMPLES]


@pytest.mark.parametrize("language", sorted(po.PLURAL_FORMS))
def test_the_table_differs_from_cldr_only_for_portuguese(language):
    """The table spells gettext's rules as catalogs carry them; for whole numbers they are
    CLDR's, except "pt" (CLDR's "pt" is Brazil's rule, gettext's is Portugal's)."""
    ours = parse_plural_forms(po.PLURAL_FORMS[language])
    theirs = parse_plural_forms(cldr.gettext_plural_forms(language))
    same = ours[0] == theirs[0] and all(ours[1](n) == theirs[1](n) for n in cldr.PLURAL_SAMPLES)
    assert same == (language != "pt")


def test_unknown_languages_get_the_default():
    assert cldr.gettext_plural_forms("qq") is None
    assert po.plural_forms("qq") == po.DEFAULT_PLURAL_FORMS
    assert po.plural_forms("not a language") == po.DEFAULT_PLURAL_FORMS


def test_a_new_document_header_takes_cldrs_rule():
    text = po.render_po([po.PoUnit("u1", "One file", "Un ficheiro", False)], language="gl",
                        source_language="en", title="t", revision_date=_when())
    assert "Plural-Forms: nplurals=2; plural=" in text
    text = po.render_po([po.PoUnit("u1", "One file", "Jedan fajl", False)], language="bs",
                        source_language="en", title="t", revision_date=_when())
    header = po.parse_catalog(text.encode(), "t.po").header_value("Plural-Forms")
    assert header == po.plural_forms("bs") and header.startswith("nplurals=3;")


@pytest.mark.parametrize("code", DISTINCT)
def test_msgfmt_accepts_every_rule(code, tmp_path):
    require_tool("msgfmt", "gettext's verdict on the plural rules we write")
    value = po.plural_forms(code)
    nplurals = parse_plural_forms(value)[0]
    forms = "".join(f'msgstr[{i}] "f{i}"\n' for i in range(nplurals))
    path = tmp_path / "t.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    f'"Plural-Forms: {value}\\n"\n\nmsgid "a"\nmsgid_plural "as"\n' + forms,
                    encoding="utf-8")
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, (value, result.stderr)


def _when():
    from datetime import datetime, timezone
    return datetime(2026, 12, 3, 17, 0, tzinfo=timezone.utc)
