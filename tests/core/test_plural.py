"""Plural-Forms read by gettext's grammar, without eval: real rules accepted with gettext's
values, hostile and invalid ones refused with the reason; PO files refused at the header's
line; what msgfmt --check refuses, refused too."""
import subprocess

import pytest

from app.core import plural, po
from app.core.plural import PluralError, parse, parse_plural_forms
from tests.conftest import require_tool

# Real-world rules (gettext's manual, Django's and Sphinx's catalogs) and the forms they give.
REAL = {
    "fr": ("nplurals=2; plural=(n > 1);", {0: 0, 1: 0, 2: 1, 100: 1}),
    "ru": ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
           "(n%100<10 || n%100>=20) ? 1 : 2);", {1: 0, 2: 1, 5: 2, 11: 2, 21: 0, 22: 1, 112: 2}),
    "ar": ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
           ": n%100>=11 ? 4 : 5);", {0: 0, 1: 1, 2: 2, 3: 3, 11: 4, 100: 5, 102: 5}),
    "pl": ("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) "
           "? 1 : 2);", {1: 0, 2: 1, 5: 2, 12: 2, 22: 1}),
    "cs": ("nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;", {1: 0, 3: 1, 5: 2}),
    "ga": ("nplurals=5; plural=n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4;",
           {1: 0, 2: 1, 5: 2, 9: 3, 20: 4}),
    "ja": ("nplurals=1; plural=0;", {0: 0, 1: 0, 7: 0}),
}


@pytest.mark.parametrize("lang", sorted(REAL))
def test_real_rules_give_gettexts_forms(lang):
    value, expected = REAL[lang]
    nplurals, function = parse_plural_forms(value)
    assert nplurals == int(value.split("=")[1].split(";")[0])
    assert {n: function(n) for n in expected} == expected


def test_every_rule_the_writer_uses_is_valid():
    for value in list(po.PLURAL_FORMS.values()) + [po.DEFAULT_PLURAL_FORMS]:
        parse_plural_forms(value)


@pytest.mark.parametrize("value, reason", [
    ("nplurals=2; plural=(n**99999999**99);", "unexpected '*'"),
    ("nplurals=2; plural=__import__('os').system('id');", "unexpected '_'"),
    ("nplurals=2; plural=n.__class__;", "unexpected '.'"),
    ("nplurals=2; plural=-n;", "unexpected '-'"),
    ("nplurals=2; plural=(n != 1;", "expected ')'"),
    ("nplurals=2; plural=n > 1 ? 1;", "expected ':'"),
    ("nplurals=2; plural=;", "the expression is empty"),
    ("nplurals=2; plural=n 1;", "after a complete expression"),
    ("nplurals=2; plural=n/0;", "divides by zero for n = 0"),
    ("nplurals=2; plural=n%(n-n);", "divides by zero"),
    ("nplurals=2; plural=n-1;", "negative for n = 0"),
    ("nplurals=2; plural=n;", "nplurals=2 but the expression gives 2 for n = 2"),
    ("nplurals=1; plural=n>999;", "gives 1 for n = 1000"),
    ("nplurals=0; plural=0;", "not between 1"),
    ("nplurals=999999999999; plural=0;", "not between 1"),
    ("nplurals=; plural=0;", "no nplurals"),
    ("nplurals = 2; plural=n!=1;", "no nplurals"),
    ("nplurals=2; plural = n!=1;", "no plural="),
    ("nplurals=2;", "no plural="),
    ("nplurals=2; plural=" + "(" * 60 + "n" + ")" * 60 + ";", "deeper than"),
    ("nplurals=2; plural=" + "!" * 60 + "n;", "deeper than"),
    ("nplurals=2; plural=" + "+".join(["0"] * 200) + ";", "deeper than"),
    ("nplurals=2; plural=" + " " * 2000 + "0;", "longer than"),
])
def test_invalid_and_hostile_rules_are_refused_with_the_reason(value, reason):
    with pytest.raises(PluralError, match=None) as caught:
        parse_plural_forms(value)
    assert reason in str(caught.value)


def test_arithmetic_is_gettexts_unsigned_long():
    assert parse("n - 2 > 5")(1) == 1         # wraps, as in C
    assert parse("18446744073709551617 == n")(1) == 1
    assert parse("7 / 2 + 7 % 2 * 10")(0) == 13
    assert parse("n == 1 ? 0 : n == 2 ? 1 : 2")(2) == 1  # ?: is right-associative
    assert parse("0 || n && 0")(5) == 0 and parse("!n + 1")(0) == 2


def test_short_circuit_keeps_a_guarded_division_valid():
    parse_plural_forms("nplurals=2; plural=n != 0 && 10 / n > 2;")
    with pytest.raises(PluralError):
        parse_plural_forms("nplurals=2; plural=10 / n > 2 && n != 0;")


def _po(plural_forms):
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Plural-Forms: {plural_forms}\\n"\n\nmsgid "a file"\nmsgid_plural "files"\n'
            'msgstr[0] "un fichier"\nmsgstr[1] "fichiers"\n').encode()


@pytest.mark.parametrize("value", ["nplurals=2; plural=(n**99999999**99);",
                                   "nplurals=2; plural=__import__('os').getpid();",
                                   "nplurals=2; plural=n+1;"])
def test_a_po_file_with_an_invalid_rule_is_refused_at_the_headers_line(value):
    with pytest.raises(po.PoError) as caught:
        po.parse_catalog(b"msgid \"first\"\nmsgstr \"premier\"\n\n" + _po(value), "hostile.po")
    assert str(caught.value).startswith("hostile.po:4: the header's Plural-Forms: ")
    assert caught.value.line == 4


def test_a_stored_catalog_is_read_without_the_header_check():
    catalog = po.parse_catalog(_po("nplurals=2; plural=n+1;"), "old.po", check_header=False)
    assert catalog.nplurals == 2


@pytest.mark.parametrize("value", ["nplurals=2; plural=(n**2);", "nplurals=2; plural=n-1;",
                                   "nplurals=2; plural=n%0;", "nplurals=1; plural=n>999;",
                                   "nplurals=2; plural=(n != 1"])
def test_what_msgfmt_refuses_we_refuse(value, tmp_path):
    require_tool("msgfmt", "gettext's verdict on plural rules")
    path = tmp_path / "t.po"
    path.write_bytes(_po(value))
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                          capture_output=True).returncode != 0
    with pytest.raises(po.PoError):
        po.parse_catalog(path)


@pytest.mark.parametrize("lang", sorted(REAL))
def test_what_we_accept_msgfmt_accepts(lang, tmp_path):
    require_tool("msgfmt", "gettext's verdict on plural rules")
    value = REAL[lang][0]
    nplurals = parse_plural_forms(value)[0]
    forms = "".join(f'msgstr[{i}] "f{i}"\n' for i in range(nplurals))
    path = tmp_path / "t.po"
    path.write_bytes(('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                      f'"Plural-Forms: {value}\\n"\n\nmsgid "a"\nmsgid_plural "as"\n'
                      + forms).encode())
    po.write_catalog(path, po.parse_catalog(path))
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    assert "plural" not in result.stderr, result.stderr
