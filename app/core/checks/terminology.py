"""Terminology: glossary terms (``Context.glossary``) and the glossary file parsers.

glossary-term
    A term of the glossary whose source side occurs in the reference must be rendered by its
    target side in the target. Matching tolerates case, a plural -s/-x on any word and an
    elided article glued in front ("l’accord" matches "accord"); it never matches inside
    placeholders, URLs, identifiers or other code (``term_spans``). The span is the source term
    if it was left in the target, otherwise the whole target (the missing term has no place).

forbidden-term
    A glossary entry marked ``forbidden`` names a target term that must not be used; its
    span is that term in the target and the suggestion is the glossary's allowed rendering of
    the same source term, when there is one.

Parsers (pure, for the glossary pages): ``parse_glossary_csv(text, name)`` and
``parse_tbx(text, name, source_lang=None, target_lang=None)`` return ``GlossaryTerm`` lists
and raise ``GlossaryError`` (a ValueError) naming ``file:line``.
"""
from __future__ import annotations

import csv
import io
import re
from functools import lru_cache

from app.core import markup
from app.core.checks.base import Check, Context, GlossaryTerm, Hit, Languages
from app.core.formats import safexml
from app.core.messages import N_, Explained, Text

__all__ = ["GlossaryError", "GlossaryTerm", "parse_glossary_csv", "parse_tbx", "term_spans"]


class GlossaryError(Explained, ValueError):
    """A glossary file that cannot be read; the message starts with ``name:line:`` (a msgid
    and its values, translated where shown: app.core.messages)."""


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern:
    words = term.replace("\u2019", "'").split()
    parts = []
    for w in words:
        stem = re.escape(w)
        if w[-1:].lower() in "sx" and len(w) > 3:
            stem = re.escape(w[:-1]) + "[sx]?"
        else:
            stem += "(?:s|x|es)?"
        parts.append(stem.replace("'", "['\u2019]"))
    body = r"[\s\u00a0\u202f-]+".join(parts)
    return re.compile(r"(?<![^\W_])" + body + r"(?![^\W_])", re.IGNORECASE)


def term_spans(term: str, text: str) -> list[tuple[int, int]]:
    """Where ``term`` occurs in ``text`` (case, plural -s/-x, elision tolerant), outside
    code: a match inside a placeholder, a URL, an identifier or other markup
    (app/core/markup.py: "%(segment_count)s", "{unit}", "unit_count", "sphinx.ext.todo") is
    no occurrence; a term that is such a token itself ("conf.py") still matches it whole."""
    if not term.strip():
        return []
    return [m.span() for m in _term_pattern(term.strip()).finditer(text)
            if not _inside_code(text, *m.span())]


def _inside_code(text: str, start: int, end: int) -> bool:
    """Is [start, end) part of a dotted name ("Unit.Name", "app.Unit") or does a markup span
    overlap it and reach beyond it?"""
    if (text[start - 2:start - 1].isalnum() and text[start - 1:start] == "."
            or text[end:end + 1] == "." and text[end + 1:end + 2].isalnum()):
        return True
    if not markup.overlapping(text, start, end):
        return False
    return any(s < end and start < e and (s < start or e > end)
               for s, e, _ in markup.spans(text))


def find_glossary_term(reference: str, target: str, lang: Languages, context: Context):
    """Glossary source terms of the reference whose target rendering is missing."""
    if not context.glossary or not reference.strip() or not target.strip():
        return []
    hits, seen = [], set()
    allowed: dict[str, list[GlossaryTerm]] = {}
    for term in context.glossary:
        if not term.forbidden:
            allowed.setdefault(term.source.lower(), []).append(term)
    for key, terms in allowed.items():
        if key in seen or not term_spans(terms[0].source, reference):
            continue
        seen.add(key)
        if any(term_spans(t.target, target) for t in terms):
            continue
        want = terms[0]
        left = term_spans(want.source, target)
        start, end = left[0] if left else (len(target) - len(target.lstrip()),
                                           len(target.rstrip()))
        said = Text(N_("Glossary: “%(source)s” is translated “%(target)s” (%(note)s)."),
                    source=want.source, target=want.target, note=want.note) if want.note \
            else Text(N_("Glossary: “%(source)s” is translated “%(target)s”."),
                      source=want.source, target=want.target)
        hits.append(Hit(start, end, said, want.target if left else None))
    return hits


