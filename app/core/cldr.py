"""CLDR data through Babel: the one module of app/core that imports babel.

Language profiles (issue 20: decimal and group symbols, language names) and the plural rules of
new PO headers (issue 19) read CLDR here; everything else asks this module.
"""
import re
from contextlib import contextmanager
from functools import lru_cache, wraps

from babel import Locale, UnknownLocaleError
from babel import core as babel_core
from babel import localedata
from babel.plural import to_gettext


def locale(code: str) -> Locale | None:
    """Babel's Locale for a language code ("fr", "pt-BR", "zh_Hant"); None when CLDR has none."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


@contextmanager
def _released():
    """Babel keeps every locale's data it loads, and its global data, for the rest of the
    process: 6.5 MB for fr, en and root, of which the answers of this module read a few
    strings. Inside this block, what Babel loads is let go at the end (what it had loaded
    before stays), so a process that only asks this module, as `check` does, does not keep
    it (issue 17: check's peak memory). Babel's private caches are only touched when they
    are as this was written for (babel 2.x: localedata._cache, core._global_data, and since
    2.19 localedata._dict_cache, the wrappers of the merged data it hands out: 2.7 MB for fr
    and en, kept when only _cache was emptied)."""
    cache, lock = getattr(localedata, "_cache", None), getattr(localedata, "_cache_lock", None)
    wrappers = getattr(localedata, "_dict_cache", {})
    if (not isinstance(cache, dict) or lock is None or not isinstance(wrappers, dict)
            or not hasattr(babel_core, "_global_data")):
        yield
        return
    with lock:
        loaded, wrapped = set(cache), set(wrappers)
        had_global = babel_core._global_data is not None
        try:
            yield
        finally:
            for name in set(cache) - loaded:
                del cache[name]
            for name in set(wrappers) - wrapped:
                wrappers.pop(name, None)
            if not had_global:
                babel_core._global_data = None


def _answer(function):
    """Memoise a lookup's answer (small), worked out with Babel's data let go after it."""
    @lru_cache(maxsize=None)
    @wraps(function)
    def memoised(*args):
        with _released():
            return function(*args)
    return memoised


@_answer
def number_symbols(code: str) -> tuple[str, str] | None:
    """(decimal, group) symbols of a language's default (Latin-digit) number format, from
    CLDR: ("," , "\u202f") for "fr", (".", "'") for "de-CH"; None when CLDR has no such
    locale."""
    found = locale(code)
    if found is None:
        return None
    symbols = found.number_symbols.get("latn", {})
    return symbols.get("decimal", "."), symbols.get("group", ",")


@_answer
def language_name(code: str, interface: str) -> str | None:
    """A language's name in the interface language as CLDR writes it inside a sentence
    ("German" in "en", "allemand" in "fr"); None when CLDR does not know the code."""
    found, shown_in = locale(code), locale(interface) or locale("en")
    if found is None:
        return None
    return found.get_display_name(shown_in) or None


def display_name(code: str, interface: str) -> str | None:
    """A language's name in the interface language, first letter upper-cased for a list
    ("German", "Allemand"); None when CLDR does not know the code."""
    name = language_name(code, interface)
    return name[:1].upper() + name[1:] if name else None


@_answer
def right_to_left(code: str) -> bool:
    """CLDR's character order for the language is right-to-left (ar, he, fa, ur)."""
    found = locale(code)
    return found is not None and found.text_direction == "rtl"


# CLDR's plural categories, in the order gettext numbers a language's forms.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# Integers that tell every CLDR category apart as gettext sees numbers (whole, written in
# digits): 0..1000 cover the rules on n, n % 10 and n % 100; the powers of ten and their
# multiples the rules on n % 1000000 (the "many" of French, Spanish, Italian, Catalan...).
PLURAL_SAMPLES = tuple(range(1001)) + tuple(k * 10 ** p for p in range(3, 10) for k in (1, 2, 5))


@_answer
def gettext_plural_forms(code: str) -> str | None:
    """CLDR's plural rule of a language as a PO header's Plural-Forms value, or None when CLDR
    has no such locale. gettext counts whole numbers only, so the categories no integer
    reaches are left out (Russian's "other" holds only fractions: nplurals=3), and so is a
    category that only multiples of a million reach (French's "many", which serves "1 million
    de fichiers"; gettext's manual and the existing catalogs of those languages have no such
    form). The operands a whole number lacks (fraction digits, the compact exponent) are 0."""
    found = locale(code)
    if found is None:
        return None
    rule = found.plural_form
    reached: dict[str, list[int]] = {}
    for n in PLURAL_SAMPLES:
        reached.setdefault(rule(n), []).append(n)
    kept = [tag for tag in PLURAL_CATEGORIES if tag in reached
            and not all(n and n % 1_000_000 == 0 for n in reached[tag])]
    # The last category kept is gettext's fallback form: to_gettext numbers it last.
    value = to_gettext({tag: rule.rules[tag] for tag in kept[:-1]})
    return re.sub(r"\b[cevwft]\b", "0", value)
