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
