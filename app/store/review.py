"""Review workflow: revert, bulk approve and revert, replace across a document, drafts,
comments, dismissals, undo of text changes, filters, and post-editing effort."""
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import NamedTuple

from sqlalchemy import (Integer, bindparam, func, literal_column, null, or_, select, type_coerce,
                        union_all)
from sqlalchemy.orm import object_session

from app.core import checks, diff, limits, values
from app.core import replace as replacing
from app.core.messages import N_, Counted, Explained, Text
from app.store import alignment, documents, execute, history, limits_of, stats
from app.store.models import (STATE_APPROVED, STATE_EDITED, STATE_MT, Comment, Dismissal,
                              Finding, Operation, Revision, Unit, utcnow)


class ReviewError(Explained, ValueError):
    """The change cannot be made (the message says why, for the translator: a msgid and its
    values, app.core.messages)."""


def _state_for(unit, text):
    return STATE_MT if text == unit.mt else STATE_EDITED


def _check_version(unit, base_version):
    if base_version is not None and base_version != unit.version:
        raise documents.EditConflict(unit, base_version)


def revert(session, unit, version, *, author, base_version=None, operation=None):
    """Bring back the text of an earlier revision (version 1: the MT) as a new revision."""
    _check_version(unit, base_version)
    old = next((r for r in unit.revisions if r.version == version), None)
    if old is None:
        raise ReviewError(N_("Segment %(n)s has no version %(version)s."),
                          n=unit.position + 1, version=version)
    if old.text == unit.target and unit.state != STATE_APPROVED:
        return unit
    return documents.change(unit, text=old.text, state=_state_for(unit, old.text), kind="revert",
                            author=author, operation=operation,
                            record=Text(N_("revert of segment %(n)s"), n=unit.position + 1))


# Wordings of earlier history rows, before their counts had plural forms: kept in the
# interface's catalog so that those rows are still shown translated.
EARLIER_WORDINGS = (N_("Approved %(n)s segments"), N_("approval of %(n)s segments"),
                    N_("Reverted %(n)s segments to MT"), N_("revert of %(n)s segments to MT"),
                    N_("Replaced “%(old)s” with “%(new)s” (%(total)s times in %(n)s segments)"),
                    N_("Replaced “%(old)s” with “%(new)s” (%(total)s chosen occurrences in "
                       "%(n)s segments)"), N_("replace of “%(old)s” in %(n)s segments"),
                    N_("Applied “%(new)s” for “%(old)s” in %(n)s segments"),
                    N_("suggestion “%(new)s” applied in %(n)s segments"))


def _replace_label(pattern, n):
    """The undo label of a replace across `n` segments."""
    return Counted("replace of “%(old)s” in %(n)s segment", "replace of “%(old)s” in %(n)s "
                   "segments", old=pattern, n=n)


def _operation(session, doc, kind, description, author, label):
    return documents.new_operation(session, doc, kind, description, author, label=label)


@dataclass
class BulkResult:
    """What a bulk change did: its operation (None when it changed nothing), how many units
    it changed, and how many it skipped because they changed since the reviewer saw them."""
    operation: Operation | None
    changed: int
    skipped: int


def _as_seen(units, seen):
    """The units still at the version the reviewer saw (`seen`: unit id -> version; None:
    no check), and how many are not. Read after the document's lock (fresh values)."""
    if seen is None:
        return list(units), 0
    fresh = [u for u in units if seen.get(u.id) == u.version]
    return fresh, len(units) - len(fresh)


