"""Units: show a row, open the inline editor, save a new revision, approve."""
import json
from collections import Counter

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from app.store import db, documents, review
from app.web import viewmodels as vm
from app.web.hx import is_htmx
from app.web.numbers import form_int
from app.web.auth import author, check_access, requires
from app.web.publish import commit
from app.web.refresh import document_changed, undo_bar
from app.workers import imports as import_worker

bp = Blueprint("units", __name__, url_prefix="/units")


def unit_or_404(unit_id):
    """The unit with this id, or a 404 page."""
    unit = documents.get_unit(db(), unit_id)
    if unit is None:
        abort(404)
    check_access(unit.document)
    return unit


def row_of(unit):
    """The unit's row view model, with how often its suggestion occurs in the document."""
    suggested = vm.offered(unit)
    # A Counter even when empty (none left in the database: another writer's re-check
    # replaced them since the unit's findings were read): a missing key counts 0.
    counts = review.suggestion_counts(db(), unit.document_id, [suggested]) if suggested else {}
    return vm.unit_row(unit, counts)


def rows_of(document_id, units):
    """The row view models of `units` of one document (their suggestions counted at once)."""
    counts = review.suggestion_counts(db(), document_id, [f for u in units for f in u.findings])
    return [vm.unit_row(u, counts) for u in units]


def _on_page(unit, **args):
    return redirect(url_for("documents.show", slug=unit.document.slug, **args,
                            _anchor=f"unit-{unit.uid}"), code=303)


def _context(unit, row=None, comments=None, **extra):
    """What a unit's row or editor shows (`row`: its view model, `comments`: the unit's
    comments, when the caller read them)."""
    doc = unit.document
    return dict(row=row or row_of(unit), src_lang=doc.source_lang, tgt_lang=doc.target_lang,
                comments=vm.comments(unit) if comments is None else vm.comment_views(comments),
                **extra)


@bp.get("/<int:unit_id>")
def show(unit_id):
    """The unit's row (htmx), or its place on the document page."""
    unit = unit_or_404(unit_id)
    if not is_htmx():
        return _on_page(unit)
    return render_template("_unit_row.html", **_context(unit, focus=True))


@bp.get("/<int:unit_id>/checked")
def checked(unit_id):
    """The poll of a row whose slow checks (grammar) a save left to the background: 204
    while they run (htmx keeps the row), then the row with their findings and the
    document's counters, which they may have changed."""
    unit = unit_or_404(unit_id)
    if unit.checks_pending:
        return "", 204
    if not is_htmx():
        return _on_page(unit)
    doc = unit.document
    counts, quality = documents.counters(db(), doc, store=False)
    return render_template("_unit_saved.html", progress=vm.Progress(doc.id, **counts),
                           quality=quality, row=row_of(unit), src_lang=doc.source_lang,
                           tgt_lang=doc.target_lang, undo_bar=undo_bar(doc))


@bp.get("/<int:unit_id>/edit")
def edit(unit_id):
    """The inline editor (htmx), or the document page with this unit open for editing."""
    unit = unit_or_404(unit_id)
    if not is_htmx():
        return _on_page(unit, edit=unit.uid)
    context = _context(unit, restored_draft=unit.draft is not None,
                       dismissed=vm.dismissals(review.dismissed(unit)))
    if unit.draft is not None:
        context["row"].draft = unit.draft
    return render_template("_unit_editor.html", **context)


def _base_version():
    return form_int("version")


def _saved(unit):
    """After a change: keep the PO file current, answer with the row and the counters (as
    committed: read before the commit, while the change holds the document's lock; the
    row's suggestion counted there too, issue 14: after the commit, its statement began a
    transaction of its own)."""
    doc = unit.document
    counts, quality = documents.counters(db(), doc)
    made = db().info.pop(documents.MADE, None)  # the change's undo entry, known undoable
    bar = undo_bar(doc, made) if made is not None else None
    htmx = is_htmx()
    row = row_of(unit) if htmx else None
    commit(doc)
    if not htmx:
        return _on_page(unit)
    response = current_app.make_response(render_template(
        "_unit_saved.html", progress=vm.Progress(doc.id, **counts), quality=quality,
        row=row, src_lang=doc.source_lang, tgt_lang=doc.target_lang,
        focus=True, undo_bar=bar if bar is not None else undo_bar(doc)))
    response.headers["HX-Trigger"] = json.dumps({"segment-saved": {
        "uid": unit.uid, "unit": unit.id, "next": request.form.get("next") == "1"}})
    return response


def _typed_text():
    return request.form.get("text", "").replace("\r\n", "\n")


# The edits whose conflict answers with the editor: both texts and their diff, to choose.
_EDITOR_ON_CONFLICT = {"units.save", "units.approve", "units.revert", "units.apply_suggestion"}


def conflict_answer(exc):
    """The answer to an EditConflict raised by a unit's edit (app/web/__init__.py's handler
    asks): the editor with both texts (the typed text for a save, else the text the edit
    was based on), an empty 409 for an autosave; None for other requests. Rolls back.

    A conflict found before the edit wrote anything (its base version is not the unit's, as
    read) is answered from the unit as the request read it, before the rollback, which
    would expire it and the user for nothing (issue 14: a contended save gets this 409
    most of the time; the unit, its document and the user are not read again). Found by
    the version claim, under the document's lock, the unit as read is stale: rolled back,
    it is read again."""
    endpoint = request.endpoint
    unit = exc.unit
    text = _typed_text() if endpoint == "units.save" else unit.target
    if endpoint in _EDITOR_ON_CONFLICT and exc.base_version != unit.version:
        answer = _conflict(unit, text)
        db().rollback()
        return answer
    unit_id = unit.id
    db().rollback()
    if endpoint == "units.draft":
        return "", 409
    if endpoint not in _EDITOR_ON_CONFLICT:
        return None
    return _conflict(unit_or_404(unit_id), text)


