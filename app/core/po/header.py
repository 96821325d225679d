"""Header values: the Plural-Forms of a language (gettext's table, else CLDR's), and
`touch_header`, which records in a catalog's header who changed it, when and with what."""
from __future__ import annotations

import codecs
from dataclasses import replace
from datetime import datetime

from app.core import cldr
from app.core.po.model import CatalogEntry, PoCatalog, header_fields, nplurals
from app.core.po.writer import check_text

GENERATOR = "Translation Review Workbench"

# Plural-Forms header values as gettext's manual ("Plural forms") writes them and as existing
# catalogs (GNU projects, Django, Sphinx) carry them. They win over CLDR's rule (`plural_forms`):
# for "pt" gettext means Portugal's rule (n != 1) where CLDR's "pt" is Brazil's (n > 1); the
# others give the same form for every whole number, written the way translators know.
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5);",
    "cs": "nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);",
    "da": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "el": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "fi": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "hu": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "nl": "nplurals=2; plural=(n != 1);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) "
          "? 1 : 2);",
    "pt": "nplurals=2; plural=(n != 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "sv": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "zh": "nplurals=1; plural=0;",
}
# Fallback when neither the table nor CLDR knows the language: the most common rule.
DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

# Header fields in the order xgettext/msginit write them: a missing field is inserted
# after the nearest field before it in this list that the header has.
_HEADER_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date",
                 "PO-Revision-Date", "Last-Translator", "Language-Team", "Language",
                 "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms",
                 "X-Generator")


def plural_forms(language: str) -> str:
    """Plural-Forms value for a language code such as "fr", "pt_BR" or "fr-CA": gettext's
    (PLURAL_FORMS, the region's then the language's), else CLDR's for every language Babel
    knows, as gettext counts (cldr.gettext_plural_forms), else DEFAULT_PLURAL_FORMS."""
    code = language.replace("-", "_")
    return (PLURAL_FORMS.get(code) or PLURAL_FORMS.get(code.split("_")[0])
            or cldr.gettext_plural_forms(code) or DEFAULT_PLURAL_FORMS)


_plural_forms_of = plural_forms  # touch_header has an argument of that name


def stamp(when: datetime) -> str:
    """A header date ("2024-05-06 07:08+0200"); `when` must be timezone-aware."""
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("dates must be timezone-aware")
    return when.strftime("%Y-%m-%d %H:%M%z")


def touch_header(catalog: PoCatalog, *, revision_date: datetime,
                 last_translator: str | None = None, language: str | None = None,
                 plural_forms: str | None = None, generator: str | None = GENERATOR,
                 charset: str | None = "UTF-8") -> PoCatalog:
    """A copy of `catalog` whose header says who changed it, when, and with what.

    Fields that exist keep their place; missing ones are inserted in the usual order.
    `None` leaves a field as it is. `language` also sets Plural-Forms (`plural_forms`)
    when the header has none and `plural_forms` is not given.
    `charset` rewrites Content-Type (write_catalog encodes in the declared charset).
    A Plural-Forms whose nplurals disagrees with the plural entries is refused.
    """
    revised = stamp(revision_date)
    header = replace(catalog.header) if catalog.header else CatalogEntry(msgid="", flags=["fuzzy"])
    fields = header_fields(header.msgstr)
    updates = {"PO-Revision-Date": revised}
    if last_translator is not None:
        updates["Last-Translator"] = last_translator
    if language is not None:
        updates["Language"] = language
        if plural_forms is None and not any(k.lower() == "plural-forms" for k, _ in fields):
            plural_forms = _plural_forms_of(language)
    if plural_forms is not None:
        updates["Plural-Forms"] = plural_forms
        _check_nplurals(catalog, plural_forms)
    if generator is not None:
        updates["X-Generator"] = generator
    if charset is not None:
        codecs.lookup(charset)
        updates["Content-Type"] = f"text/plain; charset={charset}"
        updates.setdefault("MIME-Version", "1.0")
        updates.setdefault("Content-Transfer-Encoding", "8bit")
    for key, value in updates.items():
        check_text(key, value, newlines=False)
        _set_field(fields, key, value)
    # The header is rebuilt from its fields (lines that are not "Key: value" pairs go).
    header.msgstr = "".join(f"{k}: {v}\n" for k, v in fields)
    return replace(catalog, header=header, entries=list(catalog.entries),
                   obsolete=list(catalog.obsolete))


def _check_nplurals(catalog: PoCatalog, value: str) -> None:
    wanted = nplurals(value)
    if wanted is None:
        raise ValueError("plural_forms needs nplurals=N")
    for entry in catalog.entries:
        if entry.is_plural and len(entry.msgstr_plural) != wanted:
            raise ValueError(f"entry {entry.msgid!r} has {len(entry.msgstr_plural)} "
                             f"plural forms, the new Plural-Forms says {wanted}")


def _set_field(fields: list[tuple[str, str]], key: str, value: str) -> None:
    """Set `key` in place, or insert it after the nearest field before it in _HEADER_ORDER."""
    index = next((i for i, (k, _) in enumerate(fields) if k.lower() == key.lower()), None)
    if index is not None:
        fields[index] = (fields[index][0], value)
        return
    rank = _HEADER_ORDER.index(key) if key in _HEADER_ORDER else len(_HEADER_ORDER)
    after = -1
    for i, (k, _) in enumerate(fields):
        if k in _HEADER_ORDER[:rank]:
            after = i
    fields.insert(after + 1, (key, value))
