"""Document-level checks: the same reference translated differently, quotations left open
across segments, and the document's own typographic style.

inconsistent-translation
    Reference segments that are the same (case, spaces and apostrophe style aside, at least
    ``MIN_WORDS`` words) but whose targets differ. A PO message is compared only with the
    messages of the same origin (``po_origin``): the same msgid under another msgctxt is
    another message, and the forms of a plural entry (msgstr[0], msgstr[1] of one msgid)
    are one message, whose forms are not each other's inconsistencies. The targets that disagree with the most
    frequent translation are flagged, with that translation as the suggestion (no suggestion
    on a tie). Needs the whole document: ``DOCUMENT_CONSISTENCY`` (a ``GroupCheck``, see
    document.py) compares the units whose references have the same key, group by group.

The document also settles two per-segment questions (``document_context``): whether plain
spaces before ; : ! ? » are house style or an inconsistency (the majority of the document
decides, so a document written with plain spaces is not flagged line by line), and which
apostrophe (' or ’) is the document's.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace
from typing import Sequence

from app.core.checks.base import Check, Context, Hit, Languages, normalise_phrase
from app.core.checks.document import GroupCheck
from app.core.messages import Counted
from app.core.checks.typography import _APOSTROPHE, nbsp_counts

MIN_WORDS = 2


def po_origin(msgctxt: str | None = None, form: int | None = None) -> str:
    """What sets a PO message apart from the others of the same msgid: its msgctxt, and for
    a plural entry the form (n of msgstr[n]); "" for a message with neither (a unit that is
    not a PO message has that origin too)."""
    parts = []
    if msgctxt is not None:
        parts.append("c" + msgctxt)
    if form is not None:
        parts.append(f"f{form}")
    return "\x04".join(parts)


def consistency_key(reference: str, origin: str = "") -> str | None:
    """The key under which a reference is compared with the others (case, spaces and
    apostrophe style aside; ``origin``: its ``po_origin``), or None when it is too short to
    be compared."""
    key = normalise_phrase(reference or "")
    if len(key.split()) < MIN_WORDS:
        return None
    return f"{key}\x04{origin}" if origin else key


def reference_key(reference: str, target: str = "", origin: str = "") -> str | None:
    """What the check reads of a unit across the document: a digest (32 hexadecimal
    characters) of its reference's ``consistency_key``, None when it is not compared."""
    key = consistency_key(reference, origin)
    return None if key is None else hashlib.sha1(key.encode("utf-8")).hexdigest()[:32]


def consistency_hits(pairs: Sequence[tuple[str, ...]]) -> list[list[Hit]]:
    """Per pair, the inconsistent-translation hits of the document. A pair is (reference,
    target) or (reference, target, origin): its ``po_origin``.

    Pairs are compared only with pairs of the same ``consistency_key``: the hits of a group
    depend on that group alone, so the pairs of one group give the same hits as the whole
    document gives them."""
    out: list[list[Hit]] = [[] for _ in pairs]
    groups: dict[str, list[int]] = {}
    for k, (reference, target, *origin) in enumerate(pairs):
        key = consistency_key(reference, origin[0] if origin else "")
        if key is not None and (target or "").strip():
            groups.setdefault(key, []).append(k)
    for indices in groups.values():
        if len(indices) < 2:
            continue
        versions = Counter(_version(pairs[k][0], pairs[k][1]) for k in indices)
        if len(versions) < 2:
            continue
        ranked = versions.most_common()
        best = ranked[0][0] if ranked[0][1] > ranked[1][1] else None
        for k in indices:
            reference, target = pairs[k][0], pairs[k][1]
            if _version(reference, target) == best:
                continue
            start, end = len(target) - len(target.lstrip()), len(target.rstrip())
            others = len(indices) - 1
            hits = Hit(start, end, Counted("The same reference is translated differently "
                                           "elsewhere in the document (%(count)s other "
                                           "occurrence).",
                                           "The same reference is translated differently "
                                           "elsewhere in the document (%(count)s other "
                                           "occurrences).", n=others,
                                           count=str(others)),
                       _cased_as(reference, best))
            out[k].append(hits)
    return out


def _version(reference: str, target: str) -> tuple[bool, str]:
    """What is compared of a target: its spaces collapsed and, when its first letter has the
    case of its reference's ("Project name" / "Nom du projet", "project name" / "nom du
    projet"), that letter in lower case (True): a heading and the same words inside a
    sentence are one translation. A first letter whose case differs from the reference's
    stays as it is (False), apart from the others."""
    text = " ".join(target.split())
    first, ref = text[:1], reference.lstrip()[:1]
    if first.isalpha() and ref.isalpha() and first.isupper() == ref.isupper():
        return True, first.lower() + text[1:]
    return False, text


def _cased_as(reference: str, version: tuple[bool, str] | None) -> str | None:
    """`version` (a _version) as the suggestion for a target of `reference`: a folded first
    letter takes the case of the reference's."""
    if version is None:
        return None
    folded, text = version
    if folded and reference.lstrip()[:1].isupper():
        return text[:1].upper() + text[1:]
    return text


def style_counts(text: str) -> tuple[int, int, int, int]:
    """What one target contributes to the document's style: (no-break spaces, plain spaces)
    where French wants no-break ones, and (straight, typographic) apostrophes between
    letters."""
    nb, plain = nbsp_counts(text)
    straight = curly = 0
    for m in _APOSTROPHE.finditer(text):
        if m.group(1) == "'":
            straight += 1
        else:
            curly += 1
    return nb, plain, straight, curly


def context_from_counts(context: Context, target_base: str,
                        counts: Sequence[int]) -> Context:
    """``context`` with the document's styles decided from the sum of the ``style_counts``
    of its targets (only where the caller left them undecided)."""
    nb, plain, straight, curly = counts
    changes = {}
    if context.nbsp is None and target_base == "fr" and (nb or plain):
        changes["nbsp"] = nb > plain
    if context.apostrophe is None and straight and curly:
        changes["apostrophe"] = "'" if straight > curly else "\u2019"
    return replace(context, **changes) if changes else context


def document_context(targets: Sequence[str], context: Context, target_base: str) -> Context:
    """``context`` with the document's no-break-space and apostrophe styles filled in (only
    where the caller left them undecided)."""
    totals = [0, 0, 0, 0]
    for text in targets:
        for i, n in enumerate(style_counts(text)):
            totals[i] += n
    return context_from_counts(context, target_base, totals)


def _per_pair(reference: str, target: str, lang: Languages, context: Context):
    return []   # document-level: run_document_checks computes it from all the pairs


INCONSISTENT_TRANSLATION = Check(
    "inconsistent-translation", "consistency", "minor", _per_pair,
    "The same reference is translated differently within the document (document-level).")

DOCUMENT_CONSISTENCY = GroupCheck(INCONSISTENT_TRANSLATION, "ref_key", reference_key,
                                  consistency_hits)
