"""Glossary pages (document and workspace) and a document's check settings.

A glossary change re-checks the small documents it affects at once and leaves the others to
their check pass, in the background (app/store/rechecks.py); the glossary page shows the
re-check running (polled by htmx) until it ends."""
from types import SimpleNamespace

from flask import (Blueprint, abort, current_app, redirect, render_template, request,
                   url_for)

from app.core import checks, resources, values
from app.store import accounts, checkpass, db, documents, rechecks, terms
from app.store.models import Document, GlossaryTerm
from app.workers import imports as import_worker
from app.web.documents import document_or_404
from app.web.auth import author, check_access, requires, signed_in
from app.web.hx import is_htmx
from app.web.i18n import explained, gettext
from app.web.jobview import RecheckView
from app.web.publish import commit

bp = Blueprint("glossary", __name__)


def _recheck_view(doc, source_lang, target_lang, *, finished=False):
    """The running re-check of the page's documents (None: none; with `finished`, the view
    that says it ended, the answer to the page that polled it)."""
    progress = rechecks.running(db(), source_lang, target_lang, doc)
    if progress is None and not finished:
        return None
    url = (url_for("glossary.document_glossary", slug=doc.slug) if doc is not None else
           url_for("glossary.workspace_glossary", source=source_lang, target=target_lang))
    done, total, count = progress or (0, 0, 0)
    return RecheckView(url=url, done=done, total=total, documents=count,
                       running=progress is not None)


def _recheck_later(docs):
    """After a glossary change: re-check the small documents now, commit, and start the
    check passes of the others (in the background; inline in tests, as imports)."""
    later = rechecks.recheck(db(), docs)
    db().commit()
    if not later:
        return
    app = current_app._get_current_object()
    if app.config["IMPORT_JOBS_INLINE"]:
        for document_id in later:
            checkpass.run_pending(app.extensions["store"], document_id,
                                  float(app.config["IMPORT_JOB_STALE_SECONDS"]))
    else:
        import_worker.wake(app)



def _recheck(docs):
    """Check the documents again, commit, and bring their PO files up to date. On a long
    document the slow checks (grammar) are left to its check pass, as after an import."""
    for doc in docs:
        documents.recheck_document(db(), doc, defer=True)
    db().commit()
    for doc in docs:
        commit(doc)


def _page(doc, source_lang, target_lang, error=None, status=200):
    if is_htmx() and request.method == "GET":  # the re-check's poll
        return render_template("_glossary_recheck.html", recheck=_recheck_view(
            doc, source_lang, target_lang, finished=True))
    return render_template("glossary.html", doc=doc, error=error,
                           recheck=_recheck_view(doc, source_lang, target_lang),
                           source_lang=source_lang, target_lang=target_lang,
                           terms=terms.glossary(db(), doc, source_lang=source_lang,
                                                target_lang=target_lang)), status


def _affected(doc, source_lang, target_lang):
    if doc is not None:
        return [doc]
    return [d for d in documents.list_documents(db())
            if (d.source_lang, d.target_lang) == (source_lang, target_lang)]


def _change(doc, source_lang, target_lang):
    """Add a term or import a file from the submitted form, then re-check what it affects."""
    form = request.form
    try:
        upload = request.files.get("file")
        if upload and upload.filename:
            terms.import_terms(db(), upload.read(), upload.filename, author=author(),
                               source_lang=source_lang, target_lang=target_lang, doc=doc)
        else:
            terms.add_term(db(), source=form.get("source", ""), target=form.get("target", ""),
                           forbidden=bool(form.get("forbidden")), note=form.get("note", ""),
                           author=author(), source_lang=source_lang,
                           target_lang=target_lang, doc=doc)
    except terms.GlossaryImportError as exc:
        db().rollback()
        return _page(doc, source_lang, target_lang, error=explained(exc), status=422)
    _recheck_later(_affected(doc, source_lang, target_lang))
    return redirect(request.url, code=303)


@bp.route("/documents/<slug>/glossary", methods=["GET", "POST"])
def document_glossary(slug):
    """The terms a document uses (its own and the workspace's); add or import terms."""
    doc = document_or_404(slug)
    if request.method == "POST":
        return requires("reviewer")(_change)(doc, doc.source_lang, doc.target_lang)
    return _page(doc, doc.source_lang, doc.target_lang)


@bp.route("/glossary", methods=["GET", "POST"])
def workspace_glossary():
    """The workspace glossary of a language pair (?source=en&target=fr)."""
    source, target = _pair(request.args.get("source", "en"), request.args.get("target", "fr"))
    if request.method == "POST":
        return requires("reviewer")(_change)(None, source, target)
    return _page(None, source, target)


def _pair(source, target):
    """The language pair asked for, normalised (pt_BR -> pt-BR) when both are language codes;
    as given otherwise (the page shows no term; adding one is refused with the reason)."""
    try:
        return values.language(source), values.language(target)
    except values.InvalidValue:
        return source, target


@bp.post("/glossary/<int:term_id>/delete")
@requires("reviewer")
def delete_term(term_id):
    """Remove a glossary term and re-check the documents it applied to."""
    term = db().get(GlossaryTerm, term_id)
    if term is None:
        abort(404)
    doc = check_access(db().get(Document, term.document_id)) if term.document_id else None
    affected = _affected(doc, term.source_lang, term.target_lang)
    db().delete(term)
    db().flush()
    _recheck_later(affected)
    return redirect(request.referrer or url_for("glossary.workspace_glossary"), code=303)


def _resource_view(resource):
    """An optional resource as the Settings page shows it: its texts translated."""
    return SimpleNamespace(name=explained(resource.name), present=resource.present,
                           debian_package=resource.debian_package, install=resource.install,
                           detail=explained(resource.detail), adds=explained(resource.adds),
                           off=explained(resource.off), checks_off=resource.checks_off)


@bp.route("/documents/<slug>/settings", methods=["GET", "POST"])
def settings(slug):
    """Switch checks on or off for a document; show which optional resources are installed."""
    doc = document_or_404(slug)
    if request.method == "POST":
        if not accounts.can(signed_in(), "reviewer"):
            abort(403)
        enabled = set(request.form.getlist("check"))
        doc.disabled_checks = sorted(c.check_id for c in checks.REGISTRY
                                     if c.check_id not in enabled)
        _recheck([doc])
        return redirect(url_for("documents.show", slug=doc.slug), code=303)
    optional = [_resource_view(r) for r in
                resources.optional_resources(doc.source_lang, doc.target_lang)]
    return render_template("settings.html", doc=doc, registry=[
        (c.check_id, gettext(c.category), gettext(c.description),
         c.check_id not in (doc.disabled_checks or []))
        for c in checks.REGISTRY], resources=optional,
        unavailable={c: r.name for r in optional if not r.present for c in r.checks_off})
