"""Importing: a new document from a pasted or uploaded pair, a PO file or a TMX file.

The input is checked in the request (bad input: 422 with the message, at once); the import
itself (segment, align, check, store) runs as a background job whose page shows a progress
bar, polled by htmx, with a Cancel button (app/workers/imports.py runs the jobs).
"""
from flask import (Blueprint, abort, current_app, make_response, redirect, render_template,
                   request, url_for)

from app.core import values
from app.core.textio import TextInputError, decode_text
from app.core import limits
from app.store import catalog, db, jobs, limits_of
from app.store.models import Document
from app.workers import imports as import_worker
from app.web.auth import author, signed_in
from app.web.forms import NewDocumentForm
from app.web.hx import is_htmx
from app.web.i18n import _, explained, lazy_gettext
from app.web.jobview import job_view

bp = Blueprint("imports", __name__)


@bp.before_app_request
def start_worker():
    """Each server process starts its import worker with its first request."""
    app = current_app._get_current_object()
    if import_worker.serves_here(app):
        import_worker.ensure_started(app)


@bp.route("/documents/new", methods=["GET", "POST"])
def new():
    """Paste or upload a target text and its reference; import them as a new document."""
    form = NewDocumentForm()
    if form.validate_on_submit():
        try:
            reference = _text_of(form.reference_file.data, form.reference_text.data, "reference",
                                 form.source_lang.data)
            target = _text_of(form.target_file.data, form.target_text.data, "target",
                              form.target_lang.data)
        except TextInputError as exc:
            form.form_errors.append(explained(exc))
        except limits.TooLarge as exc:
            form.form_errors.append(explained(exc))
            return render_template("new_document.html", form=form), 413
        else:
            return _started(jobs.create(
                db(), kind=jobs.PAIR, title=form.title.data.strip(), reference_text=reference,
                target_text=target, source_lang=form.source_lang.data,
                target_lang=form.target_lang.data, created_by=author()))
    status = 422 if request.method == "POST" else 200
    return render_template("new_document.html", form=form), status


@bp.post("/documents/import-po")
def import_po():
    """Import a PO file (msgid = reference, msgstr = target) or a TMX file as a document."""
    upload = request.files.get("file")
    lang = request.form.get("source_lang", "en").strip()
    error = None
    if not (upload and upload.filename):
        error = _("Choose a PO file to import.")
    elif not _is_language(lang):
        error = _("Use a language code such as en, fr, de or pt-BR for the reference "
                  "language.")
    else:
        lang = values.language(lang)
        target_lang = request.form.get("target_lang", "").strip() or None
        data, name = upload.read(), upload.filename
        try:
            if name.lower().endswith(".tmx"):
                catalog.read_tmx(data, name, source_lang=lang, target_lang=target_lang or "fr",
                                 size=limits_of(db()))
                kind, params = jobs.TMX, {"filename": name}
                target_lang = target_lang or "fr"
            else:
                check_plurals = not request.form.get("lenient_plurals")
                _, target_lang = catalog.read_po(data, name, target_lang=target_lang,
                                                 check_plurals=check_plurals,
                                                 size=limits_of(db()))
                kind, params = jobs.PO, {"filename": name, "check_plurals": check_plurals}
        except (catalog.PoError, catalog.PoImportError) as exc:
            error = explained(exc)
        except limits.TooLarge as exc:
            return render_template("new_document.html", form=NewDocumentForm(),
                                   po_error=explained(exc)), 413
        else:
            return _started(jobs.create(db(), kind=kind, title=catalog.title_from_filename(name),
                                        source_lang=lang,
                                        target_lang=target_lang, created_by=author(),
                                        data=data, params=params))
    return render_template("new_document.html", form=NewDocumentForm(), po_error=error), 422


@bp.get("/imports/<int:job_id>")
def job(job_id):
    """An import's progress (htmx asks for the fragment every second until it ends); a
    finished import sends the browser to its document."""
    found = _job_or_404(job_id)
    if found.status == jobs.DONE and found.document_id is not None:
        target = _document_url(found)
        if not is_htmx():
            return redirect(target, code=303)
        response = make_response(_render(found))
        response.headers["HX-Redirect"] = target
        return response
    return _render(found)


@bp.post("/imports/<int:job_id>/cancel")
def cancel(job_id):
    """Stop an import: nothing of its document is kept."""
    jobs.cancel(db(), _job_or_404(job_id).id)
    if is_htmx():
        db().expire_all()
        return _render(_job_or_404(job_id))
    return redirect(url_for("imports.job", job_id=job_id), code=303)


def _started(new_job):
    """Commit a queued job, start it, and send the browser to its progress page (or, when it
    ran inline and succeeded, to its document)."""
    db().commit()
    import_worker.submit(current_app._get_current_object(), new_job.id)
    db().refresh(new_job)
    if new_job.status == jobs.DONE and new_job.document_id is not None:
        return redirect(_document_url(new_job), code=303)
    return redirect(url_for("imports.job", job_id=new_job.id), code=303)


def _render(found):
    view = job_view(found)
    template = "_job_update.html" if is_htmx() else "import_job.html"
    return render_template(template, job=view)


def _document_url(found):
    return url_for("documents.show", slug=db().get(Document, found.document_id).slug)


def _job_or_404(job_id):
    """The job, if the signed-in user may see it (404 otherwise: not even its existence)."""
    found = jobs.get(db(), job_id)
    if found is None or not jobs.may_see(signed_in(), found):
        abort(404)
    return found


def _is_language(code):
    try:
        return bool(values.language(code))
    except values.InvalidValue:
        return False


# How a message names a pasted text (where a problem is, as a file name would).
PASTED = {"reference": lazy_gettext("pasted reference text"),
          "target": lazy_gettext("pasted target text")}


def _text_of(upload, pasted, side, lang):
    """The uploaded file's text when one was given, else the pasted text; limits.TooLarge
    when it is over the size limits (checked before the import is queued)."""
    if upload and upload.filename:
        name = upload.filename
        with upload.stream:  # a large upload is a temporary file: closed at once
            text = decode_text(upload.read(), name)
    else:
        name = str(PASTED[side])
        text = decode_text((pasted or "").encode("utf-8"), name)
    limits.check_text(text, lang, limits_of(db()), name)
    return text