def bulk_approve(session, doc, units, *, author, seen=None):
    """Approve every unit given that is not approved yet and, with `seen`, still holds the
    version the reviewer saw (the text they approve), as one undoable operation."""
    documents.lock(session, doc.id)
    fresh, skipped = _as_seen(units, seen)
    todo = [u for u in fresh if u.state != STATE_APPROVED]
    if not todo and not skipped:
        raise ReviewError(N_("Every selected segment is already approved."))
    if not todo:
        return BulkResult(None, 0, skipped)
    op = _operation(session, doc, "bulk-approve",
                    Counted("Approved %(n)s segment", "Approved %(n)s segments", n=len(todo)),
                    author, Counted("approval of %(n)s segment", "approval of %(n)s segments",
                                    n=len(todo)))
    for unit in todo:
        documents.change(unit, text=unit.target, state=STATE_APPROVED, kind="approve",
               author=author, operation=op)
    session.flush()
    return BulkResult(op, len(todo), skipped)


def bulk_revert(session, doc, units, *, author, seen=None):
    """Put the MT back in every unit given (with `seen`: that still holds the version the
    reviewer saw), as one undoable operation."""
    documents.lock(session, doc.id)
    fresh, skipped = _as_seen(units, seen)
    todo = [u for u in fresh if u.target != u.mt or u.state != STATE_MT]
    if not todo and not skipped:
        raise ReviewError(N_("The selected segments already hold their machine translation."))
    if not todo:
        return BulkResult(None, 0, skipped)
    op = _operation(session, doc, "bulk-revert",
                    Counted("Reverted %(n)s segment to MT", "Reverted %(n)s segments to MT",
                            n=len(todo)), author,
                    Counted("revert of %(n)s segment to MT", "revert of %(n)s segments to MT",
                            n=len(todo)))
    with documents.rechecks(session):
        for unit in todo:
            documents.change(unit, text=unit.mt, state=STATE_MT, kind="revert", author=author,
                             operation=op)
    session.flush()
    return BulkResult(op, len(todo), skipped)


@dataclass
class PlannedChange:
    """One unit that a replace-all would change, with its word diff."""
    unit: Unit
    new: str
    count: int
    ops: list


def plan_replace(doc, pattern, replacement, *, regex=False, case_sensitive=True,
                 whole_word=False):
    """What replace-all would do: the units it changes, each with a diff (nothing saved)."""
    units = doc.units
    try:
        plan = replacing.plan_replace([u.target for u in units], pattern, replacement,
                                      regex=regex, case_sensitive=case_sensitive,
                                      whole_word=whole_word)
    except replacing.ReplaceError as exc:
        raise ReviewError.wrapping(exc) from None
    return [PlannedChange(units[r.index], r.new, r.count, diff.diff_words(r.old, r.new))
            for r in plan]


def replace_all(session, doc, pattern, replacement, *, author, **options):
    """Apply a replace-all as revisions grouped in one undoable operation."""
    documents.lock(session, doc.id)
    plan = plan_replace(doc, pattern, replacement, **options)
    if not plan:
        raise ReviewError(N_("Nothing matches: no segment would change."))
    total = sum(p.count for p in plan)
    op = _operation(session, doc, "replace",
                    Counted("Replaced “%(old)s” with “%(new)s” in %(n)s segment (occurrences: "
                            "%(total)s)", "Replaced “%(old)s” with “%(new)s” in %(n)s segments "
                            "(occurrences: %(total)s)", old=pattern, new=replacement, total=total,
                            n=len(plan)),
                    author, _replace_label(pattern, len(plan)))
    with documents.rechecks(session):
        for p in plan:
            documents.change(p.unit, text=p.new, state=STATE_EDITED, kind="replace",
                             author=author, operation=op)
    session.flush()
    return op


def plan_occurrences(doc, pattern, replacement, *, regex=False, case_sensitive=True,
                     whole_word=False):
    """Every occurrence a replace would change, as (unit, [replacing.Occurrence]) in
    document order (nothing saved): the preview offers each one on its own."""
    units = doc.units
    try:
        found = replacing.occurrences([u.target for u in units], pattern, replacement,
                                      regex=regex, case_sensitive=case_sensitive,
                                      whole_word=whole_word)
    except replacing.ReplaceError as exc:
        raise ReviewError.wrapping(exc) from None
    by_unit = {}
    for occurrence in found:
        by_unit.setdefault(occurrence.index, []).append(occurrence)
    return [(units[index], items) for index, items in by_unit.items()]


