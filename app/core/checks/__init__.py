"""The check suite: an explicit registry of small, stateless checks.

    run_checks(reference, target, source_lang, target_lang, context=None, disabled=())

runs every registered check that applies to the target language and is not disabled, and
returns its findings sorted by (start, end, check_id).

    run_document_checks(pairs, source_lang, target_lang, context=None, disabled=())

does the same for every (reference, target) pair of a document and adds what needs the whole
document: the findings of the document-level checks (``DOCUMENT_CHECKS``: inconsistent
translations of the same reference, a « never closed anywhere later) and the document's own
no-break-space and apostrophe styles (see consistency.py). It returns one list of findings
per pair. Its parts are also exposed one by one, so that a caller who keeps a document can
re-check only what an edit touched (app/store/documents.py) and get the same findings as a
whole run: ``style_counts`` and ``context_from_counts`` (the document's styles from
per-target counts that can be summed); ``summaries`` (what the document-level checks read of
a unit), the ``DOCUMENT_CHECKS`` themselves, which say which other units an edit affects
(see document.py), ``document_hits`` and ``with_document_hits`` (adds a pair's
document-level hits to its findings).

    finding_key(finding, target) -> str

a stable fingerprint of a finding (check id, the text under the span, a little context), so
that a dismissal can be remembered and re-opened when the text under the span changes. A finding of a check listed in
another finding's ``supersedes`` is dropped when that finding's span contains it (one
"whole segment untranslated" finding instead of one per word).

Adding a check: write a pure function ``find(reference, target, languages, context)``
returning ``Hit`` values in a module of this package, wrap it in a ``Check`` there, and list
it in ``REGISTRY`` below. A check that needs other units of the document also declares a
``GroupCheck`` or a ``LastCheck`` (document.py) listed in ``DOCUMENT_CHECKS``, whose summary
needs a column of its name in the units' stats rows (app/store/stats.py: a migration).
"""
from __future__ import annotations

import hashlib
from typing import Collection, Mapping, Sequence

from app.core import grammar as grammar_engine  # (the name "grammar" is the checks module)
from app.core.checks.base import (CATEGORIES, EMPTY_CONTEXT, SEVERITIES, Check, Context,
                                  Finding, GlossaryTerm, Hit, Languages)
from app.core.checks.characters import MULTIPLE_CAPITALS, ZERO_WIDTH_SPACE
from app.core.checks.consistency import (DOCUMENT_CONSISTENCY, INCONSISTENT_TRANSLATION,
                                         context_from_counts, document_context,
                                         po_origin, style_counts)
from app.core.checks.content import ADDED_CONTENT, OMITTED_CONTENT
from app.core.checks.conventions import INVERTED_MARKS, QUOTE_STYLE
from app.core.checks.edgemarks import END_MARK_ADDED, START_PUNCTUATION
from app.core.checks.grammar import FR_GRAMMAR, fold_into_untranslated
from app.core.checks.layout import (ACCELERATOR, COMMA_SPACE, DOUBLE_SPACE, EDGE_WHITESPACE,
                                    ELLIPSIS, END_COLON, ESCAPES, FR_QUOTES, NEWLINE_COUNT,
                                    TAB_COUNT)
from app.core.checks.length import MISSING_CONTENT, TOO_LONG, TOO_SHORT
from app.core.checks.markdown_links import MARKDOWN_LINK
from app.core.checks.phrases import CALQUE, SPINNER_PHRASE
from app.core.checks.placeholders import PLACEHOLDER_MISMATCH, PLACEHOLDER_MISSING
from app.core.checks.document import Change, DocumentCheck, GroupCheck, Holder, LastCheck
from app.core.checks.punctuation import (DOCUMENT_QUOTES, END_PUNCTUATION, UNBALANCED_BRACKETS,
                                         UNBALANCED_QUOTES)
from app.core.checks.repetition import REPEATED_WORDS
from app.core.checks.terminology import FORBIDDEN_TERM, GLOSSARY_TERM
from app.core.checks.typography import (APOSTROPHE_STYLE, FR_NBSP, FR_NUMBER_FORMAT,
                                        FR_PUNCTUATION_SPACE, NUMBER_FORMAT,
                                        SPACE_BEFORE_PUNCTUATION)
from app.core.checks.numbers import DATE_MISMATCH, IDENTIFIER_MISMATCH, NUMBER_MISMATCH
from app.core.checks.units import UNIT_SIGN
from app.core.checks.untranslated import UNTRANSLATED_SEGMENT, UNTRANSLATED_WORDS
from app.core.checks.verbatim import (BRACKET_MISSING, CODE_MISMATCH, CODE_MISSING,
                                      MARKUP_MISMATCH)

