"""The vocabulary shared by every check: findings, languages, document context, the Check type.

A check is a frozen ``Check`` value: an id, an MQM category, a default severity and a pure
function ``find(reference, target, languages, context) -> iterable of Hit``. The function
reports spans (``Hit``); ``Check.run`` turns them into ``Finding`` values, filling in the id,
category, severity and the text under the span, so no check can get those wrong. Checks keep
no state between calls. The only memo caches are module-level caches of pure functions:
facts about words keyed by (word, language) (dictionary and frequency verdicts), and the
analysis of a text (its words, its numbers) for a handful of recent texts, so that the
several checks of one ``run_checks`` call share it. Results never depend on earlier calls.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Callable, Iterable, Mapping

from app.core.messages import N_

# The ids are also the English names the interface shows (translated there: N_ marks them;
# a check's description, Check's fifth argument, is extracted as keyword Check:5).
CATEGORIES = frozenset({
    N_("untranslated"), N_("mistranslation"), N_("omission"), N_("addition"),
    N_("repetition"), N_("punctuation"), N_("typography"), N_("terminology"),
    N_("consistency"), N_("alignment"), N_("spelling"), N_("grammar"),
})
SEVERITIES = (N_("minor"), N_("major"), N_("critical"))


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
class GlossaryTerm:
    """One glossary entry: ``source`` (a reference-language term) must be translated by
    ``target``; when ``forbidden`` is true, ``target`` must NOT appear in translations
    (a deprecated or banned rendering). ``note`` is shown to the translator."""
    source: str
    target: str
    forbidden: bool = False
    note: str = ""


@dataclass(frozen=True)
class Context:
    """Document-level extras a check may use; every field is optional.

    accepted_words: words the translator has accepted for this document (compared
        case-insensitively), e.g. a brand name or a loanword the house style allows.
    glossary: the document's and the workspace's glossary terms.
    memory: corrections already made in the workspace, source-language phrase ->
        target-language phrase (keys compared case-insensitively, spaces collapsed).
    recall: instead of a whole `memory`, a function that looks one phrase up (given
        normalised: ``normalise_phrase``), for a caller whose memory is large and lives
        elsewhere (a database): only the phrases the checks ask about are looked up.
    length_ratio: expected target/reference length ratio in characters, e.g. the ratio the
        aligner learned on this document (None: the default of the language pair).
    nbsp: French non-breaking space policy: True (house style requires them: a plain space
        before ; : ! ? » or in "3 000" is flagged), False (never flag plain spaces), None
        (follow the text itself: flag plain spaces only where non-breaking ones dominate).
    apostrophe: the document's apostrophe style, "\u2019" or "'" (None: judged per segment).
    flags: the gettext flags of the PO entry being checked ("c-format", "python-format",
        "python-brace-format", "no-c-format", ...), which say which placeholder syntax the
        strings use; empty for a segment of an article or an unflagged entry (placeholders
        are then recognised by their shape). Per entry: derive it from the document's
        context with ``dataclasses.replace(context, flags=...)``.
    plural_references: for a form of a plural PO entry, the entry's source forms (msgid,
        msgid_plural), the form's own reference among them; empty otherwise. A msgstr[n] is
        checked against one of them, but a language's plural forms do not follow English's
        (French msgstr[0] covers 0 and 1, so "%d fichier" for "One file" / "%d files" is
        right): a placeholder of any source form may appear in any form, standing in for
        the reference's number ("1 file" -> "%d fichier"); Weblate judges plurals so too.
        Per form, like ``flags``.
    """
    accepted_words: frozenset[str] = frozenset()
    glossary: tuple[GlossaryTerm, ...] = ()
    memory: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    recall: Callable[[str], str | None] | None = field(default=None, hash=False,
                                                       compare=False)
    length_ratio: float | None = None
    nbsp: bool | None = None
    apostrophe: str | None = None
    flags: frozenset[str] = frozenset()
    plural_references: tuple[str, ...] = ()

    def __post_init__(self):
        # Stored case-folded, so that `accepts` is a set lookup.
        object.__setattr__(self, "accepted_words",
                           frozenset(w.lower() for w in self.accepted_words))
        object.__setattr__(self, "glossary", tuple(self.glossary))
        object.__setattr__(self, "flags", frozenset(self.flags))
        object.__setattr__(self, "plural_references", tuple(self.plural_references))
        object.__setattr__(self, "memory", MappingProxyType(
            {normalise_phrase(k): v for k, v in dict(self.memory).items() if k.strip()}))
        if self.apostrophe not in (None, "'", "\u2019"):
            raise ValueError(f"apostrophe style must be ' or \u2019, not {self.apostrophe!r}")

    def accepts(self, word: str) -> bool:
        return word.lower() in self.accepted_words

    def remembered(self, phrase: str) -> str | None:
        """The workspace's correction for a source-language phrase, if any."""
        key = normalise_phrase(phrase)
        found = self.memory.get(key)
        if found is None and self.recall is not None:
            found = self.recall(key)
        return found


def normalise_phrase(text: str) -> str:
    """Case-folded, typographic apostrophes made straight, spaces collapsed."""
    return " ".join(text.replace("\u2019", "'").lower().split())


EMPTY_CONTEXT = Context()


@lru_cache(maxsize=256)
def _base(lang: str) -> str:
    return re.split(r"[-_]", (lang or "").strip().lower(), maxsplit=1)[0]


@dataclass(frozen=True)
class Languages:
    """Language codes of the reference (``source``) and the target, as given ("fr", "pt-BR")."""
    source: str
    target: str

    # cached_property: worked out once per value (read hundreds of thousands of times in a
    # bulk check); it writes the instance's __dict__, so the frozen dataclass allows it
    @cached_property
    def source_base(self) -> str:
        """Primary subtag of the source language ("pt" for "pt-BR")."""
        return _base(self.source)

    @cached_property
    def target_base(self) -> str:
        return _base(self.target)


@dataclass(frozen=True)
class Hit:
    """A span reported by a check function; ``severity`` overrides the check's default.
    ``message`` is a ``messages.Text`` (``Text(N_("... “%(word)s” ..."), word=...)``, one msgid
    per whole sentence, a ``Counted`` for a count): str() is the English sentence, the web
    shows it in the reader's language (issue 19)."""
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
    are redundant (a whole untranslated segment makes its untranslated words redundant).
    ``slow``: the check costs milliseconds a segment (an external engine); a bulk import
    leaves it to a pass of its own (see ``app.core.checks.deferred_ids``)."""
    check_id: str
    category: str
    severity: str
    find: FindFunction = field(repr=False)
    description: str = ""
    target_langs: frozenset[str] | None = None
    supersedes: tuple[str, ...] = ()
    slow: bool = False

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