@dataclass
class ReplaceResult:
    """What a replace of chosen occurrences did: its operation (None: nothing replaced),
    how many occurrences it replaced in how many segments, and the numbers of the segments
    skipped because they changed since the preview."""
    operation: Operation | None
    replaced: int
    segments: int
    skipped: list


def replace_selected(session, doc, pattern, replacement, selection, *, author, **options):
    """Replace only the chosen occurrences (`selection`: unit id -> (the version the preview
    showed, {occurrence numbers})), as one undoable operation. A unit changed since the
    preview is skipped (its number is in the result's `skipped`)."""
    documents.lock(session, doc.id)
    planned = {u.id: (u, items) for u, items in plan_occurrences(doc, pattern, replacement,
                                                                  **options)}
    by_id = {u.id: u for u in doc.units}
    todo, skipped = [], []
    for unit_id, (version, numbers) in selection.items():
        unit, items = planned.get(unit_id, (by_id.get(unit_id), []))
        chosen = [o for o in items if o.number in numbers]
        if unit is None or unit.version != version or len(chosen) != len(numbers):
            skipped.append(unit.position + 1 if unit is not None else None)
            continue
        todo.append((unit, chosen))
    if not todo:
        return ReplaceResult(None, 0, 0, skipped)
    return _replace_chosen(session, doc, todo, skipped, pattern, replacement, author)


def _replace_chosen(session, doc, todo, skipped, pattern, replacement, author):
    total = sum(len(chosen) for _, chosen in todo)
    op = _operation(session, doc, "replace",
                    Counted("Replaced “%(old)s” with “%(new)s” in %(n)s segment (chosen "
                            "occurrences: %(total)s)", "Replaced “%(old)s” with “%(new)s” in "
                            "%(n)s segments (chosen occurrences: %(total)s)", old=pattern,
                            new=replacement, total=total, n=len(todo)),
                    author, _replace_label(pattern, len(todo)))
    try:
        with documents.rechecks(session):
            for unit, chosen in sorted(todo, key=lambda t: t[0].position):
                documents.change(unit, text=replacing.substitute(unit.target, chosen),
                                 state=STATE_EDITED, kind="replace", author=author,
                                 operation=op)
    except replacing.ReplaceError as exc:
        raise ReviewError.wrapping(exc) from None
    session.flush()
    return ReplaceResult(op, total, len(todo), skipped)


def search_pattern(flt):
    """The compiled pattern of a UnitFilter's search (None without one), case ignored as the
    filter ignores it (ReviewError for a bad regex)."""
    if not flt.query:
        return None
    try:
        return replacing.compile_pattern(flt.query, regex=flt.regex, case_sensitive=False)
    except replacing.ReplaceError as exc:
        raise ReviewError.wrapping(exc) from None


def hits(pattern, side, unit):
    """(spans in the reference, spans in the target) of the search's matches in `unit`, on
    the side(s) searched (`side`: both, reference or target)."""
    ref = replacing.spans(pattern, unit.reference) if side != "target" else []
    tgt = replacing.spans(pattern, unit.target) if side != "reference" else []
    return ref, tgt


@dataclass
class SearchCount:
    """How many times a search occurs, in how many segments."""
    occurrences: int
    segments: int


def search_count(session, doc, flt):
    """The occurrences of the filter's search among all the units that pass the filter (not
    only the window shown), or None without a search."""
    pattern = search_pattern(flt)
    if pattern is None:
        return None
    if not flt.regex:  # the database's LIKE picks the units first (a rare word: a few)
        stats.ensure(session, doc.id)
    rows = session.execute(_matching(doc, flt).with_only_columns(Unit.reference, Unit.target))
    ref, tgt = flt.side != "target", flt.side != "reference"
    counts = [(ref and pattern.count(r.reference)) + (tgt and pattern.count(r.target))
              for r in rows]
    return SearchCount(sum(counts), sum(1 for c in counts if c))


