"""French grammar through Grammalecte, an optional system library (the only module that uses it).

Grammalecte (GPL-3, pure Python) is not on PyPI; Debian ships it as ``python3-grammalecte``
in /usr/lib/python3/dist-packages. Only its ``grammalecte`` package is loaded from there (not
the rest of Debian's dist-packages, whose versions could shadow the project's pins).
``GRAMMALECTE_DIRS`` lists where to look; the environment variable ``WORKBENCH_GRAMMALECTE``
names another directory holding a ``grammalecte`` package.

    available() -> bool
    installed() -> bool                     (without loading it)
    errors(text) -> tuple[GrammarError, ...]
    morphology(word) -> tuple[str, ...]     (":N:f:s", ":A:e:p", ...)
    conjugation_fix(word) -> str | None     ("croyent" -> "croient")
    readings(word), subjunctive(lemma, person)   (the lexicon and the conjugation tables)
    lemmas(word) -> tuple[str, ...]         ("annoncées" -> ("annoncer",))

``errors`` returns the grammar problems of a French text: agreement of gender and number
("gn"), conjugation ("conj"), past participles ("ppas"), infinitives ("infi"), verb moods
("vmode") and missing elisions ("eleu"): what machine translation breaks. Its other groups
are switched off: homophone confusions, imperatives and question forms raised more false
alarms than real errors on professional French (bench/human_findings), and typography
(spaces, apostrophes, numbers, units, dashes...) belongs to the workbench's own checks and
the document's no-break-space policy. The several actions of one Grammalecte rule
on one problem ("Ils mange": "Ils" -> "Il" and "mange" -> "mangent") become one error
whose span covers them all and whose suggestion rewrites that span with the rule's first
action. A participle that a rule agrees with the noun of a prepositional phrase right before
it ("des manifestations au Kazakhstan provoquées") is left out: it usually belongs to an
earlier noun (most such flags on professional French were wrong). The engine is loaded once
per process (about 0.1 s), on first use or by ``warm_up``; calls are serialised (the engine
is not documented as thread-safe). Results are memoised per text and, underneath, per
sentence (split as Grammalecte splits a paragraph, so the errors are the same as for the
whole text; measured on 5,929 texts): a fact about the text, like the spelling caches of
``app.core.spell``; a save of a unit of several sentences runs the engine on the edited
one only.

    suspended()   (a context manager)

Inside it, in the running thread only, ``errors`` answers () at once without running
Grammalecte (and without memoising that answer): a bulk import runs the other checks with it
and leaves grammar to a pass of its own (``app.core.checks.deferred_ids``).
"""
from __future__ import annotations

import contextvars
import difflib
import importlib.util
import os
import re
import sys
import threading
from array import array
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GRAMMALECTE_DIRS = (Path("/usr/lib/python3/dist-packages"),)
ENV_DIR = "WORKBENCH_GRAMMALECTE"

# Grammalecte's option groups that are grammar; every other group is switched off.
GRAMMAR_OPTIONS = frozenset({"gn", "conj", "ppas", "infi", "vmode", "eleu"})
MAX_CHARS = 5_000   # longer texts are checked sentence by sentence up to this bound

_lock = threading.Lock()
_state: dict[str, object] = {}


@dataclass(frozen=True)
class GrammarError:
    start: int            # offsets in the text, end exclusive
    end: int
    kind: str             # Grammalecte's option group: "gn", "conj", "ppas", ...
    rule: str             # Grammalecte's rule id (for tests and the curious)
    message: str          # Grammalecte's French explanation
    suggestion: str | None   # replacement for text[start:end], when Grammalecte has one


def _directories() -> list[Path]:
    extra = os.environ.get(ENV_DIR)
    return ([Path(extra)] if extra else []) + list(GRAMMALECTE_DIRS)


def _import():
    """The grammalecte package, imported from the first directory that holds it, or None."""
    if "grammalecte" in sys.modules:
        return sys.modules["grammalecte"]
    for directory in _directories():
        init = directory / "grammalecte" / "__init__.py"
        if not init.is_file():
            continue
        spec = importlib.util.spec_from_file_location(
            "grammalecte", init, submodule_search_locations=[str(init.parent)])
        module = importlib.util.module_from_spec(spec)
        sys.modules["grammalecte"] = module
        try:
            spec.loader.exec_module(module)
        except Exception:   # a broken install is reported as absent, never a crash
            del sys.modules["grammalecte"]
            continue
        return module
    return None