REGISTRY: tuple[Check, ...] = (
    UNTRANSLATED_WORDS,
    UNTRANSLATED_SEGMENT,
    NUMBER_MISMATCH,
    UNIT_SIGN,
    DATE_MISMATCH,
    IDENTIFIER_MISMATCH,
    MARKDOWN_LINK,
    PLACEHOLDER_MISMATCH,
    PLACEHOLDER_MISSING,
    CODE_MISMATCH,
    CODE_MISSING,
    MARKUP_MISMATCH,
    BRACKET_MISSING,
    TOO_SHORT,
    TOO_LONG,
    MISSING_CONTENT,
    OMITTED_CONTENT,
    ADDED_CONTENT,
    REPEATED_WORDS,
    UNBALANCED_BRACKETS,
    UNBALANCED_QUOTES,
    END_PUNCTUATION,
    END_MARK_ADDED,
    START_PUNCTUATION,
    FR_PUNCTUATION_SPACE,
    FR_NBSP,
    FR_NUMBER_FORMAT,
    NUMBER_FORMAT,
    QUOTE_STYLE,
    INVERTED_MARKS,
    APOSTROPHE_STYLE,
    ZERO_WIDTH_SPACE,
    MULTIPLE_CAPITALS,
    SPACE_BEFORE_PUNCTUATION,
    SPINNER_PHRASE,
    CALQUE,
    GLOSSARY_TERM,
    FORBIDDEN_TERM,
    INCONSISTENT_TRANSLATION,
    FR_GRAMMAR,
    EDGE_WHITESPACE,
    DOUBLE_SPACE,
    NEWLINE_COUNT,
    ESCAPES,
    TAB_COUNT,
    ELLIPSIS,
    END_COLON,
    ACCELERATOR,
    FR_QUOTES,
    COMMA_SPACE,
)

BY_ID: dict[str, Check] = {c.check_id: c for c in REGISTRY}
if len(BY_ID) != len(REGISTRY):
    raise RuntimeError("duplicate check id in REGISTRY")

# The checks whose findings depend on other units of the document (document.py), in the
# order their hits are added to a pair's findings.
DOCUMENT_CHECKS: tuple[DocumentCheck, ...] = (
    DOCUMENT_CONSISTENCY,
    DOCUMENT_QUOTES,
)

__all__ = ["BY_ID", "CATEGORIES", "Change", "Check", "Context", "DOCUMENT_CHECKS",
           "DocumentCheck", "Finding", "GlossaryTerm", "GroupCheck", "Hit", "Holder",
           "LastCheck", "Languages", "REGISTRY", "SEVERITIES", "context_from_counts",
           "deferred_ids", "document_context", "document_hits", "finding_key",
           "slow_checks_off", "run_checks", "run_document_checks", "style_counts",
           "po_origin", "summaries", "with_document_hits"]


def _drop_superseded(findings: list[Finding]) -> list[Finding]:
    covers = [(f.start, f.end, BY_ID[f.check_id].supersedes) for f in findings
              if BY_ID.get(f.check_id) and BY_ID[f.check_id].supersedes]
    if not covers:
        return findings
    return [f for f in findings
            if not any(s <= f.start and f.end <= e and f.check_id in ids for s, e, ids in covers)]


def _validate(disabled: Collection[str]) -> None:
    unknown = set(disabled) - BY_ID.keys()
    if unknown:
        raise ValueError(f"unknown check id(s): {', '.join(sorted(unknown))}")


_ACTIVE: dict[tuple[str, str, frozenset[str]], tuple] = {}


def _active(source_lang: str, target_lang: str, disabled: frozenset[str]) -> tuple[Check, ...]:
    """The registered checks that run for a language pair and a set of disabled ids,
    worked out once per pair (and again whenever REGISTRY is replaced, as tests do)."""
    key = (source_lang, target_lang, disabled)
    known = _ACTIVE.get(key)
    if known is not None and known[0] is REGISTRY and known[1] is BY_ID:
        return known[2]
    _validate(disabled)
    languages = Languages(source_lang, target_lang)
    active = tuple(c for c in REGISTRY if c.check_id not in disabled and c.applies_to(languages))
    if len(_ACTIVE) >= 64:
        _ACTIVE.clear()
    _ACTIVE[key] = (REGISTRY, BY_ID, active)
    return active


def deferred_ids(source_lang: str, target_lang: str,
                 disabled: Collection[str] = ()) -> frozenset[str]:
    """The checks that a bulk import leaves to a pass of their own (app/store/checkpass.py):
    the slow ones (``Check.slow``) that run for this pair and are not disabled, when this
    machine has their engine (fr-grammar: Grammalecte). Run the others inside
    ``slow_checks_off()``: they then also go without that engine's evidence (the
    untranslated check asks Grammalecte whether grammar breaks on a word)."""
    if not grammar_engine.available():
        return frozenset()
    return frozenset(c.check_id for c in _active(source_lang, target_lang, frozenset(disabled))
                     if c.slow)


def slow_checks_off():
    """A context manager: the checks run inside it (in this thread) without the slow engine
    (see ``deferred_ids``)."""
    return grammar_engine.suspended()


# Findings of one check kept per segment, at most: a segment of 10,000 « gave 20,000
# findings, which took a second and a half to write under the document's lock and a minute
# to show; beyond a hundred, more of the same tell the translator nothing.
MAX_PER_CHECK = 100


