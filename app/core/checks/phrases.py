"""Known phrases: spinner and machine-translation leftovers from editable lists.

spinner-phrase
    A phrase of ``app/core/data/phrases/<source>-<target>.tsv`` (source-language phrases
    that spinners and MT leave behind, "state of affairs" -> "situation") found in the
    target, on word boundaries and case-insensitively; the suggestion is the listed
    replacement (capitalised like the span). An untranslated-words finding whose span
    contains the phrase supersedes it (that finding carries the same suggestion), so this
    check adds the phrases that the word check misses.

calque
    A phrase of ``app/core/data/phrases/<target>.tsv``: target-language calques of the
    source that read as machine output ("faire du sens" -> "avoir du sens").
"""
from __future__ import annotations

import re
from functools import lru_cache

from app.core.checks import wordlists
from app.core.checks.base import Check, Context, Hit, Languages
from app.core.messages import N_, Text


@lru_cache(maxsize=None)
def _matcher(table_key: tuple[str, ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    kind, *langs = table_key
    if kind == "pair":
        table = wordlists.known_phrases(*langs)
    else:
        table = wordlists.target_phrases(langs[0])
    if not table:
        return None, {}
    alternatives = sorted(table, key=len, reverse=True)
    body = "|".join(r"[\s\u00a0\u202f]+".join(re.escape(w).replace("'", "['\u2019]")
                                              for w in phrase.split())
                    for phrase in alternatives)
    return re.compile(r"(?<![^\W_])(?:" + body + r")(?![^\W_])", re.IGNORECASE), table


def _hits(target: str, key: tuple[str, ...], message: str) -> list[Hit]:
    pattern, table = _matcher(key)
    if pattern is None:
        return []
    hits = []
    for m in pattern.finditer(target):
        text = m.group(0)
        replacement = table.get(" ".join(text.lower().replace("\u2019", "'").split()))
        if replacement and text[0].isupper():
            replacement = replacement[0].upper() + replacement[1:]
        hits.append(Hit(m.start(), m.end(), Text(message, text=text), replacement))
    return hits


def find_spinner_phrase(reference: str, target: str, lang: Languages, context: Context):
    """Known source-language spinner/MT phrases left in the target."""
    if lang.source_base == lang.target_base:
        return []
    return _hits(target, ("pair", lang.source_base, lang.target_base),
                 N_("Known machine-translation leftover: “%(text)s”."))


def find_calque(reference: str, target: str, lang: Languages, context: Context):
    """Known target-language calques."""
    return _hits(target, ("target", lang.target_base),
                 N_("“%(text)s” is a calque that reads as machine output."))


SPINNER_PHRASE = Check("spinner-phrase", "untranslated", "major", find_spinner_phrase,
                       "Known spinner and MT phrases left in the source language.")
CALQUE = Check("calque", "mistranslation", "minor", find_calque,
               "Known calques of the source language in the target.")