def undo_text_operation(session, operation, *, author):
    """Undo a text change: each unit it touched gets its previous text back (refused when
    that would overwrite a later change: see app/store/history.py)."""
    return undo(session, operation, author=author)


def save_draft(session, unit, text, *, base_version, warm=True):
    """Keep typed text that is not saved yet (autosave); no revision. Its checks run first,
    before anything is written, and are kept for a save of the same text
    (`documents.keep_precheck`). With `warm`, the slow checks (French grammar) run on it
    too, so that the re-check of this process after a save of the same text finds them
    done (their memo is per process: pointless when another process re-checks saved
    units)."""
    limits.check_segment(text, limits_of(session), limits.segment(unit.uid), nothing="kept")
    _check_version(unit, base_version)
    documents.keep_precheck(session, unit, text)
    doc = unit.document
    if warm:
        documents.warm_slow_checks(doc.source_lang, doc.target_lang,
                                   checks.deferred_ids(doc.source_lang, doc.target_lang,
                                                       doc.disabled_checks or ()),
                                   [(unit.reference, text.strip("\r\n"))])
    unit.draft = None if text == unit.target else text
    unit.draft_at = utcnow() if unit.draft is not None else None
    session.flush()


def add_comment(session, unit, text, *, author):
    """Add a comment to a unit (values.comment: ReviewError when it is empty or holds a
    control or bidi character)."""
    try:
        text = values.comment(text, "The comment")
    except values.InvalidValue as exc:
        raise ReviewError.wrapping(exc) from None
    comment = Comment(unit=unit, author=author, text=text)
    session.add(comment)
    session.flush()
    return comment


def is_changed(unit):
    """True when the unit's text or state differs from the imported MT."""
    return unit.target != unit.mt or unit.state != STATE_MT


def changed_units(doc, *, since=None, author=None):
    """Units whose text changed since the MT (approvals alone do not count: see
    approved_unchanged), optionally since a time and/or by an author."""
    return [u for u in doc.units if u.target != u.mt and _touched(u, since, author)]


def approved_unchanged(doc, *, since=None, author=None):
    """Units approved with their MT text unchanged, with the same filters."""
    return [u for u in doc.units if u.target == u.mt and u.state == STATE_APPROVED
            and _touched(u, since, author)]


def _touched(unit, since, author):
    """Whether a revision after the MT was made since `since` and by `author` (either
    None: any)."""
    if since is None and author is None:
        return True
    return any(r.version > 1 and (since is None or _aware(r.created_at) >= _aware(since))
               and (author is None or r.author == author) for r in unit.revisions)


