"""Importing: a new document from a pasted or uploaded pair, a PO file or a TMX file."""
from flask import Blueprint, redirect, render_template, request, url_for

from app.core.textio import TextInputError, decode_text
from app.store import accounts, catalog, db, importing
from app.web import forms
from app.web.auth import author, signed_in
from app.web.forms import NewDocumentForm
from app.web.publish import commit

bp = Blueprint("imports", __name__)


@bp.route("/documents/new", methods=["GET", "POST"])
def new():
    """Paste or upload a target text and its reference; import them as a new document."""
    form = NewDocumentForm()
    if form.validate_on_submit():
        try:
            reference = _text_of(form.reference_file.data, form.reference_text.data, "reference")
            target = _text_of(form.target_file.data, form.target_text.data, "target")
        except TextInputError as exc:
            form.form_errors.append(str(exc))
        else:
            doc = importing.create_document(
                db(), title=form.title.data.strip(), reference_text=reference,
                target_text=target, source_lang=form.source_lang.data,
                target_lang=form.target_lang.data, author=author())
            accounts.grant(db(), doc, signed_in())
            commit(doc)
            return redirect(url_for("documents.show", slug=doc.slug), code=303)
    status = 422 if request.method == "POST" else 200
    return render_template("new_document.html", form=form), status


@bp.post("/documents/import-po")
def import_po():
    """Import a PO file (msgid = reference, msgstr = target) or a TMX file as a document."""
    upload = request.files.get("file")
    form = NewDocumentForm()
    lang = request.form.get("source_lang", "en").strip()
    error = None
    if not (upload and upload.filename):
        error = "Choose a PO file to import."
    elif not forms.LANGUAGE_CODE.match(lang):
        error = "Use a language code such as en, fr, de or pt-BR for the reference language."
    else:
        target_lang = request.form.get("target_lang", "").strip() or None
        try:
            if upload.filename.lower().endswith(".tmx"):
                doc = catalog.import_tmx(db(), upload.read(), upload.filename,
                                         author=author(),
                                         source_lang=lang, target_lang=target_lang or "fr")
            else:
                doc = catalog.import_po(db(), upload.read(), upload.filename,
                                        author=author(),
                                        source_lang=lang, target_lang=target_lang,
                                        check_plurals=not request.form.get("lenient_plurals"))
        except (catalog.PoError, catalog.PoImportError) as exc:
            db().rollback()
            error = str(exc)
        else:
            accounts.grant(db(), doc, signed_in())
            commit(doc)
            return redirect(url_for("documents.show", slug=doc.slug), code=303)
    return render_template("new_document.html", form=form, po_error=error), 422


def _text_of(upload, pasted, side):
    """The uploaded file's text when one was given, else the pasted text."""
    if upload and upload.filename:
        return decode_text(upload.read(), upload.filename)
    return decode_text((pasted or "").encode("utf-8"), f"pasted {side} text")
