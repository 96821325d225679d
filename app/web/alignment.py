"""Alignment editing in the browser: merge, split, move, detach, realign from here, undo."""
from flask import Blueprint, redirect, render_template, request, url_for

from app.store import alignment, db, review
from app.web import viewmodels as vm
from app.web.hx import is_htmx
from app.web.i18n import explained
from app.web.numbers import form_int
from app.web.units import row_of, unit_or_404
from app.web.auth import author
from app.web.refresh import document_changed

bp = Blueprint("alignment", __name__)


def align_editor(unit):
    """The alignment editor's context for `unit`: its row and sentences, and its neighbour."""
    return vm.align_editor(unit, row_of(unit), alignment.unit_sentences(db(), unit),
                           review.neighbour(db(), unit, 1) is not None)


def _apply(unit_id, change):
    unit = unit_or_404(unit_id)
    doc, position = unit.document, unit.position
    try:
        change(unit)
    except alignment.AlignmentEditError as exc:
        return document_changed(doc, error=explained(exc), status=422)
    return document_changed(doc, keep=position)


@bp.get("/units/<int:unit_id>/align")
def editor(unit_id):
    """The alignment editor of one unit: its sentences, split points and moves."""
    unit = unit_or_404(unit_id)
    if not is_htmx():
        return redirect(url_for("documents.show", slug=unit.document.slug, align=unit.uid,
                                _anchor=f"unit-{unit.uid}"), code=303)
    try:
        return render_template("_align_editor.html", **align_editor(unit))
    except alignment.AlignmentEditError as exc:
        return render_template("_error.html", code=422, message=explained(exc)), 422


@bp.post("/units/<int:unit_id>/merge")
def merge(unit_id):
    """Merge the unit with the next one."""
    return _apply(unit_id, lambda u: alignment.merge_with_next(db(), u, author=author()))


@bp.post("/units/<int:unit_id>/split")
def split(unit_id):
    """Split the unit at the chosen reference and target sentence boundaries."""
    ref_cut, tgt_cut = form_int("ref_cut"), form_int("tgt_cut")
    return _apply(unit_id, lambda u: alignment.split(db(), u, ref_cut, tgt_cut,
                                                     author=author()))


@bp.post("/units/<int:unit_id>/move")
def move(unit_id):
    """Move a sentence to the neighbouring unit."""
    side, direction = request.form.get("side", ""), request.form.get("direction", "")
    return _apply(unit_id, lambda u: alignment.move(db(), u, side, direction, author=author()))


@bp.post("/units/<int:unit_id>/detach")
def detach(unit_id):
    """Mark a sentence as having no counterpart."""
    side, which = request.form.get("side", ""), request.form.get("which", "")
    return _apply(unit_id, lambda u: alignment.detach(db(), u, side, which, author=author()))


@bp.post("/units/<int:unit_id>/realign")
def realign(unit_id):
    """Re-run the aligner from this unit on, keeping the translator's beads."""
    return _apply(unit_id, lambda u: alignment.realign_from(db(), u, author=author()))
