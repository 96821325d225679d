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
from app.core.messages import N_, Text

# The texts below are Text (app.core.messages): English strs translated where shown.
_NAMES = {"en": N_("English"), "fr": N_("French"), "de": N_("German"), "es": N_("Spanish"),
          "it": N_("Italian"), "pt": N_("Portuguese"), "nl": N_("Dutch"), "sv": N_("Swedish"),
          "da": N_("Danish"), "pl": N_("Polish"), "ru": N_("Russian"), "cs": N_("Czech"),
          "fi": N_("Finnish"), "el": N_("Greek"), "tr": N_("Turkish"), "hu": N_("Hungarian")}
# What is off without a resource, when it is not a whole check (a clause of its own).
_FEATURES_OFF = {"dictionary suggestions of the untranslated-words check":
                 N_("dictionary suggestions of the untranslated-words check are off")}


def _listed(items):
    """"a, b and c" (each a Text or a str), translatable as a list."""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return Text(N_("%(first)s and %(second)s"), first=items[0], second=items[1])
    return Text(N_("%(first)s, %(rest)s"), first=items[0], rest=_listed(items[1:]))


def _name(code):
    return Text(_NAMES[code]) if code in _NAMES else code


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
        """What is off without it, as a clause: "the fr-grammar check is off" (a Text)."""
        if len(self.checks_off) == 1 and self.checks_off[0] in BY_ID:
            return Text(N_("the %(check)s check is off"), check=self.checks_off[0])
        if len(self.checks_off) == 1 and self.checks_off[0] in _FEATURES_OFF:
            return Text(_FEATURES_OFF[self.checks_off[0]])
        items = [Text(N_("the %(check)s check"), check=item) if item in BY_ID else item
                 for item in self.checks_off]
        return Text(N_("%(items)s are off"), items=_listed(items))

    @property
    def notice(self) -> str:
        """One line for a user whose checks run without it ("" when it is installed)."""
        if self.present:
            return ""
        return Text(N_("%(name)s is not installed: %(off)s (%(install)s)."), name=self.name,
                    off=self.off, install=self.install)


def _grammalecte(load: bool) -> Resource:
    present = grammar.available() if load else grammar.installed()
    version = grammar.version() if present and load else None
    return Resource(
        name="Grammalecte",
        debian_package="python3-grammalecte",
        present=present,
        detail=(Text(N_("version %(version)s"), version=version) if version else
                Text(N_("installed")) if present else ""),
        adds=Text(N_("Finds French grammar errors that machine translation makes: agreement "
                     "of gender, number and verbs, past participles, verb moods, missing "
                     "elisions.")),
        checks_off=(FR_GRAMMAR.check_id,),
        used_by=(FR_GRAMMAR.check_id, "untranslated-words", "omitted-content",
                 "added-content"))


def _freedict(source: str, target: str) -> Resource:
    stem = freedict.freedict_name(source, target)
    path = freedict.dictionary_path(source, target)
    return Resource(
        name=Text(N_("FreeDict %(source)s-%(target)s dictionary"), source=_name(source),
                  target=_name(target)),
        debian_package=f"dict-{stem}",
        present=path is not None,
        detail=str(path) if path is not None else "",
        adds=Text(N_("Suggests %(target)s translations for %(source)s words left "
                     "untranslated, beyond the glossary, the translation memory and the "
                     "built-in phrase list."), source=_name(source), target=_name(target)),
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
