"""Document operations: checks, edit, approve, progress, PO export (import: app/store/importing.py)."""
import re
import threading
import unicodedata
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from datetime import timezone

from sqlalchemy import (bindparam, case, delete, event, func, insert, inspect, select,
                        update)
from sqlalchemy.orm import (Session, defer, lazyload, make_transient_to_detached,
                            object_session)
from sqlalchemy.orm.attributes import set_committed_value

from app.core import checks, limits, textio
from app.core.messages import N_, Explained, Text, capitalized, stored
from app.core.checks.base import normalise_phrase
from app.core.quality import mqm_counts
from app.store import (execute, limits_of, lock_document, lock_document_writing, stats,
                       terms)
from app.store.models import (STATE_APPROVED, STATE_EDITED, Dismissal, Document, Finding,
                              Operation, Revision, Unit, utcnow)

REFERENCE, TARGET = "reference", "target"
_LINE_BREAKS = re.compile(r"\s*\n\s*")


class RefusedText(Explained, ValueError):
    """A text the workbench does not store (the message says what and where: a msgid and its
    values, app.core.messages)."""


def _check_text(text):
    """RefusedText when `text` holds a character a segment cannot hold (textio's set:
    control characters and line separators would break the PO, TMX and XLIFF files written
    from it)."""
    found = textio.first_forbidden(text)
    if found is not None:
        offset, ch = found
        msgid = (N_("The text holds the line separator %(code)s at character %(n)s; remove "
                    "it (a line break is fine). Nothing was saved.")
                 if ch in textio.LINE_SEPARATORS else
                 N_("The text holds the control character %(code)s at character %(n)s; "
                    "remove it (a line break is fine). Nothing was saved."))
        raise RefusedText(msgid, code=f"U+{ord(ch):04X}", n=offset + 1)


class EmptyText(RefusedText):
    """A save that would clear a segment without the translator's confirmation."""


# The revision kind of a segment saved empty on purpose (Unit.omitted).
OMISSION = "omission"


class EditConflict(Exception):
    """A save was based on a version of the unit that is no longer current."""

    def __init__(self, unit, base_version):
        super().__init__(f"unit {unit.uid} is at version {unit.version}, "
                         f"the edit was based on version {base_version}")
        self.unit = unit
        self.base_version = base_version


