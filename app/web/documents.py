"""Documents: the list, a document's review page, exports."""
import io

from flask import (Blueprint, abort, current_app, redirect, render_template, request, send_file,
                   url_for)

from app.store import accounts, db, documents, exports, jobs, review
from app.store import lifecycle, publishing
from app.web import viewmodels as vm
from app.web.hx import is_htmx, page_or_fragment
from app.web.i18n import explained
from app.web.alignment import align_editor
from app.web.auth import check_access, signed_in
from app.web.jobview import checks_running as checks_view, job_view
from app.web.numbers import arg_int
from app.web.publish import commit
from app.web.refresh import undo_bar
from app.workers.publisher import publish_now

bp = Blueprint("documents", __name__)


def document_or_404(slug):
    """The document with this slug, or a 404 page."""
    doc = documents.get_document(db(), slug)
    if doc is None:
        abort(404)
    return check_access(doc)


@bp.get("/")
def index():
    """Home: every document with its progress (archived ones with ?archived=1), and the
    imports still running."""
    docs = accounts.visible_documents(db(), signed_in(), documents.list_documents(db()))
    archived = request.args.get("archived") == "1"
    counts = documents.progress(db())
    rows = [(doc, vm.progress(doc.id, counts))
            for doc in lifecycle.shelf(docs, archived=archived)]
    imports = [job_view(job) for job in jobs.active(db(), signed_in())]
    return render_template("index.html", rows=rows, imports=imports, archived=archived,
                           archived_count=len(lifecycle.shelf(docs, archived=True)),
                           language_name=vm.language_name)


def _managed(slug, change, **back):
    """Make a reviewer's or admin's change to the document (403 for others, 404 when they may
    not open it), commit it, and go back to the documents list (`back`: its arguments)."""
    if not accounts.can(signed_in(), "reviewer"):
        abort(403)
    doc = document_or_404(slug)
    try:
        change(doc)
    except lifecycle.LifecycleError as exc:
        db().rollback()
        return page_or_fragment("error.html", "_error.html", code=422,
                                message=explained(exc)), 422
    return redirect(url_for("documents.index", **back), code=303)


@bp.post("/documents/<slug>/rename")
def rename(slug):
    """Give the document a new title (its address and PO file name stay)."""
    def change(doc):
        lifecycle.rename(db(), doc, request.form.get("title", ""))
        commit(doc)
    return _managed(slug, change)


@bp.post("/documents/<slug>/archive")
def archive(slug):
    """Hide the document from the list (restorable from "Show archived")."""
    return _managed(slug, lambda doc: (lifecycle.archive(db(), doc), db().commit()))


@bp.post("/documents/<slug>/restore")
def restore(slug):
    """Bring an archived document back to the list."""
    return _managed(slug, lambda doc: (lifecycle.restore(db(), doc), db().commit()),
                    archived="1")


@bp.post("/documents/<slug>/delete")
def delete(slug):
    """Delete the document for good, once confirmed with its title; its PO file goes too."""
    def change(doc):
        path = publishing.po_path(current_app.config["TRANSLATIONS_DIR"], doc)
        lifecycle.delete_document(db(), doc, confirm_title=request.form.get("confirm_title"))
        db().commit()
        path.unlink(missing_ok=True)
    return _managed(slug, change)


def _unit_filter():
    args = request.args
    return review.UnitFilter(state=args.get("state", ""), category=args.get("category", ""),
                             query=args.get("q", ""), regex=bool(args.get("regex")),
                             side=args.get("side", "both"))


@bp.get("/documents/<slug>")
def show(slug):
    """A document: reference and target side by side, one aligned unit a row (filterable);
    the first window of rows, or the next one (`offset`) for the infinite scroll."""
    doc = document_or_404(slug)
    flt, error = _unit_filter(), None
    focus = request.args.get("edit") or request.args.get("align")
    offset = arg_int("offset", 0)
    pattern = found = None
    try:
        keep = focus and review.filtered_index(db(), doc, flt, focus)
        limit = vm.window_limit(offset, keep)
        units = review.filtered_units(db(), doc, flt, offset=offset, limit=limit + 1)
        pattern = review.search_pattern(flt)
        found = offset == 0 and vm.search_found(review.search_count(db(), doc, flt))
    except review.ReviewError as exc:
        units, limit, error = [], 0, explained(exc)
    shown, next_offset = units[:limit], (offset + limit if len(units) > limit else None)
    more_url = next_offset and url_for("documents.show", slug=slug, **{
        **request.args.to_dict(), "offset": next_offset})
    aligning = review.find_unit(db(), doc, request.args.get("align"))
    counts = review.suggestion_counts(db(), doc.id, [f for u in shown for f in u.findings])
    editing = next((u for u in shown if u.uid == request.args.get("edit")), None)
    context = dict(
        doc=doc, filter=flt, filter_error=error, found=found,
        rows=[vm.unit_row(u, counts, pattern and review.hits(pattern, flt.side, u) or ((), ()))
              for u in shown],
        more_url=more_url, first_window=offset == 0,
        filter_options=vm.filter_options(), editing=request.args.get("edit"),
        dismissed=editing and vm.dismissals(review.dismissed(editing)),
        aligning=aligning and align_editor(aligning),
        src_lang=doc.source_lang, tgt_lang=doc.target_lang)
    if is_htmx() and request.headers.get("HX-Target") in ("units-body", "more-units"):
        return render_template("_units_body.html", **context)
    counts, quality = documents.counters(db(), doc, store=False)
    return render_template("document.html", quality=quality,
                           undo_bar=undo_bar(doc),
                           progress=vm.Progress(doc.id, **counts),
                           checks_running=checks_view(db(), doc),
                           source_name=vm.language_name(doc.source_lang),
                           target_name=vm.language_name(doc.target_lang), **context)


@bp.get("/documents/<slug>/checks")
def checks_running(slug):
    """The document's check pass (the slow checks an import left out): htmx asks every two
    seconds while it runs and gets its progress and the counters; without htmx, the page."""
    doc = document_or_404(slug)
    if not is_htmx():
        return redirect(url_for("documents.show", slug=slug), code=303)
    counts, quality = documents.counters(db(), doc, store=False)
    return render_template("_checks_update.html", quality=quality,
                           progress=vm.Progress(doc.id, **counts),
                           checks_running=checks_view(db(), doc, finished=True))


EXPORT_TYPES = {"po": "text/x-gettext-translation", "txt": "text/plain; charset=utf-8",
                "tmx": "application/x-tmx+xml", "xliff": "application/xliff+xml"}


@bp.get("/documents/<slug>/export.<fmt>")
def export(slug, fmt):
    """Download the document as PO (also kept current in translations/), TXT, TMX or XLIFF."""
    doc = document_or_404(slug)
    if fmt not in EXPORT_TYPES:
        abort(404)
    try:
        return export_file(doc, fmt)
    except exports.ExportError as exc:
        return render_template("error.html", code=422, message=explained(exc)), 422


def export_file(doc, fmt):
    """The answer that downloads `doc` as `fmt` (a key of EXPORT_TYPES), for the browser and
    the API alike: the PO file kept in translations/, brought up to date first, or a
    rendering of the document. Raises exports.ExportError when the format cannot hold it."""
    path = publish_now(current_app, db(), doc)
    data = path.read_bytes() if fmt == "po" else exports.render(doc, fmt)
    return send_file(io.BytesIO(data), mimetype=EXPORT_TYPES[fmt], as_attachment=True,
                     download_name=f"{doc.slug}.{doc.target_lang}.{fmt}", max_age=0)