def _aware(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def effort(doc):
    """(per-unit HTER list, document HTER): word edits from the MT over the words of the
    final text (TER without shifts, see app.core.diff.hter)."""
    per_unit = [diff.hter(u.mt, u.target) for u in doc.units]
    edits = sum(diff.edit_distance(u.mt, u.target) for u in doc.units)
    words = sum(diff.word_count(u.target) for u in doc.units)
    return per_unit, (edits / words if words else 0.0)


@dataclass
class UnitFilter:
    """Filters of the document page (all optional); `query` is plain text or a regex."""
    state: str = ""
    category: str = ""
    query: str = ""
    regex: bool = False
    side: str = "both"  # both, reference, target
    check: str = ""  # a check id: units with an open finding of that check (the API's filter)
    flagged: bool | None = None  # True: units with an open finding; False: without (API)

    @property
    def active(self):
        return bool(self.state or self.category or self.query or self.check
                    or self.flagged is not None)


def _matching(doc, flt, after=None):
    """The SELECT of the document's active units that pass the state, category, check,
    flagged and plain text parts of `flt`, in document order (a regex is applied by the
    callers); `after`: only the units after that position."""
    query = select(Unit).where(Unit.document_id == doc.id, Unit.active)
    if after is not None:
        query = query.where(Unit.position > after)
    if flt.state:
        query = query.where(Unit.state == flt.state)
    if flt.category:
        query = query.where(select(Finding.id).where(Finding.unit_id == Unit.id,
                                                     Finding.category == flt.category).exists())
    if flt.check:
        query = query.where(select(Finding.id).where(Finding.unit_id == Unit.id,
                                                     Finding.check_id == flt.check).exists())
    if flt.flagged is not None:
        flagged = select(Finding.id).where(Finding.unit_id == Unit.id).exists()
        query = query.where(flagged if flt.flagged else ~flagged)
    if flt.query and not flt.regex:
        # Case-insensitive (Unicode case folding) substring search on the folded texts.
        pattern = "%" + _escape_like(flt.query.casefold()) + "%"
        ref = stats.UnitStats.ref_folded.like(pattern, escape="\\")
        tgt = stats.UnitStats.tgt_folded.like(pattern, escape="\\")
        query = query.join(stats.UnitStats, stats.UnitStats.unit_id == Unit.id).where(
            {"reference": ref, "target": tgt}.get(flt.side, or_(ref, tgt)))
    return query.order_by(Unit.position)


def _escape_like(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _pattern(flt):
    if not (flt.query and flt.regex):
        return None
    try:
        return replacing.compile_pattern(flt.query, regex=True, case_sensitive=False)
    except replacing.ReplaceError as exc:
        raise ReviewError.wrapping(exc) from None


REGEX_CHUNK = 1000  # units read at a time when a regex filter scans the document


def _regex_ids(session, doc, flt, pattern, after=None):
    """Ids of the units passing `flt` whose text `pattern` matches, in document order (after
    the position `after`), read from the database a chunk at a time (a regex cannot be given
    to the database: this is the one filter whose cost grows with the document)."""
    base = _matching(doc, flt).with_only_columns(Unit.id, Unit.position, Unit.reference,
                                                 Unit.target)
    pick = {"reference": lambda r: r.reference, "target": lambda r: r.target}.get(
        flt.side, lambda r: r.reference + "\n" + r.target)
    last = after
    while True:
        query = base if last is None else base.where(Unit.position > last)
        rows = session.execute(query.limit(REGEX_CHUNK)).all()
        for row in rows:
            if pattern.search(pick(row)):
                yield row.id
        if len(rows) < REGEX_CHUNK:
            return
        last = rows[-1].position


def filtered_units(session, doc, flt, *, offset=0, limit=None, after=None):
    """The units that pass `flt` (a UnitFilter), in document order, from `offset` (or after
    the position `after`: the API's cursor), at most `limit` of them: the database filters
    and pages (LIMIT/OFFSET), except for a regex, which is matched here while reading the
    document in chunks. ReviewError for a bad regex."""
    pattern = _pattern(flt)
    if pattern is None:
        if flt.query:
            stats.ensure(session, doc.id)
        query = _matching(doc, flt, after).offset(offset)
        return session.scalars(query if limit is None else query.limit(limit)).all()
    ids = []
    for unit_id in _regex_ids(session, doc, flt, pattern, after):
        ids.append(unit_id)
        if limit is not None and len(ids) >= offset + limit:
            break
    ids = ids[offset:]
    units = {}
    for start in range(0, len(ids), 500):
        units.update((u.id, u) for u in session.scalars(
            select(Unit).where(Unit.id.in_(ids[start:start + 500]))))
    return [units[i] for i in ids]


def filtered_index(session, doc, flt, uid):
    """Where the unit `uid` stands among the units that pass `flt` (None: it does not)."""
    unit = find_unit(session, doc, uid)
    if unit is None:
        return None
    pattern = _pattern(flt)
    if pattern is None:
        if flt.query:
            stats.ensure(session, doc.id)
        matching = _matching(doc, flt).subquery()
        found = session.scalar(select(func.count()).select_from(matching)
                               .where(matching.c.id == unit.id))
        if not found:
            return None
        return session.scalar(select(func.count()).select_from(matching)
                              .where(matching.c.position < unit.position))
    for index, unit_id in enumerate(_regex_ids(session, doc, flt, pattern)):
        if unit_id == unit.id:
            return index
    return None


def filter_units(doc, flt):
    """Every unit of the document that passes `flt` (ReviewError for a bad regex)."""
    return filtered_units(object_session(doc), doc, flt)


def find_unit(session, doc, uid):
    """The document's active unit with this uid, or None."""
    if not uid:
        return None
    return session.scalar(select(Unit).where(Unit.document_id == doc.id, Unit.active,
                                             Unit.uid == uid))


def session_of(obj):
    """The session a loaded unit or document belongs to."""
    return object_session(obj)


def neighbour(session, unit, step):
    """The active unit `step` places after `unit` (before it when negative), or None."""
    return session.scalar(select(Unit).where(Unit.document_id == unit.document_id, Unit.active,
                                             Unit.position == unit.position + step))


def suggestion_counts(session, document_id, findings):
    """How often the (check, text, suggestion) of each of `findings` that has a suggestion
    occurs among the open findings of the document (what "apply everywhere" would change),
    as a Counter keyed like `same_findings`."""
    keys = {(f.check_id, f.text.lower(), f.suggestion) for f in findings
            if f.suggestion is not None}
    if not keys:
        return Counter()
    if len(keys) == 1:  # a unit's row: the statement built once
        (check_id, _, suggestion), = keys
        session.flush()
        rows = execute(session, _SAME_SUGGESTION, dict(document_id=document_id,
                                                       check_id=check_id,
                                                       suggestion=suggestion))
    else:
        rows = session.execute(_SUGGESTIONS.where(
            Unit.document_id == document_id, Finding.check_id.in_({k[0] for k in keys}),
            Finding.suggestion.in_({k[2] for k in keys})))
    return Counter(key for key in ((c, t.lower(), s) for c, t, s in rows) if key in keys)


_SUGGESTIONS = (select(Finding.check_id, Finding.text, Finding.suggestion)
                .join(Unit, Unit.id == Finding.unit_id).where(Unit.active))
_SAME_SUGGESTION = _SUGGESTIONS.where(Unit.document_id == bindparam("document_id"),
                                      Finding.check_id == bindparam("check_id"),
                                      Finding.suggestion == bindparam("suggestion"))


def undo(session, operation, *, author):
    """Undo any change of the document's undo history (ReviewError, saying why, when it
    would overwrite a later change)."""
    return _undo_or_redo(session, operation, "undo", author)


def redo(session, operation, *, author):
    """Make an undone change again (ReviewError, saying why, when it cannot be)."""
    return _undo_or_redo(session, operation, "redo", author)


def _undo_or_redo(session, operation, action, author):
    module = alignment if operation.kind in history.ALIGNMENT else history
    try:
        return getattr(module, action)(session, operation, author=author)
    except (history.Refused, alignment.AlignmentEditError) as exc:
        raise ReviewError.wrapping(exc) from None


def _finding(unit, finding_id):
    found = next((f for f in unit.findings if f.id == finding_id), None)
    if found is None:
        raise ReviewError(N_("That finding is no longer open (the text changed); reload the "
                             "segment."))
    return found


def apply_suggestion(session, unit, finding_id, *, author, base_version):
    """Replace a finding's span by its suggestion, as a new revision."""
    _check_version(unit, base_version)
    finding = _finding(unit, finding_id)
    if finding.suggestion is None:
        raise ReviewError(N_("This finding has no suggestion to apply."))
    text = unit.target[:finding.start] + finding.suggestion + unit.target[finding.end:]
    documents.change(unit, text=text, state=_state_for(unit, text), kind="apply-suggestion",
                     author=author, record=Text(
                         N_("suggestion applied to segment %(n)s"), n=unit.position + 1))
    session.flush()
    return unit


def dismiss(session, unit, finding_id, *, author, reason=""):
    """Dismiss a finding as a false alarm; it re-opens if the text under it changes. The
    reason is a note (values.note: ReviewError when it holds a control or bidi character)."""
    try:
        reason = values.note(reason, "The reason")
    except values.InvalidValue as exc:
        raise ReviewError.wrapping(exc) from None
    documents.lock(session, unit.document_id, unit)
    finding = _finding(unit, finding_id)
    dismissal = Dismissal(key=checks.finding_key(finding, unit.target), author=author,
                          reason=reason, check_id=finding.check_id, text=finding.text,
                          message=finding.message, said=finding.said)
    unit.dismissals.append(dismissal)
    documents.remove_finding(unit, finding)
    session.flush()
    history.record_dismissal(session, unit, dismissal, kind="dismiss", author=author)
    return dismissal


def dismissed(unit):
    """The unit's dismissals, oldest first."""
    return sorted(unit.dismissals, key=lambda d: d.id)


class EditorReads(NamedTuple):
    """What a unit's editor shows besides the unit itself, as editor_reads read it: its
    findings (rows with a Finding's columns, in the order of unit.findings), dismissals
    (oldest first, as dismissed() gives them), comments (oldest first) and latest revision."""
    findings: list
    dismissals: list
    comments: list
    last_revision: "ReadRevision"


class ReadDismissal(NamedTuple):
    id: int
    check_id: str
    key: str
    text: str
    message: str
    said: dict | None
    author: str
    reason: str
    created_at: datetime


class ReadComment(NamedTuple):
    author: str
    created_at: datetime
    text: str


class ReadRevision(NamedTuple):
    author: str
    version: int
    kind: str


def editor_reads(session, unit_id):
    """The findings, dismissals, comments and latest revision of a unit, in one statement
    past the ORM (issue 14: the editor of a stale save's 409 read them in four, three of
    them the ORM's lazy loads, each costing more than its statement). Values only: nothing
    read here is tracked by the session, nothing is flushed first."""
    findings, dismissals, comments, revision = [], [], [], None
    for row in execute(session, _EDITOR_READS, {"unit_id": unit_id}):
        if row.part == 0:
            findings.append(row)
        elif row.part == 1:
            dismissals.append(ReadDismissal(row.id, row.category, row.severity, row.text,
                                            row.message, row.said, row.author,
                                            row.suggestion, row.created_at))
        elif row.part == 2:
            comments.append(ReadComment(row.author, row.created_at, row.text))
        else:
            revision = ReadRevision(row.author, row.start, row.check_id)
    return EditorReads(findings, dismissals, comments, revision)


# The columns of editor_reads's statement after `part` and `id`: a finding's, and a
# comment's author and date (the union's first select, the findings', types each column).
_FINDING_READ = ("start", "end", "check_id", "category", "severity", "text", "message",
                 "suggestion", "said")
_READ_COLUMNS = ({name: getattr(Finding, name).type for name in _FINDING_READ}
                 | {"author": Comment.author.type, "created_at": Comment.created_at.type})


def _read_part(part, id_, **columns):
    """One select of editor_reads's union: which read it is (`part`), the row's id, then
    each of _READ_COLUMNS from `columns`, NULL (of that column's type) where not given."""
    return select(literal_column(str(part), Integer).label("part"), id_.label("id"), *(
        (columns[name] if name in columns else type_coerce(null(), type_)).label(name)
        for name, type_ in _READ_COLUMNS.items()))


# Built once. A dismissal's check id, key and reason lie in a finding's category, severity
# and suggestion (its start, end and check_id NULL: it sorts by id, as dismissed() does);
# the revision's version and kind in start and check_id. The latest revision is the one of
# the greatest version (unique for a unit).
_UNIT_ID = bindparam("unit_id")
_EDITOR_READS = union_all(
    _read_part(0, Finding.id, **{name: getattr(Finding, name) for name in _FINDING_READ})
    .where(Finding.unit_id == _UNIT_ID),
    _read_part(1, Dismissal.id, category=Dismissal.check_id, severity=Dismissal.key,
               text=Dismissal.text, message=Dismissal.message, suggestion=Dismissal.reason,
               said=Dismissal.said, author=Dismissal.author, created_at=Dismissal.created_at)
    .where(Dismissal.unit_id == _UNIT_ID),
    _read_part(2, Comment.id, text=Comment.text, author=Comment.author,
               created_at=Comment.created_at)
    .where(Comment.unit_id == _UNIT_ID),
    _read_part(3, Revision.id, start=Revision.version, check_id=Revision.kind,
               author=Revision.author)
    .where(Revision.unit_id == _UNIT_ID, Revision.version == (
        select(func.max(Revision.version)).where(Revision.unit_id == _UNIT_ID)
        .scalar_subquery())),
).order_by("part", "start", "end", "check_id", "id")


def reopen(session, unit, dismissal_id, *, author):
    """Forget a dismissal of `unit`: its finding comes back if the checks still find it.
    Returns the dismissal removed (`author`: who reopened it, for the undo history)."""
    documents.lock(session, unit.document_id, unit)
    dismissal = next((d for d in unit.dismissals if d.id == dismissal_id), None)
    if dismissal is None:
        raise ReviewError(N_("Segment %(n)s has no such dismissed finding (someone reopened "
                             "it already); reload the segment."), n=unit.position + 1)
    history.record_dismissal(session, unit, dismissal, kind="reopen", author=author)
    unit.dismissals.remove(dismissal)
    documents.recheck_unit(session, unit)
    return dismissal


def same_findings(doc, finding):
    """Open findings across the document with the same check, text and suggestion."""
    key = (finding.check_id, finding.text.lower(), finding.suggestion)
    return [(u, f) for u in doc.units for f in u.findings
            if (f.check_id, f.text.lower(), f.suggestion) == key]


def apply_everywhere(session, doc, unit, finding_id, *, author):
    """Apply a finding's suggestion to all its occurrences in the document, as one undoable
    operation (a revision per unit)."""
    documents.lock(session, doc.id)
    finding = _finding(unit, finding_id)
    if finding.suggestion is None:
        raise ReviewError(N_("This finding has no suggestion to apply."))
    by_unit = {}
    for u, f in same_findings(doc, finding):
        by_unit.setdefault(u, []).append(f)
    op = _operation(session, doc, "replace",
                    Counted("Applied “%(new)s” for “%(old)s” in %(n)s segment",
                            "Applied “%(new)s” for “%(old)s” in %(n)s segments",
                            new=finding.suggestion, old=finding.text, n=len(by_unit)), author,
                    Counted("suggestion “%(new)s” applied in %(n)s segment",
                            "suggestion “%(new)s” applied in %(n)s segments",
                            new=finding.suggestion, n=len(by_unit)))
    with documents.rechecks(session):
        for u, found in by_unit.items():
            text = u.target
            for f in sorted(found, key=lambda f: f.start, reverse=True):
                text = text[:f.start] + f.suggestion + text[f.end:]
            documents.change(u, text=text, state=_state_for(u, text), kind="apply-suggestion",
                             author=author, operation=op)
    session.flush()
    return op


OPERATIONS_SHOWN = 100


def operations(session, doc):
    """The document's latest changes (its undo history: every save is one), newest first."""
    return session.scalars(select(Operation).where(Operation.document_id == doc.id)
                           .order_by(Operation.id.desc()).limit(OPERATIONS_SHOWN)).all()