def slugify(title):
    """ASCII, lower-case, hyphenated form of a title (at most 60 characters)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-")
    return slug or "document"


def unique_slug(session, title):
    base = slugify(title)
    taken = set(session.scalars(select(Document.slug).where(Document.slug.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def span_text(text, segs):
    """The original text covered by consecutive segments, line breaks made single spaces."""
    if not segs:
        return ""
    return _LINE_BREAKS.sub(" ", text[segs[0].start:segs[-1].end])


# Below this confidence an aligner's bead is shown to the translator as a finding.
UNCERTAIN_ALIGNMENT = 0.5


def alignment_findings(unit):
    """Findings of category "alignment" for a bead the translator should look at."""
    if unit.pinned or unit.omitted:
        return []
    if not unit.ref_count:
        return [checks.Finding("alignment-unmatched", "alignment", "minor", 0, len(unit.target),
                               unit.target, Text(N_("No reference sentence matches this "
                                                    "segment: check the alignment, or the "
                                                    "translation added it.")))]
    if not unit.target:
        return [checks.Finding("alignment-unmatched", "alignment", "minor", 0, 0, "",
                               Text(N_("This reference sentence has no counterpart in the "
                                       "target: check the alignment, or the translation left "
                                       "it out.")))]
    if unit.confidence < UNCERTAIN_ALIGNMENT:
        return [checks.Finding("alignment-uncertain", "alignment", "minor", 0, len(unit.target),
                               unit.target, Text(N_("The alignment of this segment is "
                                                    "uncertain (confidence %(confidence)s): "
                                                    "check that the reference matches it."),
                                                 confidence=f"{unit.confidence:.2f}"))]
    return []


def _finding_rows(unit, found):
    """The core findings of `found` to store on `unit`: minus dismissed ones (their Finding
    rows are made by `_replace_findings`, for the new ones only)."""
    if not found:  # nothing to leave out: the dismissals are not read
        return []
    state = inspect(unit)
    if state.persistent and "dismissals" in state.unloaded:
        # Only their keys and said, by a statement built once (no Dismissal objects to
        # build unless one has no said: _say_dismissals).
        session = object_session(unit)
        session.flush()
        rows = execute(session, _DISMISSED, {"unit_id": unit.id}).all()
        dismissed, unsaid = {key for key, _said in rows}, any(s is None for _k, s in rows)
    else:
        dismissed = {d.key for d in unit.dismissals}
        unsaid = any(d.said is None for d in unit.dismissals)
    if not dismissed and not unsaid:  # nothing to match: no keys made
        return list(found)
    keys = [checks.finding_key(f, unit.target) for f in found]
    if unsaid:
        _say_dismissals(unit, found, keys)
    return [f for f, key in zip(found, keys) if key not in dismissed]


def _new_row(f):
    """The Finding row of core finding `f`."""
    return Finding(check_id=f.check_id, category=f.category, severity=f.severity,
                   start=f.start, end=f.end, text=f.text, message=f.message,
                   suggestion=f.suggestion, said=stored(f.message))


_DISMISSED = select(Dismissal.key, Dismissal.said).where(
    Dismissal.unit_id == bindparam("unit_id"))


def _say_dismissals(unit, found, keys):
    """Give the unit's dismissals kept without their translatable message (dismissal.said
    NULL: made before migration 0020, or again by an undo recorded before it) the message of
    the finding they dismiss, now found again: the one with the same key whose English text
    is the one kept (dismissal.message), so that the message shown translated is the one
    dismissed."""
    by_key = {}
    for f, key in zip(found, keys):
        by_key.setdefault(key, []).append(f)
    for dismissal in unit.dismissals:
        if dismissal.said is not None:
            continue
        said = next((stored(f.message) for f in by_key.get(dismissal.key, ())
                     if str(f.message) == dismissal.message), None)
        if said is not None:
            dismissal.said = said


def _key(f):
    return (f.start, f.end, f.check_id, f.category, f.severity, f.text, f.message,
            f.suggestion)


def _replace_findings(unit, rows, only=None, alone=False):
    """Make the unit's stored findings (those of check `only`, or all) equal to `rows` (core
    findings: `_finding_rows`); findings that stay the same keep their row (and id). True when anything changed.
    `alone`: no other change of findings waits for the session's next flush (one save's
    unit): the rows are written at once, past the unit of work (`_write_findings`)."""
    before = list(unit.findings)
    current = [f for f in before if only is None or f.check_id == only]
    wanted = {}
    for row in rows:
        wanted.setdefault(_key(row), []).append(row)
    stale = []
    for f in current:
        same = wanted.get(_key(f))
        if same:
            row = same.pop()
            if f.said is None:  # kept before finding.said (0020)
                said = stored(row.message)
                if said is not None:
                    f.said = said
        else:
            stale.append(f)
    # Rows made only for the new findings (issue 14: a save's findings mostly stay).
    fresh = [_new_row(row) for rows_of_key in wanted.values() for row in rows_of_key]
    if not stale and not fresh:
        return False
    kept = [f for f in before if f not in stale] + fresh
    kept.sort(key=lambda f: (f.start, f.end, f.check_id))
    if not (alone and _write_findings(unit, stale, fresh, kept)):
        unit.findings = kept
    _findings_changed(unit, before, kept)
    return True


def _write_findings(unit, stale, fresh, kept):
    """Write the change of the unit's findings (`kept`: all of them after it) by statements
    built once, as the flush of `unit.findings = kept` would, and make it the unit's
    committed state; False (nothing done) when the unit or one of its findings is not in the
    database yet, or its findings hold a change the session has not flushed (it would be
    lost). Issue 14: the unit of work's flush of a save's new findings cost some
    0.5 ms of CPU, most of a long segment's re-check. As the flush does, the new rows are
    inserted in the collection's order, then the stale ones deleted: SQLite gives a new row
    the largest id + 1, so the new findings get the ids the flush gave them."""
    session, state, new = object_session(unit), inspect(unit), {id(f) for f in fresh}
    if (session is None or not state.persistent
            or state.attrs.findings.history.has_changes()
            or not all(inspect(f).persistent for f in kept + stale if id(f) not in new)):
        return False
    for finding in kept:
        if id(finding) in new:
            values = {name: getattr(finding, name) for name in _FINDING_COLUMNS}
            values["unit_id"] = unit.id
            finding.id = execute(session, _ADD_FINDING, values).inserted_primary_key[0]
            finding.unit_id = unit.id
            make_transient_to_detached(finding)  # its values become its committed state
            session.add(finding)
            set_committed_value(finding, "unit", unit)
    if stale:
        execute(session, _DROP_FINDING, [{"id": f.id} for f in stale])  # as the flush does
        for finding in stale:
            session.expunge(finding)
    set_committed_value(unit, "findings", kept)
    return True


_FINDING_COLUMNS = [c.key for c in Finding.__table__.c if c.key not in ("id", "unit_id")]
_ADD_FINDING = insert(Finding.__table__)
# One statement run for each row (an IN of expanding parameters is compiled again at each
# run: it cost more than the statement).
_DROP_FINDING = delete(Finding.__table__).where(Finding.__table__.c.id == bindparam("id"))


def _findings_changed(unit, before, after):
    """Record the change of the document's totals when the unit's open findings change."""
    session = object_session(unit)
    if session is not None and unit.id is not None and unit.active:
        stats.add(session, unit.document_id, **stats.findings_delta(before, after))


def remove_finding(unit, finding):
    """Take one finding off the unit (it was dismissed)."""
    before = list(unit.findings)
    unit.findings.remove(finding)
    _findings_changed(unit, before, unit.findings)


def _stored(unit, found, alone=False):
    """Replace the unit's findings by `found` (core findings) and its alignment findings,
    minus dismissed ones (`alone`: see `_replace_findings`)."""
    _replace_findings(unit, _finding_rows(unit, alignment_findings(unit) + list(found)),
                      alone=alone)


def _base_lang(document):
    return document.target_lang.split("-")[0].lower()


def _style(totals):
    return [totals[name] for name in stats.STYLE_FIELDS]


def _context(document):
    """The checks' context of a document: glossary, memory, the document's own style (from
    the summed style counts of its units)."""
    session = object_session(document)
    if session is None:
        return checks.Context()
    return checks.context_from_counts(terms.context_for(session, document),
                                      _base_lang(document),
                                      _style(stats.totals(session, document.id)))


def unit_context(context, unit, memo=None):
    """`context` as the checks of `unit` need it: for a unit of a PO document, its entry's
    gettext flags and, for a plural form, the entry's source forms (msgid, msgid_plural),
    as stored with the unit (catalog.check_columns). `memo`: a dict that shares the
    contexts of equal flags over one pass over many units."""
    flags, other = unit.po_flags, unit.po_plural_source
    if not flags and other is None:
        return context
    sources = ()
    if other is not None:
        sources = (unit.reference, other) if unit.po_form == 0 else (other, unit.reference)
    if memo is not None and not sources:
        known = memo.get(flags)
        if known is None:
            known = memo[flags] = replace(context, flags=frozenset(flags.split()))
        return known
    return replace(context, flags=frozenset((flags or "").split()),
                   plural_references=sources)


def store_findings(unit, document):
    """Run the per-unit checks on the unit's current text in its document's context, store
    them and the unit's stats row (document-level findings are left to `recheck_units`)."""
    found = checks.run_checks(unit.reference, unit.target, document.source_lang,
                              document.target_lang, unit_context(_context(document), unit),
                              disabled=document.disabled_checks or ())
    _stored(unit, found)
    stats.store(object_session(unit), unit)


# A document of more units than this, checked whole at once (an import, a whole re-check),
# is checked without its slow checks (checks.deferred_ids: fr-grammar, about 2-5 ms a
# segment); they run afterwards in the document's check pass (app/store/checkpass.py). A
# smaller one is checked whole at once (300 units: about a second of Grammalecte).
INLINE_UNITS = 300


def deferred_checks(document, units):
    """The slow checks left to the document's check pass when `units` of its units are
    checked at once: none for a small document, or when no slow check applies to it."""
    if units <= INLINE_UNITS:
        return frozenset()
    return checks.deferred_ids(document.source_lang, document.target_lang,
                               document.disabled_checks or ())


def without(deferred):
    """The context to run checks in when `deferred` checks are left out (their engine off)."""
    return checks.slow_checks_off() if deferred else nullcontext()


def warm_slow_checks(source_lang, target_lang, deferred, pairs):
    """Run only the slow checks `deferred` on (reference, target) pairs, for their engine's
    memo (app.core.grammar): a later check of the same texts finds their answers ready. A
    check pass warms a batch before it takes the lock; an autosaved draft warms the save
    that usually follows it with the same text."""
    if not deferred:
        return
    others = frozenset(checks.BY_ID) - deferred
    for reference, target in pairs:
        checks.run_checks(reference or "", target or "", source_lang, target_lang,
                          disabled=others)


