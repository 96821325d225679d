"""Units: show a row, open the inline editor, save a new revision, approve."""
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from app.store import db, documents
from app.web import viewmodels as vm
from app.web.hx import is_htmx

bp = Blueprint("units", __name__, url_prefix="/units")


def unit_or_404(unit_id):
    """The unit with this id, or a 404 page."""
    unit = documents.get_unit(db(), unit_id)
    if unit is None:
        abort(404)
    return unit


def _on_page(unit, **args):
    return redirect(url_for("documents.show", slug=unit.document.slug, **args,
                            _anchor=f"unit-{unit.uid}"), code=303)


def _context(unit, **extra):
    doc = unit.document
    return dict(row=vm.unit_row(unit), src_lang=doc.source_lang, tgt_lang=doc.target_lang,
                **extra)


@bp.get("/<int:unit_id>")
def show(unit_id):
    """The unit's row (htmx), or its place on the document page."""
    unit = unit_or_404(unit_id)
    if not is_htmx():
        return _on_page(unit)
    return render_template("_unit_row.html", **_context(unit, focus=True))


@bp.get("/<int:unit_id>/edit")
def edit(unit_id):
    """The inline editor (htmx), or the document page with this unit open for editing."""
    unit = unit_or_404(unit_id)
    if not is_htmx():
        return _on_page(unit, edit=unit.uid)
    return render_template("_unit_editor.html", **_context(unit))


def _base_version():
    try:
        return int(request.form["version"])
    except (KeyError, ValueError):
        abort(400)


def _saved(unit):
    """After a change: keep the PO file current, answer with the row and the counters."""
    doc = unit.document
    documents.export_po(doc, current_app.config["TRANSLATIONS_DIR"])
    db().commit()
    if not is_htmx():
        return _on_page(unit)
    counts = documents.progress(db(), [doc.id])
    response = current_app.make_response(render_template(
        "_unit_saved.html", progress=vm.progress(doc.id, counts),
        **_context(unit, focus=True)))
    response.headers["HX-Trigger"] = "segment-saved"
    return response


def _conflict(unit, text):
    db().rollback()
    unit = unit_or_404(unit.id)
    context = _context(unit, conflict=unit.revisions[-1])
    context["row"].draft = text
    return render_template("_unit_editor.html", **context), 409


@bp.post("/<int:unit_id>")
def save(unit_id):
    """Save the edited target text as a new revision and re-run the unit's checks."""
    unit = unit_or_404(unit_id)
    text = request.form.get("text", "").replace("\r\n", "\n")
    try:
        documents.save_target(db(), unit, text, author=current_app.config["DEFAULT_AUTHOR"],
                              base_version=_base_version())
    except documents.EditConflict:
        return _conflict(unit, text)
    return _saved(unit)


@bp.post("/<int:unit_id>/approve")
def approve(unit_id):
    """Approve the unit's current text."""
    unit = unit_or_404(unit_id)
    try:
        documents.approve(db(), unit, author=current_app.config["DEFAULT_AUTHOR"],
                          base_version=_base_version())
    except documents.EditConflict:
        return _conflict(unit, unit.target)
    return _saved(unit)
