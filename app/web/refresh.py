"""What a page shows again after a change of a whole document (an alignment or bulk
change): used by the alignment, unit and review views."""
import json

from flask import abort, current_app, redirect, render_template, url_for

from app.store import db, documents, history
from app.web import viewmodels as vm
from app.web.hx import is_htmx
from app.web.publish import commit


def undo_bar(doc, made=None):
    """The document's Undo and Redo buttons: the most recent change that can be undone, the
    change Redo would make again (`made`: see history.candidates)."""
    undo, redo = history.candidates(db(), doc, made)
    return vm.UndoBar(vm.undo_action(undo, undo and history.label(undo)),
                      vm.undo_action(redo, redo and history.label(redo)))


def with_message(response, message):
    """`response` with `message` for the page's message area (keys.js shows it once the
    page has settled)."""
    if message:
        response.headers["HX-Trigger-After-Settle"] = json.dumps({"page-message": message})
    return response


def document_changed(doc, error=None, status=200, keep=None, message=None):
    """After an alignment or bulk change: the table body (its first window, extended to the
    row at position `keep`), the counters and the undo bar. `message`: a refusal to show in
    the page's message area, with the page as it is (nothing of the request is kept)."""
    if error is not None:
        db().rollback()
        if is_htmx():
            return render_template("_error.html", code=status, message=error), status
        abort(status)
    if message is not None:
        db().rollback()
        if not is_htmx():
            abort(409, message)
    commit(doc)
    if not is_htmx():
        return redirect(url_for("documents.show", slug=doc.slug), code=303)
    db().refresh(doc)
    counts = vm.occurrences(doc.units)
    shown, next_offset = vm.window(doc.units, 0, keep)
    response = current_app.make_response((render_template(
        "_alignment_changed.html", doc=doc, first_window=True,
        more_url=next_offset and url_for("documents.show", slug=doc.slug, offset=next_offset),
        rows=[vm.unit_row(u, counts) for u in shown], quality=documents.quality(doc),
        progress=vm.progress(doc.id, documents.progress(db(), [doc.id])),
        undo_bar=undo_bar(doc), src_lang=doc.source_lang, tgt_lang=doc.target_lang), status))
    response.headers["HX-Trigger"] = "alignment-changed"
    return with_message(response, message)