# The key of session.info that says another process re-checks the units that saves leave
# pending (app/store/__init__.py: `checks_apart`). A save typed in the browser (`change`:
# findings_later) whose text no autosaved draft checked (`keep_precheck`) then leaves its
# checks all to that process
# (EVERY_CHECK): the unit is re-checked there whole, as after any save on a machine with
# Grammalecte, and its row shows that checks are still running until then (issue 14: a
# save's checks were a third of its time; without them a save is 2.5x a no-op request).
CHECKS_APART = "checks_apart"
EVERY_CHECK = frozenset({"*"})


def left_to_background(document):
    """The slow checks that a save of one of `document`'s units leaves to the background
    (issue 14: "never let it slow a save"): they run for this document and this machine
    has their engine (fr-grammar: Grammalecte). The save stores the other checks' findings
    and marks the unit pending (`Unit.checks_pending`); app/store/checkpass.py's
    `run_units` re-checks it whole afterwards, and the worker is told (`CHECKS_LEFT`)."""
    return checks.deferred_ids(document.source_lang, document.target_lang,
                               document.disabled_checks or ())


# The key of session.info holding the undo history's entry that a change of one unit made
# (`change`): until the commit, the newest entry of its document, and one Undo can undo
# (history.candidates).
MADE = "made_operation"

# The key of session.info set when a change left slow checks pending: the web layer wakes the
# worker after its commit (app/web/publish.py).
CHECKS_LEFT = "checks_left"


def _mark_pending(session, units):
    """Mark `units` as having their slow checks pending (the claimed unit already is)."""
    ids = [u.id for u in units if not u.checks_pending]
    if ids:
        session.execute(update(_UNIT).where(_UNIT.c.id.in_(ids)).values(checks_pending=True))
        for unit in units:
            set_committed_value(unit, "checks_pending", True)
    session.info[CHECKS_LEFT] = True


def mark_checks_pending(document):
    """The document's check pass must (again) re-check every unit: it starts from the first
    one (a pass running elsewhere notices, app/store/checkpass.py)."""
    document.checks_pending = 0
    document.checks_claimed_at = None


def recheck_document(session, document, *, defer=False):
    """Run every check on the whole document, document-level checks (consistency) included.
    `defer`: on a long document, leave the slow checks to its check pass (`deferred_checks`),
    as an import does: the caller is a request that must not take long."""
    units = document.units
    deferred = deferred_checks(document, len(units)) if defer else frozenset()
    with without(deferred):
        per_unit = _document_findings(session, document, units)
    with session.no_autoflush:
        for unit, found in zip(units, per_unit):
            _stored(unit, found)
    if deferred:
        mark_checks_pending(document)
    session.flush()
    stats.rebuild(session, units)
    stats.drop(session, document.id)


def _document_findings(session, document, units):
    """checks.run_document_checks on the units, through its public parts so that each unit
    is checked in its own context (`unit_context`: a PO entry's flags and plural forms)."""
    pairs = [(u.reference or "", u.target or "") for u in units]
    languages = checks.Languages(document.source_lang, document.target_lang)
    disabled = document.disabled_checks or ()
    context = checks.document_context([t for _, t in pairs],
                                      terms.context_for(session, document),
                                      languages.target_base)
    hits = checks.document_hits([(r, t, stats.origin_of(u.po_context, u.po_form))
                                 for u, (r, t) in zip(units, pairs)])
    memo = {}
    return [checks.with_document_hits(
        checks.run_checks(r, t, document.source_lang, document.target_lang,
                          unit_context(context, unit, memo), disabled),
        t, languages, disabled, hits[k]) for k, (unit, (r, t)) in enumerate(zip(units, pairs))]


def recheck_unchanged(session, document, units, prechecked=()):
    """Check `units` of `document` again, their texts unchanged (the check pass), by the
    path of a save (`recheck_units`): the findings of a whole re-check. `prechecked`: their
    findings computed before the lock (`precheck`), used when they still hold."""
    recheck_units(session, document, [_unchanged(unit) for unit in units],
                  prechecked=prechecked)


def recheck_saved(session, document, units, prechecked=()):
    """Check `units` again whole, slow checks included, after a save left those pending
    (checkpass.run_units): the same as `recheck_unchanged`, under a name of its own.
    `prechecked`: their findings computed before the lock (`precheck`), used when they
    still hold."""
    recheck_units(session, document, [_unchanged(unit) for unit in units],
                  prechecked=prechecked)


def _unchanged(unit):
    values = stats.measure_unit(unit)
    return _Edit(unit, values, values)


# ---------------------------------------------------------------------------------------------
# Incremental re-checks: after an edit, only the units whose findings can change are checked
# again, with the same results as recheck_document (tests/store/test_perf_recheck.py).
#
# What a unit's findings depend on, besides its own reference and target:
# - the document's styles (no-break spaces, apostrophes): decided from sums of per-unit counts
#   (stats.totals); when an edit flips a decision, the whole document is re-checked (rare:
#   it takes the edit that tips the balance of the whole document);
# - the other units, for the document-level checks (checks.DOCUMENT_CHECKS), which say what
#   they read of a unit (a summary, kept in its stats row) and which other units an edit
#   affects; the store asks them and knows no particular check. A check by groups (units of
#   equal references) names the groups to compute again (found by their summary:
#   stats.group); a check whose findings sit on the last unit with a summary (a « never
#   closed: the document's last quotation mark) says whether that unit must be looked up
#   (stats.last_holder) and which unchanged unit to check again;
# - the glossary and the memory of corrections: a correction learned by an edit changes the
#   suggestion of the untranslated phrases it corrects, so the units flagged with that phrase
#   are re-checked (glossary changes re-check the document: app/web/glossary.py).


class _Edit:
    """A unit whose text changed: its stats values before (None: it did not count, being new
    or inactive) and after (None: it no longer counts, being inactive); `alone`: {name:
    summary} of its summaries by groups that no other unit has (stats.store), when nothing
    else changes with it (one save), else empty."""

    def __init__(self, unit, before, after, alone=None):
        self.unit, self.before, self.after = unit, before, after
        self.alone = alone or {}


def _pending(session):
    return session.info.get("perf_rechecks")


@contextmanager
def rechecks(session):
    """Group the re-checks of several changes (a bulk operation) into one pass at the end."""
    if _pending(session) is not None:
        yield
        return
    batch = session.info["perf_rechecks"] = {"edits": {}, "learned": set(), "full": set()}
    try:
        yield
    finally:
        del session.info["perf_rechecks"]
    edits = list(batch["edits"].values())
    for document in {e.unit.document for e in edits}:
        if document.id in batch["full"]:
            recheck_document(session, document, defer=True)
        else:
            recheck_units(session, document,
                          [e for e in edits if e.unit.document is document], batch["learned"])


