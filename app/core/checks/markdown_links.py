"""Mistranslation: Markdown links of the reference broken or pointed elsewhere in the target.

markdown-link
    - An inline link of the reference, ``[text](destination)``, written with a space between
      its brackets in the target (``[texte] (destination)``): Markdown no longer sees a link.
      The span is the ``] (``; the suggestion ``](``.
    - An anchor destination (``#name``) or a reference-style label (``[text][label]``, and
      its definition ``[label]: ...``) that the target changed: one of the reference's is
      missing from the target (counted: a link used twice needs two) while the target has
      one the reference does not. The span is the target's; the suggestion the missing one.
      Labels are compared only in Markdown: an entry flagged "md-text" or a reference that
      defines a label (``[.ss]][TZ]`` in a date format is no link).
    Link texts are translatable; URL and path destinations changed or dropped are reported by
    identifier-mismatch, missing-content and code-mismatch, not here. Weblate's Markdown
    link checks (md-link, md-reflink) report the same problems.
"""
from __future__ import annotations

import collections
import re

from app.core.checks.base import Check, Context, Hit, Languages
from app.core.messages import N_, Text

_INLINE = re.compile(r"\[[^\[\]\n]*\]\(([^()\s]+)(?:\s+\"[^\"\n]*\")?\)")
_SPACED = re.compile(r"\][ \t\u00a0]+\(([^()\s]+)")
_ANCHOR = re.compile(r"\]\((#[^()\s]+)\)")
_DEFINITION = re.compile(r"^\[[^\[\]\n]+\]:[ \t]", re.MULTILINE)
_LABEL = re.compile(r"\]\[([^\[\]\n]+)\]|^\[([^\[\]\n]+)\]:", re.MULTILINE)


def _spaced_links(reference: str, target: str) -> list[Hit]:
    wanted = {m.group(1) for m in _INLINE.finditer(reference)}
    return [Hit(m.start(), m.start(1), Text(N_("A space between “]” and “(” breaks the "
                                               "Markdown link.")), "](")
            for m in _SPACED.finditer(target) if m.group(1) in wanted]


def _items(pattern: re.Pattern, text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in pattern.finditer(text):
        group = 1 if m.group(1) is not None else 2
        out.append((m.group(group), m.start(group), m.end(group)))
    return out


def _changed(pattern: re.Pattern, reference: str, target: str, what: str) -> list[Hit]:
    want = collections.Counter(name for name, _, _ in _items(pattern, reference))
    if not want:
        return []
    found = _items(pattern, target)
    missing = want - collections.Counter(name for name, _, _ in found)
    if not missing:
        return []
    suggestion = next(iter(missing))
    return [Hit(s, e, Text(what, name=name, suggestion=suggestion), suggestion)
            for name, s, e in found if name not in want]


def find_markdown_link(reference: str, target: str, lang: Languages, context: Context):
    """Markdown links broken by a space, or their anchors and labels changed."""
    if "](" not in reference and "][" not in reference and "]:" not in reference:
        return []
    hits = _spaced_links(reference, target) + _changed(
        _ANCHOR, reference, target, N_("The link anchor “%(name)s” is not the reference's; it "
                                       "has “%(suggestion)s”."))
    if "md-text" in context.flags or _DEFINITION.search(reference):
        hits += _changed(_LABEL, reference, target,
                         N_("The link label “%(name)s” is not the reference's; it has "
                            "“%(suggestion)s”."))
    return hits


MARKDOWN_LINK = Check("markdown-link", "mistranslation", "major", find_markdown_link,
                      "A Markdown link of the reference broken by a space, or its anchor or "
                      "label changed.")
