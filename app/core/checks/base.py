"""The vocabulary shared by every check: findings, languages, document context, the Check type.

A check is a frozen ``Check`` value: an id, an MQM category, a default severity and a pure
function ``find(reference, target, languages, context) -> iterable of Hit``. The function
reports spans (``Hit``); ``Check.run`` turns them into ``Finding`` values, filling in the id,
category, severity and the text under the span, so no check can get those wrong. Checks keep
no state between calls and no caches keyed on their inputs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

CATEGORIES = frozenset({
    "untranslated", "mistranslation", "omission", "addition", "repetition", "punctuation",
    "typography", "terminology", "consistency", "alignment", "spelling",
})
SEVERITIES = ("minor", "major", "critical")


@dataclass(frozen=True)
class Finding:
    """One problem found in a target text; ``start``/``end`` are offsets in the target."""
    check_id: str        # kebab-case, e.g. "untranslated-words"
    category: str        # one of CATEGORIES (MQM)
    severity: str        # minor | major | critical
    start: int           # character offsets in the target, end exclusive
    end: int
    text: str            # target[start:end]
    message: str         # a sentence a translator understands
    suggestion: str | None = None   # replacement text for the span, when there is one


@dataclass(frozen=True)
class Context:
    """Document-level extras a check may use; every field is optional.

    accepted_words: words the translator has accepted for this document (compared
    case-insensitively), e.g. a brand name or a loanword the house style allows.
    """
    accepted_words: frozenset[str] = frozenset()

    def __post_init__(self):
        # Stored case-folded, so that `accepts` is a set lookup.
        object.__setattr__(self, "accepted_words",
                           frozenset(w.lower() for w in self.accepted_words))

    def accepts(self, word: str) -> bool:
        return word.lower() in self.accepted_words


EMPTY_CONTEXT = Context()


def _base(lang: str) -> str:
    return re.split(r"[-_]", (lang or "").strip().lower(), maxsplit=1)[0]


@dataclass(frozen=True)
class Languages:
    """Language codes of the reference (``source``) and the target, as given ("fr", "pt-BR")."""
    source: str
    target: str

    @property
    def source_base(self) -> str:
        """Primary subtag of the source language ("pt" for "pt-BR")."""
        return _base(self.source)

    @property
    def target_base(self) -> str:
        return _base(self.target)


@dataclass(frozen=True)
class Hit:
    """A span reported by a check function; ``severity`` overrides the check's default."""
    start: int
    end: int
    message: str
    suggestion: str | None = None
    severity: str | None = None


FindFunction = Callable[[str, str, Languages, Context], Iterable[Hit]]


@dataclass(frozen=True)
class Check:
    """A registered check. ``target_langs`` is its language profile (None: every target
    language). ``supersedes`` names checks whose findings inside one of this check's spans
    are redundant (a whole untranslated segment makes its untranslated words redundant)."""
    check_id: str
    category: str
    severity: str
    find: FindFunction = field(repr=False)
    description: str = ""
    target_langs: frozenset[str] | None = None
    supersedes: tuple[str, ...] = ()

    def __post_init__(self):
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", self.check_id):
            raise ValueError(f"check id must be kebab-case: {self.check_id!r}")
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown MQM category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def applies_to(self, languages: Languages) -> bool:
        return self.target_langs is None or languages.target_base in self.target_langs

    def run(self, reference: str, target: str, languages: Languages,
            context: Context) -> list[Finding]:
        """The findings of this check on one (reference, target) pair."""
        out = []
        for hit in self.find(reference, target, languages, context):
            if not 0 <= hit.start < hit.end <= len(target):
                raise ValueError(f"{self.check_id}: bad span {hit.start}-{hit.end}")
            out.append(Finding(self.check_id, self.category, hit.severity or self.severity,
                               hit.start, hit.end, target[hit.start:hit.end], hit.message,
                               hit.suggestion))
        return out