def _text_changed(session, unit, old_text, learned, prechecked=None, deferred=frozenset(),
                  stored=None):
    """Record that `unit`'s target changed from `old_text` (and which corrections it taught
    the memory); re-checks now, or at the end of the enclosing `rechecks` block.
    `prechecked`: the unit's findings computed before the lock (`precheck`); `deferred`: the
    slow checks left to the background (`left_to_background`); `stored`: its stats row's
    values read by its claim (`_claim_next_version`)."""
    batch, alone = _pending(session), {}
    before, after = stats.store(session, unit, old_text, alone=alone if batch is None else None,
                                stored=stored)
    if batch is None:
        if before is None:  # no stats row: the document's totals cannot be trusted
            recheck_document(session, unit.document, defer=True)
        else:
            recheck_units(session, unit.document, [_Edit(unit, before, after, alone)],
                          learned, prechecked=(prechecked,), deferred=deferred)
        return
    known = batch["edits"].get(unit.id)
    batch["edits"][unit.id] = _Edit(unit, known.before if known else before, after)
    batch["learned"].update(learned)
    if before is None and known is None:
        batch["full"].add(unit.document_id)


def alignment_changed(session, document, created, retired, kept=()):
    """After an alignment change (app/store/alignment.py, once the units are renumbered):
    `created` units became active (new or brought back), `retired` ones inactive, `kept`
    ones stayed but may have changed (pinned). Re-checks what the change can affect."""
    edits = [_Edit(u, None, stats.measure_unit(u)) for u in created]
    edits += [_Edit(u, stats.measure_unit(u), None) for u in retired]
    values = {u.id: stats.measure_unit(u) for u in kept}
    edits += [_Edit(u, values[u.id], values[u.id]) for u in kept]
    recheck_units(session, document, edits, positions_known=False)


def recheck_unit(session, unit):
    """Check `unit` again, its text unchanged (a dismissal was reopened)."""
    measured = stats.measure_unit(unit)
    recheck_units(session, unit.document, [_Edit(unit, measured, measured)])


def recheck_units(session, document, edits, learned=(), *, positions_known=True,
                  prechecked=(), deferred=frozenset()):
    """Bring the findings of `document` up to date after `edits` (see above); `learned`:
    memory phrases whose correction changed. `positions_known`: the edited units kept their
    place in the document (False after an alignment change). `prechecked`: units' per-unit
    findings computed before the lock (`precheck`'s answers; None for none), each used when
    it still holds.
    `deferred`: slow checks left out (a save): every unit checked here is marked pending."""
    session.flush()
    context = _context_after(session, document, edits, glossary=deferred is not EVERY_CHECK)
    if context is None:
        recheck_document(session, document, defer=True)
        return
    todo = {e.unit.id: e.unit for e in edits if e.unit.active}
    more = _flagged_with(session, document, learned)
    changes = [checks.Change(e.unit.id, e.unit.position, e.before, e.after) for e in edits]
    holders = {}
    for check in checks.DOCUMENT_CHECKS:
        if isinstance(check, checks.LastCheck):
            holders[check], also = _holder(session, document, check, changes,
                                           positions_known, bool(more - todo.keys()))
            more |= also
    todo.update((u.id, u) for u in _units(session, more - todo.keys()))
    # One unit changed, alone in a group: its members are known (issue 14: not read).
    alone = {(name, key): e.unit for e in edits[:1] if len(edits) == 1 and e.unit.active
             for name, key in e.alone.items()}
    group_hits, regrouped = _group_hits(session, document, changes, todo, alone)
    # One unit to store, and no other unit's findings changed by its groups: its change of
    # findings is the flush's only one, written at once (_write_findings).
    single = len(todo) == 1 and not regrouped
    disabled = document.disabled_checks or ()
    languages = checks.Languages(document.source_lang, document.target_lang)
    memo, ready = {}, {pre.unit_id: pre for pre in prechecked if pre is not None}
    for unit in todo.values():
        hits = {c.check.check_id: c.hits_of(unit.id, h) for c, h in holders.items()}
        hits.update(group_hits.get(unit.id, {}))
        if deferred is EVERY_CHECK and unit.id not in ready:
            # Every check left to the other process, which re-checks the unit whole (it is
            # marked pending below): its findings here are the document-level checks' hits
            # and its alignment findings only, and `context` has no glossary
            # (`_context_after`): no check runs in it.
            found = []
        else:
            own = unit_context(context, unit, memo)
            found = _still_valid(ready.get(unit.id), unit, own, disabled, learned)
            if found is None and deferred is EVERY_CHECK:
                found = []
            elif found is None:
                with without(deferred):
                    found = checks.run_checks(unit.reference, unit.target,
                                              document.source_lang, document.target_lang, own,
                                              disabled=disabled)
        _stored(unit, checks.with_document_hits(found, unit.target, languages, disabled, hits),
                alone=single)
    if deferred:
        _mark_pending(session, todo.values())
    session.flush()


def _context_after(session, document, edits, glossary=True):
    """The checks' context of `document` once `edits` are made (they are, in its totals), or
    None when they changed one of the document's styles (every unit must be checked again).
    `glossary` False: the caller runs no check in it (a save that leaves every check to the
    other process, EVERY_CHECK): only whether its styles change is decided, which the
    glossary does not enter (checks.context_from_counts), so the glossary is not read
    (issue 14: a statement and its terms a save) and the context given has none (nor
    any style when the edits change no style count)."""
    delta = [sum((e.after or {}).get(name, 0) - (e.before or {}).get(name, 0) for e in edits)
             for name in stats.STYLE_FIELDS]
    if not glossary and not any(delta):
        # No style decided: none can change, and no check reads them. The totals are not
        # read (a save's undo entry is re-stamped when they are, with the changes recorded
        # until then: stats.restamp), and the precheck's guess (`_seen_context`) keeps the
        # style sums it has, which this change left as they were.
        return _UNREAD
    style = _style(stats.totals(session, document.id))
    if glossary:
        base = terms.context_for(session, document)
        _saw_context(session, document.id, base.glossary, style)
    else:  # the precheck's guess of the glossary (`_seen_context`) stays the last one read
        base = _UNREAD
        _saw_context(session, document.id, _seen_context(session, document.id)[0], style)
    lang = _base_lang(document)
    context = checks.context_from_counts(base, lang, style)
    if not any(delta):  # the same sums decide the same styles (issue 14: not made twice)
        return context
    before = checks.context_from_counts(base, lang, [s - d for s, d in zip(style, delta)])
    if (context.nbsp, context.apostrophe) != (before.nbsp, before.apostrophe):
        return None
    return context


# The base of `_context_after`'s context when no check runs in it (built once: a Context
# costs its __post_init__).
_UNREAD = checks.Context()