# A forbidden term's message by what it says beyond the term: (for a source, a note, a
# better term).
_FORBIDDEN = {
    (False, False, False): N_("Glossary: “%(term)s” must not be used."),
    (False, False, True): N_("Glossary: “%(term)s” must not be used; use %(better)s."),
    (False, True, False): N_("Glossary: “%(term)s” must not be used (%(note)s)."),
    (False, True, True): N_("Glossary: “%(term)s” must not be used (%(note)s); use "
                            "%(better)s."),
    (True, False, False): N_("Glossary: “%(term)s” must not be used for %(source)s."),
    (True, False, True): N_("Glossary: “%(term)s” must not be used for %(source)s; use "
                            "%(better)s."),
    (True, True, False): N_("Glossary: “%(term)s” must not be used for %(source)s "
                            "(%(note)s)."),
    (True, True, True): N_("Glossary: “%(term)s” must not be used for %(source)s "
                           "(%(note)s); use %(better)s."),
}


def _forbidden(found: str, term, better: str | None) -> Text:
    said = _FORBIDDEN[(bool(term.source), bool(term.note), bool(better))]
    return Text(said, term=found, source=repr(term.source), note=term.note, better=better)


def find_forbidden_term(reference: str, target: str, lang: Languages, context: Context):
    """Target terms the glossary forbids."""
    if not context.glossary or not target.strip():
        return []
    hits = []
    for term in context.glossary:
        if not term.forbidden:
            continue
        better = next((t.target for t in context.glossary
                       if not t.forbidden and t.source.lower() == term.source.lower()), None)
        for s, e in term_spans(term.target, target):
            hits.append(Hit(s, e, _forbidden(target[s:e], term, better), better))
    return hits


# ----------------------------------------------------------------------------- parsers

_TRUE = frozenset({"1", "true", "yes", "y", "x", "forbidden", "oui", "vrai"})
_FALSE = frozenset({"", "0", "false", "no", "n", "non", "faux", "allowed"})
_HEADER_WORDS = frozenset({"source", "target", "forbidden", "note", "term", "translation"})


def parse_glossary_csv(text: str, name: str) -> list[GlossaryTerm]:
    """Terms of a CSV glossary: ``source,target[,forbidden][,note]`` per row.

    The delimiter (comma, semicolon or tab) is detected; a first row naming the columns is a
    header (its column names may come in any order). Blank rows and rows starting with # are
    skipped. Raises GlossaryError("name:line: ...") on a row without both terms or with a
    forbidden value that is not a yes/no."""
    text = text.lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count) if first else ","
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns = {"source": 0, "target": 1, "forbidden": 2, "note": 3}
    terms: list[GlossaryTerm] = []
    header_done = False
    try:
        for row in rows:
            line = rows.line_num
            cells = [c.strip() for c in row]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if not header_done:
                header_done = True
                lowered = [c.lower() for c in cells]
                if "source" in lowered and "target" in lowered and set(lowered) <= _HEADER_WORDS | {""}:
                    columns = {k: lowered.index(k) for k in ("source", "target", "forbidden", "note")
                               if k in lowered}
                    continue

            def cell(key):
                i = columns.get(key)
                return cells[i] if i is not None and i < len(cells) else ""

            source, target = cell("source"), cell("target")
            if not source or not target:
                raise GlossaryError(N_("%(file)s:%(line)s: a row needs a source and a target "
                                       "term"), file=name, line=str(line))
            flag = cell("forbidden").lower()
            if flag not in _TRUE | _FALSE:
                raise GlossaryError(N_("%(file)s:%(line)s: forbidden must be yes or no, not "
                                       "%(flag)r"), file=name, line=str(line), flag=flag)
            terms.append(GlossaryTerm(source, target, flag in _TRUE, cell("note")))
    except csv.Error as exc:
        raise GlossaryError(f"{name}:{rows.line_num}: {exc}") from None
    return terms


