"""Review pages: the changes page with bulk actions, find and replace, undo."""
import re
from datetime import datetime, timezone

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user

from app.core.messages import N_
from app.store import accounts, db, history, review
from app.store.models import Operation
from app.web import i18n, numbers
from app.web import viewmodels as vm
from app.web.refresh import document_changed, undo_bar, with_message
from app.web.documents import document_or_404
from app.web.hx import is_htmx
from app.web.auth import author, check_access, requires
from app.web.publish import commit

bp = Blueprint("review", __name__)



DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class BadDate(ValueError):
    """A `since` filter that is not a YYYY-MM-DD date (the message says so)."""


def _since(value):
    """The `since` filter, a YYYY-MM-DD date (ISO 8601), as midnight in the user's time zone
    (an aware UTC time); None when empty,
    BadDate for anything else."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if not DATE.fullmatch(value):
            raise ValueError
        return i18n.local_midnight(datetime.strptime(value, "%Y-%m-%d").date())
    except ValueError:
        example = datetime.now(timezone.utc).strftime("%Y-%m-%d")
        raise BadDate(i18n.gettext("“%(value)s” is not a date: write it as YYYY-MM-DD (year, "
                                   "month, day), for example %(example)s. Showing the changes "
                                   "of every date.", value=value[:40], example=example)
                      ) from None


@bp.get("/documents/<slug>/changes")
def changes(slug, notice=None):
    """Every unit whose text changed since the MT (or since a date, or by an author), with
    its diff, and apart the units approved without change (`notice`: what a bulk change
    just did). A bad date is named, and the page shows every date."""
    doc = document_or_404(slug)
    author, date_error, since = request.args.get("author") or None, None, None
    try:
        since = _since(request.args.get("since"))
    except BadDate as exc:
        date_error = str(exc)
    per_unit, total = review.effort(doc)
    changed = review.changed_units(doc, since=since, author=author)
    approved = review.approved_unchanged(doc, since=since, author=author)
    counts = review.suggestion_counts(db(), doc.id,
                                      [f for u in changed + approved for f in u.findings])
    context = dict(doc=doc, rows=[vm.changed_row(u, per_unit[u.position], counts)
                                  for u in changed],
                   approved=[vm.changed_row(u, 0.0, counts) for u in approved],
                   changed_count=vm.segments(len(changed)),
                   since=request.args.get("since", ""), author=author or "",
                   date_error=date_error, effort_total=vm.per_100(total),
                   chart=vm.effort_chart(per_unit),
                   src_lang=doc.source_lang, tgt_lang=doc.target_lang,
                   undo_bar=undo_bar(doc), oob_oplog=is_htmx(),
                   operations=vm.operation_log(review.operations(db(), doc)),
                   notice=notice)
    template = "_changes_list.html" if is_htmx() else "changes.html"
    status = 400 if date_error and not is_htmx() else 200
    return render_template(template, **context), status


@bp.post("/documents/<slug>/bulk")
@requires("reviewer")
def bulk(slug):
    """Approve or revert the selected units, as one undoable operation."""
    doc = document_or_404(slug)
    seen = _selection()
    units = [u for u in doc.units if u.id in seen]
    name = request.form.get("action")
    action = {"approve": review.bulk_approve, "revert": review.bulk_revert}.get(name)
    if action is None:
        abort(400)
    if not units:
        return document_changed(doc, error=i18n.gettext("Select at least one segment."),
                                status=422)
    try:
        result = action(db(), doc, units, author=author(), seen=seen)
    except review.ReviewError as exc:
        return document_changed(doc, error=i18n.explained(exc), status=422)
    commit(doc)
    return changes(slug, notice=_bulk_notice(name, result))


def _selection():
    """The selected units as {unit id: the version the reviewer saw}: each checkbox of the
    changes page sends ID:VERSION."""
    seen = {}
    for value in request.form.getlist("unit"):
        unit_id, colon, version = value.partition(":")
        if not colon:
            raise numbers.BadNumber(N_("unit must be ID:VERSION, the segment's id and the "
                                       "version shown (reload the page); got %(value)s."),
                                    value=repr(value[:40]))
        seen[numbers.whole(unit_id, "unit")] = numbers.whole(version, "unit version")
    return seen


def _bulk_notice(action, result):
    """'3 approved, 1 skipped: changed since you loaded the page (…).' (one msgid per case)"""
    n, values = result.changed, dict(num=i18n.number(result.changed),
                                     skipped=i18n.number(result.skipped))
    if action == "approve" and result.skipped:
        return i18n.ngettext("%(num)s approved, %(skipped)s skipped: changed since you loaded "
                             "the page (shown below as they are now).",
                             "%(num)s approved, %(skipped)s skipped: changed since you loaded "
                             "the page (shown below as they are now).", n, **values)
    if action == "approve":
        return i18n.ngettext("%(num)s approved.", "%(num)s approved.", n, **values)
    if result.skipped:
        return i18n.ngettext("%(num)s reverted to MT, %(skipped)s skipped: changed since you "
                             "loaded the page (shown below as they are now).",
                             "%(num)s reverted to MT, %(skipped)s skipped: changed since you "
                             "loaded the page (shown below as they are now).", n, **values)
    return i18n.ngettext("%(num)s reverted to MT.", "%(num)s reverted to MT.", n, **values)


def _replace_options():
    form = request.values
    return dict(regex=bool(form.get("regex")), case_sensitive=bool(form.get("case")),
                whole_word=bool(form.get("word")))


@bp.get("/documents/<slug>/replace")
def replace_preview(slug):
    """Preview of a replace-all: every unit it would change, with the diff."""
    doc = document_or_404(slug)
    pattern, replacement = request.args.get("find", ""), request.args.get("replace", "")
    error, plan = None, []
    if pattern:
        try:
            plan = review.plan_occurrences(doc, pattern, replacement, **_replace_options())
        except review.ReviewError as exc:
            error = i18n.explained(exc)
    found = [vm.occurrence_views(unit, items) for unit, items in plan]
    total = sum(map(len, found))
    return render_template("_replace_preview.html", doc=doc, found=found, error=error,
                           pattern=pattern, replacement=replacement,
                           options=_replace_options(), total=total,
                           summary=vm.occurrences_in(total, len(found)))


@bp.post("/documents/<slug>/replace")
def replace_all(slug):
    """Apply a replace-all as revisions, undoable as one operation."""
    doc = document_or_404(slug)
    try:
        review.replace_all(db(), doc, request.form.get("find", ""),
                           request.form.get("replace", ""), author=author(),
                           **_replace_options())
    except review.ReviewError as exc:
        return document_changed(doc, error=i18n.explained(exc), status=422)
    return document_changed(doc)


@bp.post("/documents/<slug>/replace-selected")
def replace_selected(slug):
    """Replace the occurrences checked in the preview only, undoable as one operation; a
    segment changed since the preview is skipped and named."""
    doc = document_or_404(slug)
    try:
        result = review.replace_selected(db(), doc, request.form.get("find", ""),
                                         request.form.get("replace", ""), _occurrences(),
                                         author=author(), **_replace_options())
    except review.ReviewError as exc:
        return document_changed(doc, error=i18n.explained(exc), status=422)
    if result.operation is None:
        return document_changed(doc, message=_replaced_notice(result))
    return with_message(document_changed(doc), _replaced_notice(result))


def _occurrences():
    """The checked occurrences as {unit id: (version, {occurrence numbers})}: each checkbox
    of the replace preview sends UNIT:VERSION:NUMBER."""
    chosen = {}
    for value in request.form.getlist("occ"):
        parts = value.split(":")
        if len(parts) != 3:
            raise numbers.BadNumber(N_("occ must be UNIT:VERSION:NUMBER, as the preview sends "
                                       "it (preview again); got %(value)s."),
                                    value=repr(value[:40]))
        unit_id, version, number = (numbers.whole(p, "occ") for p in parts)
        seen, picked = chosen.setdefault(unit_id, (version, set()))
        if seen != version:
            raise numbers.BadNumber(N_("Segment %(n)s is sent with two versions; preview "
                                       "again."), n=str(unit_id))
        picked.add(number)
    if not chosen:
        raise numbers.BadNumber(N_("Check at least one occurrence to replace."))
    return chosen


def _replaced_notice(result):
    """'Replaced 4 occurrences in 3 segments. Skipped segment 8: changed since the
    preview…' (None when nothing was skipped: the table shows what changed)."""
    if not result.skipped:
        return None
    names = [str(n) for n in sorted(n for n in result.skipped if n is not None)]
    replaced = i18n.ngettext("Replaced %(num)s occurrence in %(segments)s.",
                             "Replaced %(num)s occurrences in %(segments)s.", result.replaced,
                             num=i18n.number(result.replaced),
                             segments=vm.segments(result.segments))
    if not names:
        skipped = i18n.gettext("Skipped a segment removed since: changed since the preview "
                               "(left as it is); preview again to replace there.")
    else:
        skipped = i18n.ngettext("Skipped segment %(names)s: changed since the preview (left "
                                "as it is); preview again to replace there.",
                                "Skipped segments %(names)s: changed since the preview (left "
                                "as they are); preview again to replace there.", len(names),
                                names=", ".join(names))
    return replaced + " " + skipped