def _flagged_with(session, document, learned):
    """The ids of the document's active units flagged with a phrase whose remembered
    correction changed (`learned`: normalised phrases)."""
    if not learned:
        return set()
    rows = session.execute(
        select(Finding.unit_id, Finding.text).join(Unit, Unit.id == Finding.unit_id)
        .where(Unit.document_id == document.id, Unit.active,
               Finding.category == "untranslated"))
    return {unit_id for unit_id, text in rows if normalise_phrase(text) in learned}


def _holder(session, document, check, changes, positions_known, others_checked):
    """For a `checks.LastCheck`: (the unit holding its findings after `changes`, the
    unchanged units whose findings of it may have changed). The holder among the unchanged
    units is looked up only when the check says it is needed (`others_checked`: unchanged
    units are checked again; one may hold it)."""
    other = None
    if check.needs_holder(changes, positions_known, others_checked):
        other = stats.last_holder(session, document.id, check.name,
                                  excluding=[c.unit for c in changes])
    return check.holder(changes, other), check.recheck(changes, other, positions_known)


def _group_hits(session, document, changes, todo, alone=None):
    """({unit id: {check id: hits}} of the checks by groups (`checks.GroupCheck`), for the
    groups that `changes` or the units of `todo` touch: each is computed again, and stored
    on its members that are not in `todo` (see `_regroup`); whether the findings of one of
    those members changed). `alone`: {(check name, key): unit} of the groups known to hold
    one active unit (not read)."""
    out, regrouped = {}, False
    for check in checks.DOCUMENT_CHECKS:
        if not isinstance(check, checks.GroupCheck):
            continue
        keys = check.keys(changes, (
            check.unit_summary(u.reference or "", u.target or "",
                               stats.origin_of(u.po_context, u.po_form))
            for u in todo.values()))
        for key in keys:
            only = (alone or {}).get((check.name, key))
            hits_of, changed = _regroup(session, document, check, key, todo, only)
            regrouped |= changed
            for unit_id, hits in hits_of.items():
                out.setdefault(unit_id, {})[check.check.check_id] = hits
    return out, regrouped


class Precheck:
    """A unit's per-unit findings for a new text, computed before the document's lock, with
    what they were computed from: the reference, the context (glossary, the document's
    styles after the change), the checks switched off, and the memory phrases the checks
    looked up with the memory's answers. `kept`: made by an earlier request (an autosaved
    draft, `keep_precheck`), not by the change that uses it."""

    def __init__(self, unit_id, reference, target, context, disabled, answers, found):
        self.unit_id, self.reference, self.target = unit_id, reference, target
        self.context, self.disabled, self.found = context, disabled, found
        self.answers, self.asked = answers, answers.keys()
        self.deferred, self.kept = frozenset(), False


def precheck(session, unit, text):
    """Run the per-unit checks on `text` as `unit`'s new target, in its document's context
    as it will be after the change, before the lock: the checks are pure functions of the
    texts and the context, so a long check keeps no writer waiting. Reads only (committed
    state). None when the session already holds the document's lock."""
    document = unit.document
    if _holds_lock(session, unit.document_id):
        return None
    # The glossary and the styles as the last change of the document made in this app saw
    # them under its lock (`_seen_context`), or else as the totals have them now, from the
    # rows when the totals are not stored. Both are read again under the lock: a difference
    # there makes the checks run again (`_still_valid`).
    glossary, totals = _seen_context(session, document.id)
    if totals is None:
        totals = _style(stats.peek(session, document.id)
                        or stats.style_sums(session, document.id))
    before, after = stats.measure_unit(unit), stats.measure_unit(unit, text)
    style = [total - before[name] + after[name]
             for total, name in zip(totals, stats.STYLE_FIELDS)]
    base, answers = terms.context_for(session, document, glossary), {}

    def recall(phrase):
        answers[phrase] = base.recall(phrase)
        return answers[phrase]

    context = unit_context(checks.context_from_counts(replace(base, recall=recall),
                                                      _base_lang(document), style), unit)
    disabled = tuple(document.disabled_checks or ())
    found = checks.run_checks(unit.reference, text, document.source_lang,
                              document.target_lang, context, disabled=disabled)
    return Precheck(unit.id, unit.reference, text, context, disabled, answers, found)


# How many units' kept prechecks (`keep_precheck`) an app's memo holds: emptied when full.
KEPT_PRECHECKS = 256


def keep_precheck(session, unit, text):
    """Run `unit`'s checks on `text`, an autosaved draft of it, as a save of that text would
    before the lock (`precheck`), and keep the result in the memo its app's sessions share
    (app/store/__init__.py: "prechecks"): in the browser a save usually follows the draft of
    its text (the editor autosaves 0.7 s after the last key), and it then finds its checks
    done (issue 14: they were a third of a save's time). What they were computed from is
    checked again under the save's lock, the memory's answers included (`_still_valid`)."""
    kept = session.info.get("prechecks")
    text = text.strip("\r\n")
    if kept is None or text == unit.target:
        return
    deferred = left_to_background(unit.document)
    with without(deferred):
        pre = precheck(session, unit, text)
    if pre is None:
        return
    pre.context = replace(pre.context, recall=None)  # not the draft's session (closed)
    pre.deferred, pre.kept = deferred, True
    if len(kept) >= KEPT_PRECHECKS and unit.id not in kept:
        kept.clear()  # one statement (dict.clear): safe while other threads read the memo
    kept[unit.id] = pre


def _kept_precheck(session, unit, text, deferred):
    """The precheck an autosaved draft of `text` kept for `unit` (`keep_precheck`), taken
    out of the memo; None when there is none for this text, reference and deferred checks."""
    pre = session.info.get("prechecks", {}).pop(unit.id, None)
    if (pre is None or pre.target != text or pre.reference != unit.reference
            or pre.deferred != deferred):
        return None
    return pre


# How many documents' contexts an app's memo keeps (`_saw_context`): emptied when full.
SEEN_CONTEXTS = 256


def _saw_context(session, document_id, glossary, style):
    """Keep the glossary and the style sums (in STYLE_FIELDS order) that a change of the
    document read under its lock, in the memo its app's sessions share (app/store/__init__.py:
    "seen_contexts"): the guess of the next save's precheck (issue 14: it read both before
    the lock, then its change read them again under it)."""
    seen = session.info.get("seen_contexts")
    if seen is None:
        return
    if len(seen) >= SEEN_CONTEXTS and document_id not in seen:
        seen.clear()  # one statement (dict.clear): safe while other threads read the memo
    seen[document_id] = (glossary, tuple(style))


def _seen_context(session, document_id):
    """(glossary, style sums) kept by `_saw_context`, or (None, None)."""
    seen = session.info.get("seen_contexts")
    return (seen or {}).get(document_id, (None, None))