def _checker():
    """The process's Grammalecte checker (loaded once), or None when it is not installed."""
    if "checker" in _state:
        return _state["checker"]
    with _lock:
        if "checker" not in _state:
            checker = None
            module = _import()
            if module is not None:
                try:
                    checker = module.GrammarChecker("fr")
                    engine = checker.getGCEngine()
                    engine.setOptions({name: name in GRAMMAR_OPTIONS
                                       for name in engine.getOptions()})
                    _compact(checker)
                except Exception:
                    checker = None
            _state["checker"] = checker
    return _state["checker"]


def _compact(checker) -> None:
    """Grammalecte keeps its lexicon's graph (542,000 arcs and addresses) as a list of Python
    ints, about 16 MB; an array of unsigned 32-bit ints holds the same values in 2 MB and its
    code reads them the same way (indexing and len only). Issue 17: `check`'s peak memory."""
    speller = getattr(checker, "getSpellChecker", None)
    lexicon = getattr(speller() if speller else None, "oMainDic", None)
    values = getattr(lexicon, "lByDic", None)
    if isinstance(values, list) and array("I").itemsize == 4:
        try:
            lexicon.lByDic = array("I", values)
        except OverflowError:   # a value above 32 bits: keep Grammalecte's list
            pass


def _compact_graph() -> None:
    """Grammalecte's rule graphs (``gc_rules_graph.dAllGraph``: 10 graphs, 35,500 nodes) are
    dicts from node number to node, the numbers 0..n-1; its engine only indexes them with a
    node number, so each becomes a list of its nodes (the same node objects): 1.2 MB less
    (issue 17: check's peak memory). Done once, before the first parse imports the graphs;
    a graph of another shape is left as it is."""
    if "graph" in _state:
        return
    _state["graph"] = True
    try:
        graphs = importlib.import_module("grammalecte.fr.gc_rules_graph").dAllGraph
        for name, graph in list(graphs.items()):
            if isinstance(graph, dict) and all(k == i for i, k in enumerate(graph)):
                graphs[name] = list(graph.values())
    except Exception:   # another Grammalecte: its graphs stay as they are
        pass


def available() -> bool:
    """Is Grammalecte installed (and loadable) on this machine?"""
    return _checker() is not None


def installed() -> bool:
    """Is a Grammalecte package found on this machine? Judged by its files, without loading
    it (about 0.2 s and 50 MB) unless this process has loaded it already; a broken install
    that ``available`` reports absent counts as installed here."""
    if "checker" in _state:
        return _state["checker"] is not None
    return any((d / "grammalecte" / "__init__.py").is_file() for d in _directories())


def version() -> str | None:
    checker = _checker()
    if checker is None:
        return None
    return str(getattr(checker.getGCEngine(), "version", "") or "") or None


def warm_up() -> None:
    """Load the engine and run it once, so that the first real check is not the slow one."""
    if available():
        errors("Le chat dort.")


@lru_cache(maxsize=16_384)
def _readings(word: str) -> tuple[tuple[str, str], ...]:
    """(lemma, tags) of each reading of ``word`` in Grammalecte's lexicon ('>lemma/:tags/*')."""
    checker = _checker()
    if checker is None or not word.strip():
        return ()
    with _lock:
        try:
            found = checker.getSpellChecker().getMorph(word)
        except Exception:
            return ()
    return tuple((m[1:].split("/")[0] if m.startswith(">") else "", m.split("/")[1])
                 for m in found if m.count("/") >= 1)


def morphology(word: str) -> tuple[str, ...]:
    """Grammalecte's morphological tags of a French word (":N:f:s" a feminine singular noun,
    ":A:e:p" a plural adjective of either gender, ":V1..." a verb); () without Grammalecte."""
    return tuple(tags for _, tags in _readings(word))


def readings(word: str) -> tuple[tuple[str, str], ...]:
    """(lemma, tags) of each reading of a French word in Grammalecte's lexicon ("étaient" ->
    (("étayer", ":V1...:Ip:Sp:3p"), ("être", ":V0...:Iq:3p"))); () without Grammalecte."""
    return tuple(r for r in _readings(word) if r[0])


