"""CLDR data through Babel: the one module of app/core that imports babel.

Language profiles (issue 20: decimal and group symbols, language names) and the plural rules of
new PO headers (issue 19) read CLDR here; everything else asks this module.
"""
from functools import lru_cache

from babel import Locale, UnknownLocaleError


@lru_cache(maxsize=None)
def locale(code: str) -> Locale | None:
    """Babel's Locale for a language code ("fr", "pt-BR", "zh_Hant"); None when CLDR has none."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def number_symbols(code: str) -> tuple[str, str] | None:
    """(decimal, group) symbols of a language's default (Latin-digit) number format, from
    CLDR: ("," , "\u202f") for "fr", (".", "'") for "de-CH"; None when CLDR has no such
    locale."""
    found = locale(code)
    if found is None:
        return None
    symbols = found.number_symbols.get("latn", {})
    return symbols.get("decimal", "."), symbols.get("group", ",")


def display_name(code: str, interface: str) -> str | None:
    """A language's name in the interface language ("German" in "en", "allemand" in "fr"),
    first letter upper-cased; None when CLDR does not know the code."""
    found, shown_in = locale(code), locale(interface) or locale("en")
    if found is None:
        return None
    name = found.get_display_name(shown_in)
    return name[:1].upper() + name[1:] if name else None


def right_to_left(code: str) -> bool:
    """CLDR's character order for the language is right-to-left (ar, he, fa, ur)."""
    found = locale(code)
    return found is not None and found.text_direction == "rtl"