def _still_valid(pre, unit, context, disabled, learned):
    """The findings of `pre` (a Precheck) when they are those of `unit` now: its text,
    reference, the context and the checks switched off are the same, and no memory phrase
    that its checks looked up was learned since (by this change; for a precheck an earlier
    request kept, by any: the memory is asked again); else None (the checks run again,
    under the lock)."""
    if (pre is None or pre.unit_id != unit.id or pre.target != unit.target
            or pre.reference != unit.reference
            or pre.context != context or pre.disabled != tuple(disabled)
            or pre.asked & set(learned)):
        return None
    if pre.kept and any(context.recall(phrase) != answer
                        for phrase, answer in pre.answers.items()):
        return None
    return pre.found


def _holds_lock(session, document_id):
    """True when the session's transaction holds the document's lock (see `lock`)."""
    held = session.info.get("document_locks")
    return bool(held and held[0] is session.get_transaction() and document_id in held[1])


def _units(session, ids):
    """The units with these ids (findings and dismissals loaded with them)."""
    ids = list(ids)
    return session.scalars(select(Unit).where(Unit.id.in_(ids))).all() if ids else []


def _regroup(session, document, check, key, todo, only=None):
    """Recompute the hits of `check` (a `checks.GroupCheck`) on its group `key`; store them
    on its members that are not in `todo` (when they changed: only that check's findings,
    which come from the group alone) and return ({unit id: hits} for the group, whether the
    findings of a member changed). `only`: the group's one member when that is known (its
    members are not read)."""
    check_id = check.check.check_id
    members = [only] if only is not None else stats.group(session, document.id, check.name,
                                                           key)
    hits = dict(zip((m.id for m in members),
                    check.hits([(m.reference, m.target) for m in members])))
    others = [m for m in members if m.id not in todo]
    if not others:
        return hits, False
    stored = {}
    for row in session.execute(select(Finding.unit_id, Finding.start, Finding.end,
                                      Finding.message, Finding.suggestion)
                               .where(Finding.unit_id.in_([m.id for m in others]),
                                      Finding.check_id == check_id)):
        stored.setdefault(row.unit_id, set()).add(tuple(row[1:]))
    languages = checks.Languages(document.source_lang, document.target_lang)
    disabled = document.disabled_checks or ()
    if check_id in disabled or not check.check.applies_to(languages):
        expected = {m.id: set() for m in others}
    else:
        expected = {m.id: {(h.start, h.end, h.message, h.suggestion) for h in hits[m.id]}
                    for m in others}
    stale = [m.id for m in others if stored.get(m.id, set()) != expected[m.id]]
    for member in _units(session, stale):
        found = checks.with_document_hits([], member.target, languages, disabled,
                                          {check_id: hits[member.id]})
        _replace_findings(member, _finding_rows(member, found), only=check_id)
    return hits, bool(stale)


def _claim_next_version(unit, text, state, moment, pending=False):
    """Take the document's lock (see `lock`), then move the unit to its next version in the
    database, with `text`, `state`, `moment` as its target, state and time of change and its
    draft cleared, only if nobody did meanwhile; `pending`: its slow checks are left to the
    background (`left_to_background`). The unit object takes these values as its committed
    state (they are written: nothing is left to flush). Returns the values of the unit's
    stats row as the same statement read them (stats.stored_values: `stats.store`'s
    `stored`).

    The conditional UPDATE is the optimistic lock: of two saves based on the same version,
    the second matches no row and gets an EditConflict instead of a lost update."""
    session = object_session(unit)
    _queue_writer(session)
    values = dict(version=unit.version + 1, target=text, state=state, updated_at=moment,
                  draft=None, draft_at=None, checks_pending=pending)
    taken, result = lock_document_writing(session, unit.document_id, _CLAIM,
                                          dict(unit_id=unit.id, base=unit.version, **values))
    claimed = result.first()  # (has findings, has dismissals) when the row was updated
    if claimed is None:
        raise EditConflict(unit, unit.version)
    if taken:  # what was read before the lock may be stale (see `lock`)
        has_findings, has_dismissals = claimed[:2]
        if has_dismissals:
            session.expire(unit, ["dismissals"])
        else:  # known empty: not read again (issue 14: a statement fewer)
            set_committed_value(unit, "dismissals", [])
        # Read now: every change reads them (a statement built once costs less than the
        # relationship's lazy load), unless the claim said there are none.
        set_committed_value(unit, "findings",
                            session.scalars(_FINDINGS, {"unit_id": unit.id}).all()
                            if has_findings else [])
    for name, value in values.items():
        set_committed_value(unit, name, value)
    return claimed[2:]


# Built once (a statement costs more to build than to run); a Core statement: no autoflush.
_UNIT = Unit.__table__
_FINDINGS = (select(Finding).where(Finding.unit_id == bindparam("unit_id"))
             .order_by(Finding.start, Finding.end, Finding.check_id))
# The claim also says whether the unit has findings and dismissals (read under the lock, in
# the same statement): none to load when it has none (issue 14: most units have none); and
# the values of its stats row, the old text's (issue 14: not measured again).
_CLAIM = (update(_UNIT).where(_UNIT.c.id == bindparam("unit_id"),
                              _UNIT.c.version == bindparam("base"))
          .values({_UNIT.c[name]: bindparam(name, type_=_UNIT.c[name].type)
                   for name in ("version", "target", "state", "updated_at", "draft",
                                "draft_at", "checks_pending")})
          .returning(*(select(table.c.id).where(table.c.unit_id == bindparam("unit_id"))
                       .exists() for table in (Finding.__table__, Dismissal.__table__)),
                     *stats.stored_values(bindparam("unit_id"))))


# SQLite has one writer at a time, and a writer that finds the database locked sleeps and
# retries (busy_timeout: sleeps of up to 100 ms), so under many concurrent saves some wait
# far longer than the saves ahead of them took. The writers of one process queue here
# instead, and each starts as soon as the one before it ends. A writer waits at most
# WRITER_WAIT seconds here, then goes on to SQLite's own waiting (no deadlock with a writer
# that took SQLite's lock another way).
_SQLITE_WRITER = threading.Lock()
WRITER_WAIT = 5.0
_WAITING = set()  # the threads waiting in the queue (a lock is not first come, first served)


def _queue_writer(session):
    if (not session.info.get("sqlite_writer")
            and session.get_bind().dialect.name == "sqlite"):
        session.connection()  # the transaction exists: its end releases the queue
        me = threading.get_ident()
        _WAITING.add(me)
        try:
            session.info["sqlite_writer"] = _SQLITE_WRITER.acquire(timeout=WRITER_WAIT)
        finally:
            _WAITING.discard(me)


def writers_waiting():
    """True while writers of this process wait for the queue: a long series of writes (a
    check pass) lets them in between two of its transactions."""
    return bool(_WAITING)