def lemmas(word: str) -> tuple[str, ...]:
    """The lemmas Grammalecte's lexicon gives a French word, in its order and without
    repeats ("annoncées" -> ("annoncer",), "mort" -> ("mort", "mourir")); () for a word it
    does not know, and without Grammalecte."""
    return tuple(dict.fromkeys(lemma for lemma, _ in readings(word)))


@lru_cache(maxsize=4096)
def subjunctive(lemma: str, person: str) -> str | None:
    """The present subjunctive of a French verb for a person (":1s" ... ":3p"): ("prendre",
    ":3s") -> "prenne"; None when Grammalecte is absent or does not conjugate it."""
    if _checker() is None:
        return None
    try:
        from grammalecte.fr import conj
        with _lock:
            form = conj.getConj(lemma, ":Sp", person)
    except Exception:
        return None
    return form or None


# Endings of French verb forms: a misspelt word with one of them may be a misconjugated verb.
_VERB_ENDINGS = ("ait", "ais", "aient", "ions", "iez", "ons", "ez", "ent", "é", "ée", "és",
                 "ées", "er", "ir", "it", "is", "i", "u", "us", "ut", "ra", "rai", "ras",
                 "rez", "ront", "rait", "raient")
CONJUGATION_RATIO = 0.75   # spelling similarity of the form and its correction


@lru_cache(maxsize=4096)
def conjugation_fix(word: str) -> str | None:
    """The correct verb form for a misconjugated one ("croyent" -> "croient", "peuvaient" ->
    "pouvaient"): ``word`` is not French, ends like a verb form, and Grammalecte's speller
    suggests, first among its verb forms, one spelt alike. None otherwise (also without
    Grammalecte). About 2-12 ms for a word that qualifies; a valid word costs a lookup."""
    checker = _checker()
    if checker is None or len(word) < 4 or not word.islower() or not word.endswith(_VERB_ENDINGS):
        return None
    with _lock:
        try:
            speller = checker.getSpellChecker()
            if speller.isValid(word):
                return None
            found = [s for group in speller.suggest(word) for s in group]
        except Exception:
            return None
    for suggestion in found[:5]:
        if (suggestion.islower() and any(t.startswith(":V") for t in morphology(suggestion))
                and difflib.SequenceMatcher(None, word, suggestion).ratio()
                >= CONJUGATION_RATIO):
            return suggestion
    return None


_BLOCK = re.compile(r"^(.*?__b\d+)_a(\d+)")


def _group(raw: list[dict]) -> list[list[dict]]:
    """One error per (rule, block): the actions of one rule on one problem merged."""
    groups: dict[tuple[str, int], list[dict]] = {}
    for e in raw:
        m = _BLOCK.match(e.get("sRuleId", ""))
        block = m.group(1) if m else e.get("sRuleId", "")
        action = int(m.group(2)) if m else 0
        e = dict(e, _action=action)
        key = (block, e["nStart"] if not m else -1)
        groups.setdefault(key, []).append(e)
    out = []
    for (block, _), members in groups.items():
        # Actions of one block apply to one place of the sentence: keep those close together.
        members.sort(key=lambda e: e["nStart"])
        cluster: list[dict] = []
        for e in members:
            if cluster and e["nStart"] - max(c["nEnd"] for c in cluster) > 40:
                out.append(cluster)
                cluster = []
            cluster.append(e)
        out.append(cluster)
    return out


def _merge(text: str, cluster: list[dict]) -> GrammarError:
    first = min(cluster, key=lambda e: (e["_action"], e["nStart"]))
    start = min(e["nStart"] for e in cluster)
    end = max(e["nEnd"] for e in cluster)
    options = [s for s in first.get("aSuggestions") or () if s]
    suggestion = None
    if options:
        suggestion = (text[start:first["nStart"]] + options[0] + text[first["nEnd"]:end])
    return GrammarError(start, end, first.get("sType", ""), first.get("sRuleId", ""),
                        first.get("sMessage", ""), suggestion)


_suspended = contextvars.ContextVar("grammar_suspended", default=False)


