"""Document-level checks: the same reference translated differently, quotations left open
across segments, and the document's own typographic style.

inconsistent-translation
    Reference segments that are the same (case, spaces and apostrophe style aside, at least
    ``MIN_WORDS`` words) but whose targets differ. The targets that disagree with the most
    frequent translation are flagged, with that translation as the suggestion (no suggestion
    on a tie). Needs the whole document: see ``run_document_checks`` in the package.

The document also settles two per-segment questions (``document_context``): whether plain
spaces before ; : ! ? » are house style or an inconsistency (the majority of the document
decides, so a document written with plain spaces is not flagged line by line), and which
apostrophe (' or ’) is the document's.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Sequence

from app.core.checks.base import Check, Context, Hit, Languages, normalise_phrase
from app.core.checks.typography import _APOSTROPHE, nbsp_counts

MIN_WORDS = 2


def consistency_hits(pairs: Sequence[tuple[str, str]]) -> list[list[Hit]]:
    """Per pair, the inconsistent-translation hits of the document."""
    out: list[list[Hit]] = [[] for _ in pairs]
    groups: dict[str, list[int]] = {}
    for k, (reference, target) in enumerate(pairs):
        key = normalise_phrase(reference or "")
        if len(key.split()) >= MIN_WORDS and (target or "").strip():
            groups.setdefault(key, []).append(k)
    for indices in groups.values():
        if len(indices) < 2:
            continue
        versions = Counter(" ".join(pairs[k][1].split()) for k in indices)
        if len(versions) < 2:
            continue
        ranked = versions.most_common()
        best = ranked[0][0] if ranked[0][1] > ranked[1][1] else None
        for k in indices:
            target = pairs[k][1]
            if " ".join(target.split()) == best:
                continue
            start, end = len(target) - len(target.lstrip()), len(target.rstrip())
            others = len(indices) - 1
            hits = Hit(start, end, f"The same reference is translated differently elsewhere "
                                   f"in the document ({others} other occurrence"
                                   f"{'s' if others > 1 else ''}).", best)
            out[k].append(hits)
    return out


def document_context(targets: Sequence[str], context: Context, target_base: str) -> Context:
    """``context`` with the document's no-break-space and apostrophe styles filled in (only
    where the caller left them undecided)."""
    changes = {}
    if context.nbsp is None and target_base == "fr":
        nb = plain = 0
        for text in targets:
            a, b = nbsp_counts(text)
            nb, plain = nb + a, plain + b
        if nb or plain:
            changes["nbsp"] = nb > plain
    if context.apostrophe is None:
        counts = Counter(m.group(1) for text in targets for m in _APOSTROPHE.finditer(text))
        if counts["'"] and counts["\u2019"]:
            changes["apostrophe"] = "'" if counts["'"] > counts["\u2019"] else "\u2019"
    return replace(context, **changes) if changes else context


def _per_pair(reference: str, target: str, lang: Languages, context: Context):
    return []   # document-level: run_document_checks computes it from all the pairs


INCONSISTENT_TRANSLATION = Check(
    "inconsistent-translation", "consistency", "minor", _per_pair,
    "The same reference is translated differently within the document (document-level).")