def run_checks(reference: str, target: str, source_lang: str, target_lang: str,
               context: Context | None = None, disabled: Collection[str] = ()) -> list[Finding]:
    """All findings of the registered checks on one (reference, target) pair (at most
    MAX_PER_CHECK of each check: the first ones in the text).

    ``reference`` may be "" (a plain-text file has none). ``disabled`` holds check ids the
    document has switched off; an unknown id is an error (a typo would silently do nothing).
    """
    languages = Languages(source_lang, target_lang)
    context = context or EMPTY_CONTEXT
    findings = []
    for check in _active(source_lang, target_lang, frozenset(disabled)):
        found = check.run(reference or "", target, languages, context)
        if len(found) > MAX_PER_CHECK:  # the first ones in the text
            found = sorted(found, key=lambda f: (f.start, f.end))[:MAX_PER_CHECK]
        findings.extend(found)
    findings = fold_into_untranslated(_drop_superseded(findings), target)
    findings.sort(key=lambda f: (f.start, f.end, f.check_id))
    return findings


def run_document_checks(pairs: Sequence[tuple[str, str]], source_lang: str, target_lang: str,
                        context: Context | None = None,
                        disabled: Collection[str] = ()) -> list[list[Finding]]:
    """Findings per (reference, target) pair of a whole document, in the order of ``pairs``:
    the per-pair checks under the document's context, plus the document-level findings."""
    _validate(disabled)
    languages = Languages(source_lang, target_lang)
    targets = [p[1] or "" for p in pairs]
    context = document_context(targets, context or EMPTY_CONTEXT, languages.target_base)
    hits = document_hits(pairs)
    return [with_document_hits(run_checks(r or "", t or "", source_lang, target_lang, context,
                                          disabled),
                               t or "", languages, disabled, hits[k])
            for k, (r, t, *_) in enumerate(pairs)]


def summaries(reference: str, target: str, origin: str = "") -> dict[str, object]:
    """What the document-level checks read of one (reference, target) pair whose origin
    (``po_origin``: a PO message's msgctxt and plural form) is ``origin``: {check's summary
    name: value} (see document.py)."""
    return {dc.name: dc.unit_summary(reference or "", target or "", origin)
            for dc in DOCUMENT_CHECKS}


def document_hits(pairs: Sequence[tuple[str, ...]]) -> list[dict[str, list[Hit]]]:
    """Per (reference, target) pair of a whole document, the hits of the document-level
    checks: {check id: hits}. A pair may carry a third item, its ``po_origin``."""
    pairs = [(r or "", t or "", *rest) for r, t, *rest in pairs]
    out: list[dict[str, list[Hit]]] = [{} for _ in pairs]
    for dc in DOCUMENT_CHECKS:
        for k, hits in enumerate(dc.hits(pairs)):
            if hits:
                out[k][dc.check.check_id] = hits
    return out


def with_document_hits(findings: list[Finding], target: str, languages: Languages,
                       disabled: Collection[str],
                       hits: Mapping[str, Sequence[Hit]]) -> list[Finding]:
    """One pair's findings (from ``run_checks`` under the document's context) plus its
    document-level ``hits`` ({check id: hits}, from ``document_hits`` or worked out from
    the DOCUMENT_CHECKS' answers). A document-level hit on the span of a per-pair finding of
    the same check is left out. Sorted like ``run_checks``."""
    extra: list[tuple[Check, Sequence[Hit]]] = [
        (dc.check, hits[dc.check.check_id]) for dc in DOCUMENT_CHECKS
        if hits.get(dc.check.check_id) and dc.check.check_id not in disabled
        and dc.check.applies_to(languages)]
    if not extra:
        return findings
    out = list(findings)
    for check, hits in extra:
        have = {(f.check_id, f.start, f.end) for f in out}
        for hit in hits:
            if (check.check_id, hit.start, hit.end) in have:
                continue
            out.append(Finding(check.check_id, check.category, hit.severity or check.severity,
                               hit.start, hit.end, target[hit.start:hit.end], hit.message,
                               hit.suggestion))
    out.sort(key=lambda f: (f.start, f.end, f.check_id))
    return out


# How far from a finding's span its key looks for the words before and after it.
NEIGHBOUR_CHARS = 64


def finding_key(finding: Finding, target: str) -> str:
    """A stable fingerprint of ``finding`` in ``target``: the check id, the text under the
    span and the word right before and after it (case-folded). Editing elsewhere in the
    segment keeps the key; changing the text under the span (or its neighbour words) changes
    it, so a remembered dismissal re-opens. The neighbour words are read within
    NEIGHBOUR_CHARS of the span (a word is cut there), so that the key of each of many
    findings on a long segment costs the same (splitting the whole text each time made the
    keys of a 100 KB segment take minutes)."""
    before = target[max(0, finding.start - NEIGHBOUR_CHARS):finding.start].split()
    after = target[finding.end:finding.end + NEIGHBOUR_CHARS].split()
    raw = "\x1f".join((finding.check_id, before[-1].lower() if before else "",
                       target[finding.start:finding.end],
                       after[0].lower() if after else ""))
    return f"{finding.check_id}:{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:16]}"