@contextmanager
def suspended():
    """Within the block, in this thread, ``errors`` finds nothing (see the module docstring)."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


_DISTANT = re.compile(r"_[23]m(?:_|$)|_pfx_")
_PREPOSITIONS = frozenset("""à au aux de du des en par pour sans avec dans sur sous chez vers
    entre contre après avant depuis pendant selon""".split())
_WORD = re.compile(r"\w+")


def _attached_elsewhere(text: str, e: GrammarError) -> bool:
    """A past participle that Grammalecte agrees with the noun of a prepositional phrase
    right before it ("des manifestations au Kazakhstan provoquées", "à la vérité essuyé"):
    it usually belongs to an earlier noun, so the rule's verdict is not to be trusted."""
    if not _DISTANT.search(e.rule.split("__b")[0]):
        return False
    words = _WORD.findall(text[e.start:e.end])
    if not words or not any(":Q" in t for t in morphology(words[-1])):
        return False
    before = _WORD.findall(text[max(0, e.start - 60):e.start])
    return any(w.lower() in _PREPOSITIONS for w in (before + words[:-1])[-3:])


def is_suspended() -> bool:
    """Inside ``suspended()`` in this thread?"""
    return _suspended.get()


def errors(text: str) -> tuple[GrammarError, ...]:
    """Grammar errors of a French ``text`` (empty when Grammalecte is absent, or inside
    ``suspended()``). Memoised per text (``errors.cache_clear()`` forgets)."""
    if _suspended.get():
        return ()
    return _errors(text)


@lru_cache(maxsize=4096)
def _errors(text: str) -> tuple[GrammarError, ...]:
    checker = _checker()
    if checker is None or not text.strip():
        return ()
    clipped = text[:MAX_CHARS]
    found = []
    for start, end in _sentences(clipped):
        found += [dict(e, nStart=e["nStart"] + start, nEnd=e["nEnd"] + start)
                  for e in _sentence_errors(clipped[start:end])]
    merged = [e for e in (_merge(clipped, cluster) for cluster in _group(found))
              if not _attached_elsewhere(clipped, e)]
    merged.sort(key=lambda g: (g.start, g.end))
    return tuple(merged)


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a text, as Grammalecte splits a paragraph (after
    ". ", "! ", "? " before a capital, and after ": " and "; ")."""
    bounds, start = [], 0
    for m in _END_OF_SENTENCE.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    return [b for b in bounds if b[1] > b[0]]


_END_OF_SENTENCE = re.compile(
    "[.?!\u2026]+[\u00bb\u201d\u2019)]?[ \u00a0\u202f]+[\u00bb\u201d\u2019]?"
    "(?=[\u00ab\"\u201c\u2018\u2013\u2014 \u00a0\u202f]*[A-Z\u00c0\u00c2\u00c9"
    "\u00c8\u00ca\u00ce\u00d4\u00c7])|[:;][ \u00a0\u202f]+")


@lru_cache(maxsize=16_384)
def _sentence_errors(sentence: str) -> tuple[dict, ...]:
    """Grammalecte's raw grammar errors of one sentence, offsets in it: memoised per
    sentence, so that a save of a unit of several sentences runs the engine on the edited
    one only (the others' answers are kept from before). Never mutated by callers."""
    checker = _checker()
    if checker is None or not sentence.strip():
        return ()
    with _lock:
        _compact_graph()
        try:
            # The engine alone: getParagraphErrors would also run the spelling pass, whose
            # answers are never read (about 5% of the time of a parse).
            raw = checker.getGCEngine().parse(sentence, "FR")
        except Exception:
            return ()
        finally:
            _bound_storage(checker)
    return tuple(e for e in raw if e.get("sType") in GRAMMAR_OPTIONS
                 and 0 <= e.get("nStart", -1) < e.get("nEnd", -1) <= len(sentence))


# Grammalecte's spell checker keeps the readings of every word it has looked up (its
# "storage", switched on by its engine): a server checking book after book would keep them
# all. Past this many words it starts again from empty.
MAX_STORED_WORDS = 50_000


def _bound_storage(checker) -> None:
    """Empty the spell checker's storage of readings once it holds MAX_STORED_WORDS words."""
    speller = getattr(checker, "getSpellChecker", None)
    speller = speller() if speller else None
    stored = getattr(speller, "_dMorphologies", None)
    if isinstance(stored, dict) and len(stored) >= MAX_STORED_WORDS:
        speller.clearStorage()


def _clear() -> None:
    _errors.cache_clear()
    _sentence_errors.cache_clear()


errors.cache_clear = _clear