@event.listens_for(Session, "after_transaction_end")
def _writer_done(session, transaction):
    if transaction.parent is None and session.info.pop("sqlite_writer", False):
        _SQLITE_WRITER.release()


def lock(session, document_id, *units):
    """Queue behind the document's other writers (app.store.lock_document) before the first
    write. When the lock is taken here, what was read before it may be stale: the findings
    of `units` (others may have re-checked them: a unit of the same group), or everything
    when no unit is named (a bulk change reads its units after this)."""
    _queue_writer(session)
    if lock_document(session, document_id):
        if not units:
            session.expire_all()
        for unit in units:
            session.expire(unit, ["findings", "dismissals"])


def new_operation(session, doc, kind, description, author, *, label, detail=None,
                  restamp=True, later=False):
    """A new entry of the document's undo history (written at once). `label`: what its Undo
    button says ("edit of segment 8"). `restamp`: the caller records the totals' changes as
    it makes them (stats.add), so the stored totals stay current (an alignment change
    leaves them to be computed again); `later`: re-stamped with the changes recorded after
    it (stats.restamp)."""
    stats.restamp_due(session, doc.id)  # an entry's restamp waiting runs before the next
    operation = Operation(document_id=doc.id, created_at=utcnow(), author=author, kind=kind,
                          description=description, retired=[], created=[], undone=False,
                          detail=dict(detail or {}, label=label, **_said(label, description)))
    _insert_operation(session, operation)
    if restamp:
        stats.restamp(session, doc.id, operation.id, later=later)
    return operation


def _insert_operation(session, operation):
    """Write the new `operation` by an INSERT built once and make it persistent in `session`
    as a flush would (issue 14: the unit of work's flush of one object cost a save twice as
    much); what the session holds pending is flushed first, as before."""
    session.flush()
    values = {name: getattr(operation, name) for name in _OPERATION_COLUMNS}
    operation.id = execute(session, _ADD_OPERATION, values).inserted_primary_key[0]
    make_transient_to_detached(operation)  # its values become its committed state
    session.add(operation)
    stats.operation_recorded(session, operation)


_OPERATION_COLUMNS = [c.key for c in Operation.__table__.c if c.key != "id"]
_ADD_OPERATION = insert(Operation.__table__)


def _said(label, description):
    """What an entry keeps to show its label and description in the reader's language (when
    they are messages.Text): {"said": {"label": ..., "description": ...}}; its `description`
    column stays the English text (the PO files, the exports and older readers)."""
    said = {name: kept for name, kept in (("label", stored(label)),
                                          ("description", stored(description)))
            if kept is not None}
    return {"said": said} if said else {}


def change(unit, *, text, state, kind, author, operation=None, record=None,
           findings_later=False):
    """Record a new revision of `unit`: the one way its text or state changes. When the
    text changes, the checks run again on what the change can affect (see recheck_units).
    A new text longer than the limit is refused (limits.TooLarge) before anything is done.
    `record`: the label of a new entry of the undo history for this change alone (of
    `kind`), made once the unit is claimed (none when `operation` is given).
    `findings_later`: the caller's answer can wait for the unit's findings (the browser's
    row polls for them): its checks may be left to another process (CHECKS_APART)."""
    session = object_session(unit)
    if text != unit.target:
        limits.check_segment(text, limits_of(session), limits.segment(unit.uid))
    _check_text(text)
    old_text, old_state, learned = unit.target, unit.state, set()
    prechecked, deferred = None, frozenset()
    if text != old_text and _pending(session) is None:  # not a bulk change: one unit
        deferred = left_to_background(unit.document)
        prechecked = _kept_precheck(session, unit, text, deferred)
        if prechecked is None and findings_later and session.info.get(CHECKS_APART):
            deferred = EVERY_CHECK
        elif prechecked is None:
            with without(deferred):
                prechecked = precheck(session, unit, text)
    stored = _claim_next_version(unit, text, state, utcnow(),
                                 pending=bool(deferred) or bool(unit.checks_pending))
    if deferred:
        session.info[CHECKS_LEFT] = True
    if operation is None and record is not None:
        operation = new_operation(session, unit.document, kind, capitalized(record),
                                  author, label=record, detail={"unit": unit.id}, later=True)
        if unit.active:  # the document's newest entry while this transaction holds its lock
            session.info[MADE] = operation
    if text != old_text and kind in ("edit", "replace"):
        untranslated = [f.text for f in unit.findings if f.category == "untranslated"]
        if untranslated:
            learned = terms.learn(session, unit.document, old_text, text, untranslated, author)
    stats.add(session, unit.document_id, **stats.state_delta(old_state, state))
    _add_revision(unit, author=author, kind=kind, state=state, text=text, operation=operation)
    # Left out on purpose: a confirmed OMISSION, or a text emptied by any other change (a
    # revert, undo or redo to an omission, a replace) while the MT had one. A new text unmarks
    # it; an empty MT brought back is an alignment gap again.
    if text != old_text:
        omitted = kind == OMISSION or (not text and bool(unit.mt))
    else:
        omitted = unit.omitted or kind == OMISSION
    marked = omitted != unit.omitted
    if marked:  # set only when it changes: an unchanged value still makes the unit dirty
        unit.omitted = omitted  # (a flush with nothing to write, at every save)
    if text != old_text:
        _text_changed(session, unit, old_text, learned, prechecked, deferred, stored)
    elif marked:  # the alignment finding of an empty segment comes or goes
        recheck_unit(session, unit)
    _touch(unit.document, unit.updated_at)
    return unit


def _add_revision(unit, *, operation, **values):
    """Record the unit's revision at its current version. Written at once by an INSERT when
    the session holds nothing it would change: the unit's revisions not loaded, the operation
    (if any) already written (a save: no flush of a new object); else added as a Revision
    through the revision's side (the unit's other revisions are not loaded)."""
    session = object_session(unit)
    if "revisions" not in inspect(unit).unloaded or (operation is not None
                                                     and operation.id is None):
        session.add(Revision(unit=unit, version=unit.version, operation=operation, **values))
        return
    execute(session, _ADD_REVISION, dict(values, unit_id=unit.id, version=unit.version,
                                         operation_id=operation and operation.id))


_ADD_REVISION = insert(Revision.__table__)  # created_at: the column's default


def _touch(document, moment):
    """Record that the document changed at `moment`, to the minute (the precision of a PO
    file's revision date): the row is written once a minute at most, not at every save (on
    SQLite, writing a row rewrites it whole, the document's full texts included)."""
    last = document.updated_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=timezone.utc)
    if last is None or last.replace(second=0, microsecond=0) != \
            moment.replace(second=0, microsecond=0) or moment < last:
        document.updated_at = moment