def _entry_or_404(operation_id):
    """The history entry with this id (404 unless the user may open its document; 403 for
    a reviewer's kind of change and a user below reviewer)."""
    operation = db().get(Operation, operation_id)
    if operation is None:
        abort(404)
    check_access(operation.document)
    if operation.kind in history.REVIEWER_KINDS and not accounts.can(current_user, "reviewer"):
        abort(403)
    return operation


def _undo_or_redo(operation_id, action):
    """Undo or redo an entry of the document's history; a refusal (it would overwrite a
    later change) is shown in the page's message area, with the page as it is now."""
    operation = _entry_or_404(operation_id)
    doc = operation.document
    message = None
    try:
        action(db(), operation, author=author())
    except review.ReviewError as exc:
        message = i18n.explained(exc)
    if request.headers.get("HX-Target") == "changes":  # from the changes page
        if message is not None:
            db().rollback()
        commit(doc)
        return with_message(current_app.make_response(changes(doc.slug)), message)
    return document_changed(doc, message=message)


@bp.post("/operations/<int:operation_id>/undo")
def undo(operation_id):
    """Undo a change of the document's history (Ctrl+Z: the most recent one)."""
    return _undo_or_redo(operation_id, review.undo)


@bp.post("/operations/<int:operation_id>/redo")
def redo(operation_id):
    """Make an undone change again (Ctrl+Shift+Z or Ctrl+Y)."""
    return _undo_or_redo(operation_id, review.redo)