def _conflict(unit, text):
    """The editor of `unit` showing its latest revision against `text` (a 409), rendered
    while the unit's values are current (see conflict_answer). What it shows besides the
    unit is read in one statement (issue 14: four before, each through the ORM)."""
    read = review.editor_reads(db(), unit.id)
    conflict = read.last_revision
    # Its suggestion not counted in the document (a statement): the editor does not show
    # how often it occurs (the row does).
    context = _context(unit, row=vm.unit_row(_WithFindings(unit, read.findings), Counter()),
                       comments=read.comments, conflict=conflict,
                       conflict_kind=vm.kind_name(conflict.kind),
                       conflict_ops=vm.diff_ops(unit.target, text),
                       dismissed=vm.dismissals(read.dismissals))
    context["row"].draft = text
    return render_template("_unit_editor.html", **context), 409


class _WithFindings:
    """A unit whose findings are the rows given, for vm.unit_row (which reads them from the
    unit): its other values are the unit's."""

    def __init__(self, unit, findings):
        self._unit, self.findings = unit, findings

    def __getattr__(self, name):
        return getattr(self._unit, name)


@bp.post("/<int:unit_id>")
def save(unit_id):
    """Save the edited target text as a new revision and re-run the unit's checks (from the
    browser's row, which polls for them, they may be left to another process)."""
    unit = unit_or_404(unit_id)
    documents.save_target(db(), unit, _typed_text(), author=author(),
                          base_version=_base_version(), omit=request.form.get("omit") == "1",
                          findings_later=is_htmx())
    return _saved(unit)


@bp.post("/<int:unit_id>/approve")
@requires("reviewer")
def approve(unit_id):
    """Approve the unit's current text."""
    unit = unit_or_404(unit_id)
    documents.approve(db(), unit, author=author(), base_version=_base_version())
    return _saved(unit)


@bp.get("/<int:unit_id>/history")
def history(unit_id):
    """Every revision of the unit with its word diff, newest first."""
    unit = unit_or_404(unit_id)
    return render_template("_history.html", row=row_of(unit), revisions=vm.history(unit),
                           mt_ops=vm.diff_ops(unit.mt, unit.target),
                           tgt_lang=unit.document.target_lang)


@bp.post("/<int:unit_id>/revert")
@requires("reviewer")
def revert(unit_id):
    """Bring back the text of an earlier version (1 = the MT) as a new revision."""
    unit = unit_or_404(unit_id)
    version = form_int("to", default=1)
    review.revert(db(), unit, version, author=author(), base_version=_base_version())
    return _saved(unit)


@bp.post("/<int:unit_id>/draft")
def draft(unit_id):
    """Autosave: keep the typed text as a draft (no revision)."""
    unit = unit_or_404(unit_id)
    review.save_draft(db(), unit, _typed_text(), base_version=_base_version(),
                      warm=import_worker.rechecks_here(current_app))
    db().commit()
    return "", 204


@bp.post("/<int:unit_id>/comments")
def comment(unit_id):
    """Add a comment to the unit."""
    unit = unit_or_404(unit_id)
    review.add_comment(db(), unit, request.form.get("text", ""), author=author())
    db().commit()
    if not is_htmx():
        return _on_page(unit)
    return render_template("_comments.html", row=row_of(unit),
                           comments=vm.comments(unit))


def _finding_id():
    return form_int("finding")


@bp.post("/<int:unit_id>/suggestion")
def apply_suggestion(unit_id):
    """Apply a finding's suggestion to the text (a new revision)."""
    unit = unit_or_404(unit_id)
    review.apply_suggestion(db(), unit, _finding_id(), author=author(),
                            base_version=_base_version())
    return _saved(unit)


@bp.post("/<int:unit_id>/dismiss")
def dismiss(unit_id):
    """Dismiss a finding as a false alarm (remembered until the text under it changes)."""
    unit = unit_or_404(unit_id)
    finding_id = _finding_id()
    review.dismiss(db(), unit, finding_id, author=author(),
                   reason=request.form.get(f"reason-{finding_id}", ""))
    if request.form.get("from") == "editor":  # the editor stays open, listing it dismissed
        return _editor_again(unit)
    return _saved(unit)


@bp.post("/<int:unit_id>/reopen")
def reopen(unit_id):
    """Reopen a dismissed finding (it comes back if the checks still find it)."""
    unit = unit_or_404(unit_id)
    review.reopen(db(), unit, form_int("dismissal"), author=author())
    return _editor_again(unit)


def _editor_again(unit):
    """After a change to the unit's findings made from its editor: commit, and answer with
    the editor again (the text as typed kept), the counters and the undo bar."""
    doc = unit.document
    counts, quality = documents.counters(db(), doc)
    commit(doc)
    if not is_htmx():
        return _on_page(unit, edit=unit.uid)
    context = _context(unit, dismissed=vm.dismissals(review.dismissed(unit)),
                       progress=vm.Progress(doc.id, **counts), quality=quality,
                       undo_bar=undo_bar(doc))
    if "text" in request.form:
        context["row"].draft = _typed_text()
    return render_template("_unit_reopened.html", **context)


@bp.post("/<int:unit_id>/suggestion/everywhere")
def apply_everywhere(unit_id):
    """Apply a suggestion to every occurrence of the same finding in the document."""
    unit = unit_or_404(unit_id)
    review.apply_everywhere(db(), unit.document, unit, _finding_id(), author=author())
    return document_changed(unit.document)