def save_target(session, unit, text, *, author, base_version, omit=False,
                findings_later=False):
    """Store `text` as a new revision of `unit` and re-run its checks (or leave them to
    another process, see `change`: `findings_later`).

    Line breaks at either end are dropped (a unit is running text; gettext refuses a msgstr
    that starts or ends with a line break its msgid lacks). Raises EditConflict when
    `base_version` is not the unit's current version. An empty text (or only spaces) is
    saved only when `omit` confirms it, as a deliberate omission (`omit_unit`); EmptyText
    when it would clear the segment unconfirmed."""
    text = text.strip("\r\n")
    limits.check_segment(text, limits_of(session), limits.segment(unit.uid))
    if base_version != unit.version:
        raise EditConflict(unit, base_version)
    if not text.strip() and (omit or unit.target):
        if not omit:
            raise EmptyText(N_("Segment %(n)s would be saved empty. Confirm that it is left "
                               "out on purpose (a deliberate omission), or type its text. "
                               "Nothing was saved."), n=unit.position + 1)
        return omit_unit(session, unit, author=author)
    if text == unit.target:
        unit.draft = unit.draft_at = None
        return unit
    change(unit, text=text, state=STATE_EDITED, kind="edit", author=author,
           record=Text(N_("edit of segment %(n)s"), n=unit.position + 1),
           findings_later=findings_later)
    session.flush()
    return unit


def omit_unit(session, unit, *, author):
    """Record `unit` as left out on purpose: its text empty, a revision of kind OMISSION
    (to be reviewed, as an edit is), no alignment finding for the missing text."""
    unit.draft = unit.draft_at = None
    if unit.omitted and not unit.target:
        return unit
    change(unit, text="", state=STATE_EDITED, kind=OMISSION, author=author,
           record=Text(N_("omission of segment %(n)s"), n=unit.position + 1))
    session.flush()
    return unit


def approve(session, unit, *, author, base_version):
    """Mark the unit's current text as approved (a revision of kind "approve")."""
    if base_version != unit.version:
        raise EditConflict(unit, base_version)
    if unit.state == STATE_APPROVED:
        return unit
    change(unit, text=unit.target, state=STATE_APPROVED, kind="approve", author=author,
           record=Text(N_("approval of segment %(n)s"), n=unit.position + 1))
    session.flush()
    return unit


def progress(session, document_ids=None):
    """{document_id: {"segments", "flagged", "edited", "approved"}}: the stored totals of
    the documents that have current ones (app/store/stats.py), one grouped query over the
    units of the others (flagged: units with an open finding)."""
    names = ("segments", "flagged", "edited", "approved")
    stats.restamp_due(session)  # the transaction's own restamps waiting (stats.restamp)
    stamp = (select(func.coalesce(func.max(Operation.id), 0))
             .where(Operation.document_id == stats.DocumentStats.document_id)
             .scalar_subquery())
    stored = select(stats.DocumentStats.document_id,
                    *(getattr(stats.DocumentStats, n) for n in names)).where(
        stats.DocumentStats.stamp == stamp)
    if document_ids is not None:
        document_ids = list(document_ids)
        stored = stored.where(stats.DocumentStats.document_id.in_(document_ids))
    out = {row[0]: dict(zip(names, row[1:])) for row in session.execute(stored)}
    flagged = select(Finding.id).where(Finding.unit_id == Unit.id).exists()
    query = (select(Unit.document_id,
                    func.count(Unit.id),
                    func.sum(case((flagged, 1), else_=0)),
                    func.sum(case((Unit.state == STATE_EDITED, 1), else_=0)),
                    func.sum(case((Unit.state == STATE_APPROVED, 1), else_=0)))
             .where(Unit.active, Unit.document_id.not_in(list(out)))
             .group_by(Unit.document_id))
    if document_ids is not None:
        query = query.where(Unit.document_id.in_([i for i in document_ids if i not in out]))
    out.update((doc_id, dict(zip(names, (int(v or 0) for v in row))))
               for doc_id, *row in session.execute(query))
    return out


def find_by_slug(session, slug):
    """The document with this slug, or None."""
    return session.scalar(select(Document).where(Document.slug == slug))


def find_by_title(session, title):
    """The first document with this title, or None."""
    return session.scalar(select(Document).where(Document.title == title).limit(1))


def list_documents(session):
    """All documents, most recently changed first (their full texts are loaded only when
    read)."""
    return session.scalars(select(Document)
                           .options(defer(Document.reference_text), defer(Document.target_text))
                           .order_by(Document.updated_at.desc(), Document.id.desc())).all()


def get_document(session, slug):
    """The document with this slug, or None (its full texts are loaded only when read)."""
    return session.scalar(select(Document).where(Document.slug == slug).options(*_LIGHT))


_LIGHT = (defer(Document.reference_text), defer(Document.target_text))


def get_unit(session, unit_id):
    """The unit with this id and its document (whose full texts are loaded only when read),
    or None. Its findings and dismissals are loaded when first read: a change reads them
    after taking the document's lock (see `lock`).

    The document is the statement's second entity, given to the unit as its loaded
    `document` (as a joined eager load does): issue 14, the eager load's row processing
    cost every request on a unit more CPU than a second entity's."""
    row = session.execute(_GET_UNIT, {"unit_id": unit_id}).first()
    if row is None:
        return None
    unit, document = row
    if "document" in inspect(unit).unloaded:  # not when the session had it loaded already
        set_committed_value(unit, "document", document)
    return unit


# Built once: the statement of every request on a unit (Session.get would build one, with
# its loader options, each time).
_GET_UNIT = (select(Unit, Document).join(Unit.document)
             .options(*_LIGHT, lazyload(Unit.findings), lazyload(Unit.dismissals))
             .where(Unit.id == bindparam("unit_id")))


def last_revision(session, unit):
    """The unit's latest revision (its other revisions are not read: a unit edited often
    has many)."""
    return session.scalars(_LAST_REVISION, {"unit_id": unit.id}).first()


_LAST_REVISION = (select(Revision).where(Revision.unit_id == bindparam("unit_id"))
                  .order_by(Revision.version.desc()).limit(1))


def quality(document):
    """MQM-style quality of the document's current text (open findings only), from SQL
    aggregates: penalties by severity over the findings, words from the units' stats."""
    return counters(object_session(document), document)[1]


def counters(session, document, *, store=True):
    """(progress counts as `progress` gives them, quality score) of one document, from its
    stored totals (see app/store/stats.py; stale ones computed, and stored unless `store`
    is False: a page view writes nothing)."""
    totals = stats.totals(session, document.id, store=store)
    counts = {name: totals[name] for name in ("segments", "flagged", "edited", "approved")}
    return counts, mqm_counts({s: totals[s] for s in stats.SEVERITY_FIELDS}, totals["words"])
