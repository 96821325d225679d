"""Optional system resources of the checks: what is installed on this machine, what each adds
and what is off without it (pure Python; the Checks page and ``flask check`` show it).

    optional_resources(source_lang, target_lang) -> list[Resource]

Only the resources that apply to the language pair are listed:

- Grammalecte (Debian ``python3-grammalecte``), when the target is French: the
  ``fr-grammar`` check (``app.core.grammar``).
- A FreeDict dictionary of the pair (Debian ``dict-freedict-eng-fra``, ...), when both
  languages have a FreeDict code and differ: dictionary suggestions for untranslated words
  (``app.core.checks.suggest``).

Detection is real (the library is loaded, the files are looked for) and cheap after the
first call. A resource installed while the workbench runs is used after a restart.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Collection

from app.core import grammar
from app.core.checks import BY_ID, Languages, freedict
from app.core.checks.grammar import FR_GRAMMAR

_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
          "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "pl": "Polish",
          "ru": "Russian", "cs": "Czech", "fi": "Finnish", "el": "Greek", "tr": "Turkish",
          "hu": "Hungarian"}


@dataclass(frozen=True)
class Resource:
    """An optional system resource. ``checks_off``: check ids (as in the registry) or
    features, named in the plural, that are off without it."""
    name: str
    debian_package: str
    present: bool
    detail: str          # version or path when present, "" when absent
    adds: str            # one sentence: what it adds
    checks_off: tuple[str, ...]
    used_by: tuple[str, ...] = ()   # the check ids whose findings it changes

    @property
    def install(self) -> str:
        """The command that installs it."""
        return f"apt-get install {self.debian_package}"

    @property
    def off(self) -> str:
        """What is off without it, as a clause: "the fr-grammar check is off"."""
        parts = [f"the {item} check" if item in BY_ID else item for item in self.checks_off]
        if len(parts) > 1:
            parts = [", ".join(parts[:-1]), parts[-1]]
        verb = "is" if len(self.checks_off) == 1 and self.checks_off[0] in BY_ID else "are"
        return f"{' and '.join(parts)} {verb} off"

    @property
    def notice(self) -> str:
        """One line for a user whose checks run without it ("" when it is installed)."""
        if self.present:
            return ""
        return f"{self.name} is not installed: {self.off} ({self.install})."


def _grammalecte(load: bool) -> Resource:
    present = grammar.available() if load else grammar.installed()
    version = grammar.version() if present and load else None
    return Resource(
        name="Grammalecte",
        debian_package="python3-grammalecte",
        present=present,
        detail=f"version {version}" if version else ("installed" if present else ""),
        adds="Finds French grammar errors that machine translation makes: agreement of "
             "gender, number and verbs, past participles, verb moods, missing elisions.",
        checks_off=(FR_GRAMMAR.check_id,),
        used_by=(FR_GRAMMAR.check_id, "untranslated-words", "omitted-content",
                 "added-content"))


def _freedict(source: str, target: str) -> Resource:
    stem = freedict.freedict_name(source, target)
    path = freedict.dictionary_path(source, target)
    pair = f"{_NAMES.get(source, source)}-{_NAMES.get(target, target)}"
    return Resource(
        name=f"FreeDict {pair} dictionary",
        debian_package=f"dict-{stem}",
        present=path is not None,
        detail=str(path) if path is not None else "",
        adds=f"Suggests {_NAMES.get(target, target)} translations for "
             f"{_NAMES.get(source, source)} words left untranslated, beyond the glossary, "
             "the translation memory and the built-in phrase list.",
        checks_off=("dictionary suggestions of the untranslated-words check",),
        used_by=("untranslated-words", "omitted-content", "added-content"))


def optional_resources(source_lang: str, target_lang: str, load: bool = True) -> list[Resource]:
    """The optional system resources that apply to this language pair, installed or not.
    ``load=False`` judges Grammalecte by its files, without loading it (a second and 50 MB:
    for a command that may not run the grammar check)."""
    lang = Languages(source_lang, target_lang)
    source, target = lang.source_base, lang.target_base
    out = []
    if FR_GRAMMAR.applies_to(lang):
        out.append(_grammalecte(load))
    if source != target and freedict.iso3(source) and freedict.iso3(target):
        out.append(_freedict(source, target))
    return out


def missing_notices(source_lang: str, target_lang: str,
                    skip: Collection[str] = ()) -> list[str]:
    """One line for each resource that applies to the pair, is not installed and serves a
    check not in ``skip`` (judged by its files: nothing is loaded)."""
    return [r.notice for r in optional_resources(source_lang, target_lang, load=False)
            if not r.present and set(r.used_by) - set(skip)]
