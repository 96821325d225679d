"""Suggestions for a source-language span: glossary, translation memory, phrase lists and an
optional system dictionary.

``suggestions(text, source_lang, target_lang, context=None)`` returns candidate target
phrases, best first and without duplicates:

1. glossary terms (``Context.glossary``, not forbidden) whose source is the span,
2. the workspace's translation memory (``Context.memory``: corrections already made),
3. the editable phrase list ``app/core/data/phrases/<source>-<target>.tsv``,
4. a FreeDict dictionary installed by the system (Debian ``dict-freedict-eng-fra`` puts
   ``/usr/share/dictd/freedict-eng-fra.index`` and ``.dict.dz`` there). Optional: when the
   files are absent nothing is suggested from it (``freedict.py`` reads it). Its
   senses are ranked, plurals looked up by their singular, and without a sense a cognate is
   guessed ("majority" -> "majorité"): see ``cognates.word_translations``.
"""
from __future__ import annotations


from app.core.checks import cognates, freedict, wordlists
from app.core.checks.base import EMPTY_CONTEXT, Context, Languages, normalise_phrase


def suggestions(text: str, source_lang: str, target_lang: str,
                context: Context | None = None) -> list[str]:
    """Candidate replacements for a source-language span, best first (see module doc)."""
    context = context or EMPTY_CONTEXT
    lang = Languages(source_lang, target_lang)
    key = normalise_phrase(text)
    out: list[str] = []

    def add(candidate):
        if candidate and candidate not in out:
            out.append(candidate)

    for term in context.glossary:
        if not term.forbidden and normalise_phrase(term.source) == key:
            add(term.target)
    add(context.remembered(text))
    add(wordlists.known_phrases(lang.source_base, lang.target_base).get(key))
    for candidate in cognates.word_translations(key, lang.source_base, lang.target_base,
                                                tuple(freedict.DICTD_DIRS)):
        add(candidate)
    if text[:1].isupper():
        out = [c[0].upper() + c[1:] for c in out]
        out = list(dict.fromkeys(out))
    return out