_FORBIDDEN_STATUS = frozenset({"deprecatedterm-admn-sts", "supersededterm-admn-sts",
                               "deprecated", "superseded", "forbidden", "notrecommended"})
_XML_LANG = "{" + safexml.XML_NS + "}lang"


def _base_lang(code: str) -> str:
    return re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]


def parse_tbx(text: str | bytes, name: str, source_lang: str | None = None,
              target_lang: str | None = None) -> list[GlossaryTerm]:
    """Terms of a TBX file (TBX-Basic ``termEntry/langSet/tig/term`` or TBX v3
    ``conceptEntry/langSec/termSec/term``). A term whose ``administrativeStatus`` is
    deprecated or superseded is forbidden. Without ``source_lang``/``target_lang`` the first
    two languages of the file are used. The XML is read by ``safexml.parse``: no entity
    declarations or internal DTD subsets, no external resources (a bare DOCTYPE naming the
    TBX DTD, as real files carry, is accepted and not loaded)."""
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    try:
        root = safexml.parse(data, name)
    except safexml.XmlError as exc:
        raise GlossaryError(str(exc)) from None
    entries: list[tuple[int, list[tuple[str, str, bool]], list[str]]] = []
    langs_seen: list[str] = []
    # Depth-first in document order: (element, its entry or None, the language around it).
    todo: list[tuple[safexml.Node, tuple | None, str | None]] = [(root, None, None)]
    while todo:
        node, entry, lang = todo.pop()
        tag = node.tag.rsplit("}", 1)[-1]
        if tag in ("termEntry", "conceptEntry"):
            entry = (node.line, [], [])
            entries.append(entry)
        elif tag in ("langSet", "langSec"):
            code = node.get(_XML_LANG) or node.get("lang")
            if not code:
                raise GlossaryError(N_("%(file)s:%(line)s: %(tag)s without xml:lang"),
                                    file=name, line=str(node.line), tag=tag)
            lang = _base_lang(code)
            if lang not in langs_seen:
                langs_seen.append(lang)
        elif tag in ("tig", "termSec", "ntig") and entry is not None and lang:
            term, forbidden = _term_of(node)
            if term:
                entry[1].append((lang, term, forbidden))
        elif tag in ("note", "descrip") and entry is not None:
            note = _content(node)
            if note:
                entry[2].append(note)
            continue  # a note's own content is read whole
        todo.extend((child, entry, lang) for child in reversed(node.children))
    src = _base_lang(source_lang) if source_lang else (langs_seen[0] if langs_seen else "")
    tgt = _base_lang(target_lang) if target_lang else (
        langs_seen[1] if len(langs_seen) > 1 else "")
    if not entries:
        raise GlossaryError(N_("%(file)s:%(line)s: no termEntry or conceptEntry found"),
                            file=name, line="1")
    terms = []
    for _line, entry_terms, notes in entries:
        note = " ".join(notes)
        sources = [t for lang, t, bad in entry_terms if lang == src and not bad]
        targets = [(t, bad) for lang, t, bad in entry_terms if lang == tgt]
        if not sources or not targets:
            continue   # an entry without both languages says nothing about this pair
        for t, bad in targets:
            terms.append(GlossaryTerm(sources[0], t, bad, note))
    return terms


def _content(node: safexml.Node) -> str:
    return safexml.text_content(node, lambda child: None).strip()


def _term_of(group: safexml.Node) -> tuple[str, bool]:
    """The term of a tig/termSec/ntig (its last <term>) and whether its administrative
    status forbids it (its last status note)."""
    term, forbidden = "", False
    todo = list(reversed(group.children))
    while todo:
        node = todo.pop()
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "term":
            term = _content(node)
        elif tag == "termNote" and node.get("type") == "administrativeStatus":
            forbidden = _content(node).lower() in _FORBIDDEN_STATUS
        else:
            todo.extend(reversed(node.children))
    return term, forbidden


GLOSSARY_TERM = Check("glossary-term", "terminology", "major", find_glossary_term,
                      "Glossary terms of the reference must be rendered as the glossary says.")
FORBIDDEN_TERM = Check("forbidden-term", "terminology", "major", find_forbidden_term,
                       "Target terms the glossary forbids.")
