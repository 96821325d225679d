"""app.core.cldr answers from Babel's CLDR data without keeping that data loaded (issue 17:
`check`'s peak memory): Babel's caches hold after a lookup what they held before it."""
from babel import core as babel_core
from babel import localedata

from app.core import cldr


def _babel_caches():
    return (set(localedata._cache), set(getattr(localedata, "_dict_cache", {})),
            babel_core._global_data is not None)


def test_lookups_let_go_of_the_data_babel_loads_for_them():
    for memoised in (cldr.number_symbols, cldr.language_name, cldr.right_to_left,
                     cldr.gettext_plural_forms):
        memoised.cache_clear()
    localedata.clear_caches()
    babel_core._global_data = None
    before = _babel_caches()
    assert cldr.number_symbols("fr") == (",", "\u202f")
    assert cldr.language_name("de", "fr") == "allemand"
    assert cldr.right_to_left("he")
    assert cldr.gettext_plural_forms("fr").startswith("nplurals=2;")
    assert _babel_caches() == before


def test_data_loaded_before_a_lookup_stays_loaded():
    localedata.clear_caches()
    localedata.get_locale_data("fr")
    before = _babel_caches()
    cldr.number_symbols.cache_clear()
    assert cldr.number_symbols("fr") == (",", "\u202f")
    assert _babel_caches() == before
    assert "fr" in localedata._cache
