"""The check suite: an explicit registry of small, stateless checks.

    run_checks(reference, target, source_lang, target_lang, context=None, disabled=())

runs every registered check that applies to the target language and is not disabled, and
returns its findings sorted by (start, end, check_id). A finding of a check listed in
another finding's ``supersedes`` is dropped when that finding's span contains it (one
"whole segment untranslated" finding instead of one per word).

Adding a check: write a pure function ``find(reference, target, languages, context)``
returning ``Hit`` values in a module of this package, wrap it in a ``Check`` there, and list
it in ``REGISTRY`` below.
"""
from __future__ import annotations

from typing import Collection

from app.core.checks.base import (CATEGORIES, EMPTY_CONTEXT, SEVERITIES, Check, Context,
                                  Finding, Hit, Languages)
from app.core.checks.length import MISSING_CONTENT, TOO_LONG, TOO_SHORT
from app.core.checks.punctuation import END_PUNCTUATION, UNBALANCED_BRACKETS, UNBALANCED_QUOTES
from app.core.checks.repetition import REPEATED_WORDS
from app.core.checks.typography import (APOSTROPHE_STYLE, FR_NBSP, FR_NUMBER_FORMAT,
                                        FR_PUNCTUATION_SPACE, SPACE_BEFORE_PUNCTUATION)
from app.core.checks.numbers import DATE_MISMATCH, IDENTIFIER_MISMATCH, NUMBER_MISMATCH
from app.core.checks.untranslated import UNTRANSLATED_SEGMENT, UNTRANSLATED_WORDS

REGISTRY: tuple[Check, ...] = (
    UNTRANSLATED_WORDS,
    UNTRANSLATED_SEGMENT,
    NUMBER_MISMATCH,
    DATE_MISMATCH,
    IDENTIFIER_MISMATCH,
    TOO_SHORT,
    TOO_LONG,
    MISSING_CONTENT,
    REPEATED_WORDS,
    UNBALANCED_BRACKETS,
    UNBALANCED_QUOTES,
    END_PUNCTUATION,
    FR_PUNCTUATION_SPACE,
    FR_NBSP,
    FR_NUMBER_FORMAT,
    APOSTROPHE_STYLE,
    SPACE_BEFORE_PUNCTUATION,
)

BY_ID: dict[str, Check] = {c.check_id: c for c in REGISTRY}
if len(BY_ID) != len(REGISTRY):
    raise RuntimeError("duplicate check id in REGISTRY")

__all__ = ["BY_ID", "CATEGORIES", "Check", "Context", "Finding", "Hit", "Languages",
           "REGISTRY", "SEVERITIES", "run_checks"]


def _drop_superseded(findings: list[Finding]) -> list[Finding]:
    covers = [(f.start, f.end, BY_ID[f.check_id].supersedes) for f in findings
              if BY_ID.get(f.check_id) and BY_ID[f.check_id].supersedes]
    if not covers:
        return findings
    return [f for f in findings
            if not any(s <= f.start and f.end <= e and f.check_id in ids for s, e, ids in covers)]


def run_checks(reference: str, target: str, source_lang: str, target_lang: str,
               context: Context | None = None, disabled: Collection[str] = ()) -> list[Finding]:
    """All findings of the registered checks on one (reference, target) pair.

    ``reference`` may be "" (a plain-text file has none). ``disabled`` holds check ids the
    document has switched off; an unknown id is an error (a typo would silently do nothing).
    """
    unknown = set(disabled) - BY_ID.keys()
    if unknown:
        raise ValueError(f"unknown check id(s): {', '.join(sorted(unknown))}")
    languages = Languages(source_lang, target_lang)
    context = context or EMPTY_CONTEXT
    findings = []
    for check in REGISTRY:
        if check.check_id not in disabled and check.applies_to(languages):
            findings.extend(check.run(reference or "", target, languages, context))
    findings = _drop_superseded(findings)
    findings.sort(key=lambda f: (f.start, f.end, f.check_id))
    return findings
