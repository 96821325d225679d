"""Command-line interface: `flask --app app COMMAND` (see `flask --app app --help`)."""
import dataclasses
import difflib
import json
import secrets
import shutil
import sys
from array import array
from pathlib import Path
from typing import NamedTuple

import click
from flask import current_app
from flask.cli import AppGroup, FlaskGroup, with_appcontext

from app.cli_text import _, explained, ngettext
from app.core import files, limits, po, textio
from app.core.messages import N_

# The store (SQLAlchemy, alembic), the aligner and the checks are imported by the commands
# that use them: `check` and `align` start without the store and the web layer (see
# `Commands`), and `check` loads only what the checks it runs need.

SEVERE = {"major", "critical"}


class InputError(click.ClickException):
    """Unreadable or invalid input: message on stderr, exit status 2."""
    exit_code = 2


def _limits():
    return limits.from_config(current_app.config)


def _read_bytes(path):
    """A file's bytes, or exit with status 2 when it cannot be read or is larger than an
    upload may be (checked before it is read)."""
    try:
        limits.check_upload(Path(path).stat().st_size, _limits(), str(path))
        return Path(path).read_bytes()
    except limits.TooLarge as exc:
        raise InputError(explained(exc))
    except OSError as exc:
        raise InputError(_cannot_read(path, exc))


def _cannot_read(path, exc):
    return _("%(path)s: cannot read: %(reason)s", path=path, reason=exc.strerror)


def _read_text(path):
    """Read a UTF-8 text file or exit with status 2 and a message naming the file and line."""
    try:
        return textio.decode_text(_read_bytes(path), str(path))
    except textio.TextInputError as exc:
        raise InputError(explained(exc))


class _Item(NamedTuple):
    """One text to check: entry `entry` of its file (0-based), plural form `form` (None
    for a singular entry or a line of text), its flags (gettext's, as a set), and the
    entry's source forms (msgid, msgid_plural) when it is plural; `context`: its msgctxt's
    hash (`_Items`; None: no msgctxt)."""
    entry: int
    form: int | None
    reference: str
    target: str
    flags: frozenset
    fuzzy: bool
    sources: tuple = ()
    context: int | None = None


class _Items:
    """The items of a PO file, in file order, held compactly (issue 17: check's peak memory;
    20,000 _Item tuples and their entry and line numbers took about 5 MB): each distinct
    item but for its entry number is kept once, and per item its entry number, line and
    distinct item's index sit in arrays. Iterating yields _Item tuples, made on the way."""

    def __init__(self):
        self.kinds, self.index = [], {}
        self.entries, self.lines, self.which = array("I"), array("I"), array("I")
        # each item's msgctxt as its 64-bit hash, 0 for none (apart from the kinds: a
        # msgctxt per entry would make every kind distinct; kept, 20,000 of them took 3 MB)
        self.contexts = array("q")

    def append(self, entry, line, *kind, context=None):
        self.contexts.append(0 if context is None else hash(context) or 1)
        self.which.append(self.index.setdefault(kind, len(self.kinds)))
        if self.which[-1] == len(self.kinds):
            self.kinds.append(kind)
        self.entries.append(entry)
        self.lines.append(line)

    def __len__(self):
        return len(self.which)

    def __iter__(self):
        kinds = self.kinds
        return (_Item(k, *kinds[w], c or None)
                for k, w, c in zip(self.entries, self.which, self.contexts))

    def __reversed__(self):
        kinds = self.kinds
        return (_Item(k, *kinds[w], c or None) for k, w, c in
                zip(reversed(self.entries), reversed(self.which), reversed(self.contexts)))


def _check_items(path):
    """The texts of a .po or .txt file to check, in file order: each plural form of a PO
    entry is one item (msgstr[0] against the msgid, the others against the msgid_plural).
    None longer than a segment may be (limits: exit 2 naming the entry's line)."""
    if path.lower().endswith(".po"):
        _read_bytes(path)  # its size checked first
        try:
            entries = po.read_po(path)
        except po.PoError as exc:
            raise InputError(explained(exc))
        items, same = _Items(), {}  # same: one copy of each repeated text or flag set
        for k, e in enumerate(entries):
            flags = frozenset(e.flags)
            flags = same.setdefault(flags, flags)
            plural = e.plural_reference is not None
            sources = (e.reference, e.plural_reference) if plural else ()
            for n, (reference, target) in enumerate(e.pairs()):
                items.append(k, e.line, n if plural else None,
                             same.setdefault(reference, reference),
                             same.setdefault(target, target), flags, e.fuzzy, sources,
                             context=e.context)
        lines = items.lines
        where = lambda k: f"{path}:{lines[k]}"  # noqa: E731
    else:
        items = [_Item(k, None, "", line, frozenset(), False)
                 for k, line in enumerate(_read_text(path).split("\n"))]
        where = lambda k: f"{path}:{k + 1}"  # noqa: E731
    try:
        limits.check_pairs([(i.reference, i.target) for i in items], _limits(), path,
                           where=where)
    except limits.TooLarge as exc:
        raise InputError(explained(exc))
    return items


def _ids(values):
    """Check ids of repeatable, comma-separated options."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _switched_off(only, skip, known):
    """The check ids this run leaves out (all but --only's, and --skip's); exit 2 on an
    unknown id, naming the known ids that look like it."""
    for option, ids in (("--only", only), ("--skip", skip)):
        for check_id in ids:
            if check_id not in known:
                near = difflib.get_close_matches(check_id, sorted(known), n=6, cutoff=0.5)
                if near:
                    message = _("unknown check id %(id)r; did you mean %(near)s? (`check "
                                "--list` describes them)", id=check_id, near=", ".join(near))
                else:
                    message = _("unknown check id %(id)r; known ids: %(known)s (`check "
                                "--list` describes them)", id=check_id,
                                known=", ".join(sorted(known)))
                raise click.BadParameter(message, param_hint=f"'{option}'")
    return frozenset((set(known) - set(only) if only else set()) | set(skip))


def _list_checks(fmt):
    """Print every check: id, MQM category, default severity, languages, description."""
    from app.core import checks

    rows = [{"id": c.check_id, "category": c.category, "severity": c.severity,
             "languages": sorted(c.target_langs) if c.target_langs else None,
             "description": c.description} for c in checks.REGISTRY]
    if fmt == "json":
        click.echo(json.dumps({"checks": rows}, ensure_ascii=False, indent=1))
        return
    table = [(r["id"], r["category"], r["severity"],
              ",".join(r["languages"]) if r["languages"] else "all", _(r["description"]))
             for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for row in table:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4])


class _Runner:
    """Runs the selected checks on (reference, target) pairs with a PO entry's flags and,
    for a plural entry, its source forms (Context.plural_references).

    The findings of a pair depend only on the pair, its flags and source forms (the run's
    languages, glossary and checks being fixed), so they are worked out once per distinct
    (reference, target, flags, sources) and reused: catalogs repeat strings ("Cancel",
    "Name:"), and a repeated entry still gets its own rows in the report (issue 17)."""

    def __init__(self, source_lang, target_lang, off, glossary=()):
        from app.core import checks

        self.run_checks, self.base = checks.run_checks, checks.Context(glossary=glossary)
        self.langs, self.off, self.contexts, self.seen = (source_lang, target_lang), off, {}, {}

    def __call__(self, reference, target, flags, sources=()):
        key = (reference, target, flags, sources)
        found = self.seen.get(key)
        if found is None:
            found = self.seen[key] = tuple(self._run(reference, target, flags, sources))
        return found

    def _run(self, reference, target, flags, sources):
        context = self.contexts.get(flags)
        if context is None:  # one per set of flags: most entries share a few
            context = self.contexts[flags] = dataclasses.replace(self.base, flags=flags)
        if sources:
            context = dataclasses.replace(context, plural_references=sources)
        return self.run_checks(reference, target, *self.langs, context, self.off)

    def with_document_hits(self, found, target, hits):
        """A pair's findings plus its document-level `hits` ({check id: hits})."""
        from app.core import checks

        return checks.with_document_hits(list(found), target, checks.Languages(*self.langs),
                                         self.off, hits)


def _units(items, no_fuzzy):
    """What the document-level checks read of a file's items: ((entry, form), (reference,
    target, origin)) each, the latter None for an item left out (fuzzy, with
    --no-fuzzy). The origin (checks.po_origin: msgctxt and plural form) keeps apart what
    the web app keeps apart in an imported PO file; the msgctxt stands there as its 64-bit hash (two msgctxt
    values of a file with the same hash: a chance of about 2**-64 per pair)."""
    from app.core import checks

    return (((i.entry, i.form), None if no_fuzzy and i.fuzzy else
             (i.reference, i.target, checks.po_origin(None if i.context is None
                                                      else f"{i.context:x}", i.form)))
            for i in items)


def _document_hits(units, off, source_lang, target_lang):
    """The hits of the document-level checks (checks.DOCUMENT_CHECKS: inconsistent
    translations, a quotation never closed) not in `off`, on one file taken as one
    document, as the web app finds them in an imported PO file (issue 17): {(entry, form):
    {check id: hits}} for the units that have some. `units(backwards)` gives a fresh
    iterator of `_units`, from the last one when `backwards`. Only the units whose hits
    may depend on others are held (check's memory; numbered in file order while looked
    for): for a GroupCheck, the units whose summary's hash another unit shares (dc.hits
    then compares the summaries themselves, and the pairs of whole groups get what the
    whole document gives them); for a LastCheck, the last unit with a summary (the
    holder), looked for from the end."""
    from app.core import checks

    languages = checks.Languages(source_lang, target_lang)
    active = [dc for dc in checks.DOCUMENT_CHECKS
              if dc.check.check_id not in off and dc.check.applies_to(languages)]
    groups = [dc for dc in active if isinstance(dc, checks.GroupCheck)]
    firsts, chosen = {}, {dc: set() for dc in active}
    for k, (_key, unit) in enumerate(units(False) if groups else ()):
        for dc in groups if unit is not None else ():
            summary = dc.unit_summary(*unit)
            if summary is not None:
                other = firsts.setdefault((dc.name, hash(summary)), k)
                if other != k:
                    chosen[dc].update((other, k))
    holders = {dc: _holder(dc, units) for dc in active if dc not in groups}
    held = {}
    if any(chosen.values()):
        every = set().union(*chosen.values())
        held = {k: pair for k, pair in enumerate(units(False)) if k in every}
    out = {}
    for dc in active:
        pairs = [pair for k, pair in held.items() if k in chosen[dc]]
        pairs += [holders[dc]] if holders.get(dc) else []
        for (k, _unit), hits in zip(pairs, dc.hits([unit for _k, unit in pairs])):
            if hits:
                out.setdefault(k, {})[dc.check.check_id] = hits
    return out


def _holder(dc, units):
    """(key, unit) of the last unit with a summary of the LastCheck `dc`, or None."""
    for k, unit in units(True):
        if unit is not None and dc.unit_summary(*unit) is not None:
            return k, unit
    return None


@click.command("check")
@with_appcontext
@click.option("--source-lang", default="en", show_default=True, help="Language of the reference.")
@click.option("--target-lang", default="fr", show_default=True, help="Language of the target.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--only", multiple=True, metavar="ID[,ID...]",
              help="Run only these checks (repeatable; `--list` shows the ids).")
@click.option("--skip", multiple=True, metavar="ID[,ID...]",
              help="Leave these checks out (repeatable).")
@click.option("--no-fuzzy", is_flag=True,
              help="Leave out PO entries flagged fuzzy (as Weblate, whose checks look at "
                   "translated strings only, and `pofilter --nofuzzy`). By default they are "
                   "checked, as pofilter does: a fuzzy translation is usually the next one "
                   "to be reviewed.")
@click.option("--list", "list_checks", is_flag=True,
              help="List every check (id, MQM category, default severity, target languages, "
                   "description) and exit; no FILES needed.")
@click.option("--annotate", is_flag=True,
              help="Also write the findings into each .po file, as pofilter does: a translator "
                   "comment per finding, and the fuzzy flag on entries with a major or critical "
                   "one (atomic rewrite; earlier workbench comments are replaced).")
@click.option("--glossary", "glossary_file", type=click.Path(dir_okay=False),
              help="A glossary whose terms the translations must use (CSV or TSV: source, "
                   "target[, forbidden][, note], as the Glossary page imports; or TBX).")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
def check_command(source_lang, target_lang, fmt, only, skip, no_fuzzy, list_checks, annotate,
                  glossary_file, files):
    """Run the checks on FILES (.po: msgid = reference, msgstr = target; .txt: one target
    segment a line). Every plural form of a PO entry is checked (msgstr[0] against the
    msgid, the others against the msgid_plural) and its findings carry the form's index;
    an entry's flags (c-format, python-format, ...) tell the checks its placeholder syntax.
    Each file is one document for the document-level checks, as in the web app
    (inconsistent-translation: a PO message compared with those of its msgctxt and form).
    JSON: {"findings": [{"entry", "form" (plural entries only), "check", "category",
    "severity", "start", "end", "text", "message", "suggestion"}]} (plus "file" when several
    files are given); text: one finding a line, ENTRY[:FORM]:START-END. Exit 0 when no
    finding is major or critical, 1 when one is, 2 on bad input or an unknown check id. An
    optional system resource of the pair that the selected checks would use and that is not
    installed is named on stderr (one line each)."""
    if list_checks:
        _list_checks(fmt)
        return
    if not files:
        raise click.UsageError(_("Missing argument 'FILES...' (or give --list)."))
    from app.core import checks, resources

    off = _switched_off(_ids(only), _ids(skip), checks.BY_ID.keys())
    for notice in resources.missing_notices(source_lang, target_lang, skip=off):
        click.echo(explained(notice), err=True)
    run = _Runner(source_lang, target_lang, off,
                  _glossary(glossary_file, source_lang, target_lang))
    report, severe = [], False
    if annotate:
        for path in files:
            if path.lower().endswith(".po"):
                _annotate(path, run, no_fuzzy, lambda units: _document_hits(
                    units, off, source_lang, target_lang))
    for path in files:
        items = _check_items(path)
        document = _document_hits(
            lambda backwards: _units(reversed(items) if backwards else items, no_fuzzy),
            off, source_lang, target_lang)
        for item in items:
            if no_fuzzy and item.fuzzy:
                continue
            for f in _found(run, item.reference, item.target, item.flags, item.sources,
                            document.get((item.entry, item.form))):
                severe |= f.severity in SEVERE
                row = {"entry": item.entry, "check": f.check_id, "category": f.category,
                       "severity": f.severity, "start": f.start, "end": f.end, "text": f.text,
                       "message": f.message, "suggestion": f.suggestion}
                if item.form is not None:
                    row = {"entry": item.entry, "form": item.form, **row}
                if len(files) > 1:
                    row = {"file": path, **row}
                report.append(row)
    _print_report(report, fmt)
    sys.exit(1 if severe else 0)


def _glossary(path, source_lang, target_lang):
    """The terms of a glossary file (CSV/TSV, or TBX by its extension), or exit 2 naming the
    file and line."""
    if path is None:
        return ()
    from app.core.checks import terminology

    text = _read_text(path)
    try:
        if path.lower().endswith((".tbx", ".xml")):
            return tuple(terminology.parse_tbx(text, path, source_lang, target_lang))
        return tuple(terminology.parse_glossary_csv(text, path))
    except ValueError as exc:
        raise InputError(explained(exc))


def _print_report(report, fmt):
    if fmt == "json":
        click.echo(json.dumps({"findings": report}, ensure_ascii=False, indent=1))
        return
    for r in report:
        where = f"{r['file']}:" if "file" in r else ""
        form = f":{r['form']}" if "form" in r else ""
        click.echo(f"{where}{r['entry']}{form}:{r['start']}-{r['end']}: {r['severity']} "
                   f"[{r['category']}/{r['check']}] {r['message']}")
    click.echo(ngettext("%(num)s finding", "%(num)s findings", len(report)), err=True)


ANNOTATION = "workbench: "


def _annotate(path, run, no_fuzzy, document_hits):
    """Write the findings of a PO file into it (translator comments, fuzzy), atomically;
    with `no_fuzzy`, fuzzy entries are left as they are. `document_hits(units)`: the
    document-level hits of the file's units (`_document_hits`)."""
    from app.core import checks

    try:
        cat = po.parse_catalog(Path(path), check_plurals=False)
    except po.PoError as exc:
        raise InputError(explained(exc))
    forms = [list(zip([e.msgid] + [e.msgid_plural or e.msgid] * 9, e.translations))
             for e in cat.entries]

    def units(backwards):  # as _units gives them
        every = [((k, n if e.is_plural else None), None if no_fuzzy and e.fuzzy else
                  (reference, target, checks.po_origin(e.msgctxt, n if e.is_plural else None)))
                 for k, (e, pairs) in enumerate(zip(cat.entries, forms))
                 for n, (reference, target) in enumerate(pairs)]
        return reversed(every) if backwards else every

    document = document_hits(units)
    for k, (entry, pairs) in enumerate(zip(cat.entries, forms)):
        if no_fuzzy and entry.fuzzy:
            continue
        entry.translator_comments = [c for c in entry.translator_comments
                                     if not c.startswith(ANNOTATION)]
        flags = frozenset(entry.flag_tokens)
        sources = (entry.msgid, entry.msgid_plural) if entry.is_plural else ()
        found = [f for n, (reference, target) in enumerate(pairs) if target
                 for f in _found(run, reference, target, flags, sources,
                                 document.get((k, n if entry.is_plural else None)))]
        entry.translator_comments += [f"{ANNOTATION}{f.category}/{f.check_id}: {f.message}"
                                      for f in found]
        if any(f.severity in SEVERE for f in found):
            entry.set_fuzzy(True)
    po.write_catalog(path, cat)


def _found(run, reference, target, flags, sources, hits):
    """A pair's findings, with its document-level `hits` (None: none)."""
    found = run(reference, target, flags, sources)
    return run.with_document_hits(found, target, hits) if hits else found


def _sentences(path, lang, presegmented):
    """(sentences, paragraph of each sentence or None) of a text file."""
    from app.core import segment

    text = _read_text(path)
    if presegmented:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return lines, None
    segments = segment.segment_text(text, lang)
    return [s.text for s in segments], [s.paragraph for s in segments]


@click.command("align")
@with_appcontext
@click.option("--source-lang", required=True, help="Language of SRC (the reference).")
@click.option("--target-lang", required=True, help="Language of TGT.")
@click.option("--presegmented", is_flag=True, help="Each line of SRC and TGT is one sentence.")
@click.option("--format", "fmt", type=click.Choice(["beads", "json"]), default="beads", show_default=True)
@click.argument("src", type=click.Path(dir_okay=False))
@click.argument("tgt", type=click.Path(dir_okay=False))
def align_command(source_lang, target_lang, presegmented, fmt, src, tgt):
    """Align the sentences of SRC and TGT. `beads` prints one bead a line, `[0]:[0, 1]`
    (0-based sentence numbers, source first; `[]:[5]` for a 0-1 bead)."""
    from app.core import align as aligner

    src_sents, src_paragraphs = _sentences(src, source_lang, presegmented)
    tgt_sents, tgt_paragraphs = _sentences(tgt, target_lang, presegmented)
    beads = aligner.align(src_sents, tgt_sents,
                          src_paragraphs=src_paragraphs, tgt_paragraphs=tgt_paragraphs)
    if fmt == "json":
        click.echo(json.dumps({"beads": [
            {"source": list(b.src), "target": list(b.tgt), "confidence": round(b.score, 4),
             "source_text": " ".join(src_sents[i] for i in b.src),
             "target_text": " ".join(tgt_sents[i] for i in b.tgt)} for b in beads]},
            ensure_ascii=False, indent=1))
    else:
        for b in beads:
            click.echo(f"{list(b.src)}:{list(b.tgt)}")


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create the database or upgrade it to the latest schema (keeps existing data)."""
    from app import store

    store.upgrade_schema(current_app)
    click.echo(_("database ready: %(url)s",
                 url=store.display_url(current_app.config["DATABASE_URL"])))


def _import(session, *, title, reference, target, source_lang, target_lang, quiet=False):
    from app.store import importing, publishing

    reference_text, target_text = _read_text(reference), _read_text(target)
    try:
        for text, lang, name in ((reference_text, source_lang, reference),
                                 (target_text, target_lang, target)):
            limits.check_text(text, lang, _limits(), str(name))
    except limits.TooLarge as exc:
        raise InputError(explained(exc))
    doc = importing.create_document(
        session, title=title, reference_text=reference_text,
        target_text=target_text, source_lang=source_lang, target_lang=target_lang,
        author=current_app.config["DEFAULT_AUTHOR"])
    path = publishing.export_po(doc, current_app.config["TRANSLATIONS_DIR"])
    if not quiet:
        click.echo(_imported(doc.slug, len(doc.units), path))
    return doc


@click.command("load-sample")
@with_appcontext
def load_sample_command():
    """Import the sample pairs listed in source_texts/samples.json that are not there yet."""
    from app import store
    from app.core import values
    from app.store import documents

    folder = Path(current_app.config["SOURCE_TEXTS_DIR"])
    samples = json.loads(_read_text(folder / "samples.json"))
    with store.session_scope(current_app) as session:
        for sample in samples:
            if documents.find_by_title(session, sample["title"]) is not None:
                click.echo(_("already loaded: %(title)s", title=sample["title"]))
                continue
            try:
                _import(session, title=sample["title"], reference=folder / sample["reference"],
                        target=folder / sample["target"], source_lang=sample["source_lang"],
                        target_lang=sample["target_lang"])
            except values.InvalidValue as exc:
                raise InputError(f"samples.json: {exc}")


def _echo(fmt, data, text):
    """Print `data` as JSON, or `text` for people."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=1) if fmt == "json" else text)


def _doc_or_fail(session, slug):
    from app.store import documents

    doc = documents.find_by_slug(session, slug)
    if doc is None:
        raise InputError(_("no document %(slug)r; `flask --app app stats` lists them",
                           slug=slug))
    return doc


FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["text", "json"]),
                             default="text", show_default=True)


@click.command("import")
@with_appcontext
@click.option("--title", help="Title of the document (default: from the file name).")
@click.option("--source-lang", default="en", show_default=True,
              help="Language of the reference (for a PO file: of the msgids).")
@click.option("--target-lang", help="Language of the text to review (a PO file's Language "
              "header by default; required for a text pair).")
@click.option("--lenient-plurals", is_flag=True,
              help="Accept PO plural entries whose number of forms differs from the header.")
@FORMAT_OPTION
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def import_command(title, source_lang, target_lang, lenient_plurals, fmt, files):
    """Import a document: REFERENCE TARGET (two UTF-8 .txt or .md files: the reference and the
    machine translation), one PO file (msgid = reference, msgstr = target), or one TMX file
    (the units of --source-lang and --target-lang, default fr). Prints the new
    document's slug (JSON: {"slug", "title", "units", "po_file"}); exit 2 on bad input.
    Every check has run when it returns: on a long document the slow ones (French grammar)
    run after the document is saved, as the server's check pass would."""
    from app import store
    from app.core import values
    from app.store import catalog, publishing

    try:
        for option, code in (("--source-lang", source_lang), ("--target-lang", target_lang)):
            if code:
                catalog.check_language(code, option)
        if title is not None:
            title = catalog.check_title(title, "--title")
    except catalog.PoImportError as exc:
        raise InputError(explained(exc))
    with store.session_scope(current_app) as session:
        if len(files) == 1 and files[0].lower().endswith((".po", ".pot")):
            try:
                doc = catalog.import_po(session, _read_bytes(files[0]), files[0],
                                        author=current_app.config["DEFAULT_AUTHOR"],
                                        title=title, source_lang=source_lang,
                                        target_lang=target_lang,
                                        check_plurals=not lenient_plurals)
            except (po.PoError, catalog.PoImportError, limits.TooLarge) as exc:
                raise InputError(explained(exc))
            except OSError as exc:
                raise InputError(_cannot_read(files[0], exc))
            path = publishing.export_po(doc, current_app.config["TRANSLATIONS_DIR"])
        elif len(files) == 1 and files[0].lower().endswith(".tmx"):
            try:
                doc = catalog.import_tmx(session, _read_bytes(files[0]), files[0],
                                         author=current_app.config["DEFAULT_AUTHOR"],
                                         title=title, source_lang=source_lang,
                                         target_lang=target_lang or "fr")
            except (catalog.PoImportError, limits.TooLarge) as exc:
                raise InputError(explained(exc))
            except OSError as exc:
                raise InputError(_cannot_read(files[0], exc))
            path = publishing.export_po(doc, current_app.config["TRANSLATIONS_DIR"])
        elif len(files) == 2:
            if not target_lang:
                raise click.UsageError(_("--target-lang is required for a text pair"))
            doc = _import(session, title=title or values.title_from_name(Path(files[1]).stem),
                          reference=files[0],
                          target=files[1], source_lang=source_lang, target_lang=target_lang,
                          quiet=True)
            path = publishing.po_path(current_app.config["TRANSLATIONS_DIR"], doc)
        else:
            raise click.UsageError(_("give REFERENCE TARGET (two text files) or one PO file"))
        result = {"slug": doc.slug, "title": doc.title, "units": len(doc.units),
                  "po_file": str(path)}
        document_id, pending = doc.id, doc.checks_pending is not None
    if pending:
        _run_check_pass(document_id, result["slug"])
    _echo(fmt, result, _imported(result["slug"], result["units"], result["po_file"]))


def _imported(slug, units, path):
    return ngettext("imported %(slug)s: %(num)s unit; PO file %(path)s",
                    "imported %(slug)s: %(num)s units; PO file %(path)s", units, slug=slug,
                    path=path)


def _run_check_pass(document_id, slug):
    """Run the slow checks that the import of a long document left out, before the command
    returns (a server that took the pass first runs it instead: said on stderr)."""
    from app.store import checkpass

    if not checkpass.run_pending(current_app.extensions["store"], document_id,
                                 float(current_app.config["IMPORT_JOB_STALE_SECONDS"])):
        click.echo(_("%(slug)s: a server is running its slow checks (French grammar); the "
                     "document page shows how far they are", slug=slug), err=True)


@click.command("import-glossary")
@with_appcontext
@click.argument("slug")
@click.argument("file", type=click.Path(dir_okay=False))
def import_glossary_command(slug, file):
    """Import a glossary file into document SLUG's glossary (CSV or TSV: source, target[,
    forbidden][, note], or TBX: what the Glossary page imports), then re-check the document
    with it. Nothing is added when a line is bad (exit 2, naming the file and line)."""
    from app import store
    from app.store import rechecks, terms

    with store.session_scope(current_app) as session:
        doc = _doc_or_fail(session, slug)
        try:
            count = terms.import_terms(session, _read_bytes(file), file, doc=doc,
                                       author=current_app.config["DEFAULT_AUTHOR"],
                                       source_lang=None, target_lang=None)
        except terms.GlossaryImportError as exc:
            raise InputError(explained(exc))
        later, document_id = rechecks.recheck(session, [doc]), doc.id
    if later:
        _run_check_pass(document_id, slug)
    click.echo(f"imported {count} glossary terms into {slug}; its checks ran again")


EXPORTERS = ("po", "txt", "tmx", "xliff")


@click.command("export")
@with_appcontext
@click.option("--format", "fmt", type=click.Choice(EXPORTERS), default="po", show_default=True,
              help="po: the document's PO file; txt: the corrected text in its original layout; "
                   "tmx: approved units as a translation memory; xliff: XLIFF 2.0.")
@click.option("--output", type=click.Path(dir_okay=False),
              help="Where to write (default: the PO file in translations/, others on stdout).")
@click.argument("slug")
def export_command(fmt, output, slug):
    """Export document SLUG. The PO file in translations/ is always brought up to date."""
    from app import store
    from app.store import exports, publishing

    with store.session_scope(current_app) as session:
        doc = _doc_or_fail(session, slug)
        path = publishing.export_po(doc, current_app.config["TRANSLATIONS_DIR"])
        if fmt == "po":
            if output:
                shutil.copyfile(path, output)
            click.echo(output or str(path))
            return
        try:
            data = exports.render(doc, fmt)
        except exports.ExportError as exc:
            raise InputError(explained(exc))
    if output:
        files.atomic_write(output, data)
        click.echo(output)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@click.command("stats")
@with_appcontext
@FORMAT_OPTION
@click.argument("slugs", nargs=-1)
def stats_command(fmt, slugs):
    """Progress, quality and post-editing effort of documents (all of them by default).
    JSON: {"documents": [{"slug", "title", "source_lang", "target_lang", "segments",
    "flagged", "edited", "approved", "quality", "penalty_per_100_words", "hter"}]}."""
    from app import store
    from app.store import documents, review

    with store.session_scope(current_app) as session:
        docs = ([_doc_or_fail(session, s) for s in slugs] if slugs
                else documents.list_documents(session))
        counts = documents.progress(session, [d.id for d in docs])
        rows = []
        for doc in docs:
            quality = documents.quality(doc)
            rows.append({"slug": doc.slug, "title": doc.title, "source_lang": doc.source_lang,
                         "target_lang": doc.target_lang, **counts.get(doc.id, {}),
                         "quality": quality.score,
                         "penalty_per_100_words": quality.per_100_words,
                         "hter": round(review.effort(doc)[1], 4)})
    text = "\n".join(f"{r['slug']}: {r.get('segments', 0)} segments, {r.get('flagged', 0)} "
                     f"flagged, {r.get('edited', 0)} edited, {r.get('approved', 0)} approved, "
                     f"quality {r['quality']}, HTER {r['hter']}" for r in rows)
    _echo(fmt, {"documents": rows}, text or "no documents")


@click.command("create-user")
@with_appcontext
@click.option("--role", type=click.Choice(["translator", "reviewer", "admin"]),
              default="translator", show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Prompted when not given (at least 10 characters).")
@click.argument("username")
def create_user_command(role, password, username):
    """Create an account (the first admin is created this way, or by `make run`)."""
    from app import store
    from app.store import accounts

    with store.session_scope(current_app) as session:
        try:
            accounts.create_user(session, username, password, role)
        except accounts.AccountError as exc:
            raise InputError(explained(exc))
    click.echo(_("created %(role)s %(user)s", role=role, user=username))


@click.command("set-password")
@with_appcontext
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Prompted when not given (at least 10 characters).")
@click.argument("username")
def set_password_command(password, username):
    """Give account USERNAME a new password (for example after importing a workspace
    exported without password hashes); their sessions end."""
    from app import store
    from app.store import accounts

    with store.session_scope(current_app) as session:
        try:
            accounts.set_password(session, username, password)
        except accounts.AccountError as exc:
            raise InputError(explained(exc))
    click.echo(_("new password set for %(user)s", user=username))


@click.command("ensure-admin")
@with_appcontext
def ensure_admin_command():
    """For a single local user: unless an active admin exists, create the account "admin"
    (or, when "admin" exists but is not an active admin, make it one again) with a random
    password kept in instance/admin-password (mode 600); say how to sign in. Running it
    again changes nothing."""
    from app import store
    from app.store import accounts, private

    secret = Path(current_app.config["ADMIN_PASSWORD_FILE"])
    with store.session_scope(current_app) as session:
        if accounts.has_active_admin(session):
            if secret.exists():  # an older install wrote it with the default mode
                private.file(secret)
            click.echo(_("Sign in as admin with the password in %(file)s", file=secret)
                       if secret.exists() else _("An admin account exists; sign in with it."))
            return
        password = secrets.token_urlsafe(12)
        user = accounts.find_user(session, "admin")
        if user is None:
            accounts.create_user(session, "admin", password, "admin")
            done = _("created the account admin; sign in as admin with the password in "
                     "%(file)s", file=secret)
        else:
            was = (_("%(role)s", role=user.role) if user.active else
                   _("%(role)s, deactivated", role=user.role))
            accounts.restore_admin(session, user, password)
            done = _("there was no active admin: the account %(user)s (%(was)s) is an active "
                     "admin again, with a new password; sign in as admin with the password "
                     "in %(file)s", user=user.username, was=was, file=secret)
        _write_secret(secret, password)
    click.echo(done)


def _write_secret(path, text):
    from app.store import private

    path.parent.mkdir(parents=True, exist_ok=True)
    private.file(path).write_text(text + "\n")


def _account(session, username):
    """The user called USERNAME, or exit 2 saying there is none."""
    from app.store import accounts

    user = accounts.find_user(session, username)
    if user is None:
        raise InputError(_("There is no user %(name)r.", name=username))
    return user


def _change(username, change, done, **values):
    """Apply `change(session, user)` to account USERNAME, all or nothing; say `done` (a
    msgid marked N_, with %(user)s and `values`)."""
    from app import store
    from app.store import accounts

    with store.session_scope(current_app) as session:
        user = _account(session, username)
        try:
            change(session, user)
        except accounts.AccountError as exc:
            raise InputError(explained(exc))
        click.echo(_(done, user=user.username, **values))


@click.command("deactivate-user")
@with_appcontext
@click.argument("username")
def deactivate_user_command(username):
    """Deactivate account USERNAME: their sessions end at once and they cannot sign in;
    their revisions keep their name (the last active admin is refused, exit 2)."""
    from app.store import accounts

    _change(username, lambda s, u: accounts.set_active(s, u, False),
            N_("deactivated %(user)s: signed out everywhere, sign-in refused"))


@click.command("activate-user")
@with_appcontext
@click.argument("username")
def activate_user_command(username):
    """Reactivate account USERNAME (they sign in again)."""
    from app.store import accounts

    _change(username, lambda s, u: accounts.set_active(s, u, True), N_("reactivated %(user)s"))


@click.command("set-role")
@with_appcontext
@click.option("--role", type=click.Choice(["translator", "reviewer", "admin"]), required=True)
@click.argument("username")
def set_role_command(role, username):
    """Give account USERNAME another role; their sessions end (the last active admin keeps
    the admin role: exit 2)."""
    from app.store import accounts

    _change(username, lambda s, u: accounts.set_role(s, u, role),
            N_("%(user)s is now %(role)s; their sessions ended"), role=role)


@click.command("create-token")
@with_appcontext
@click.option("--scope", type=click.Choice(["read", "write"]), default="read",
              show_default=True, help="read: GET only; write: every change too.")
@click.option("--name", default="command line", show_default=True,
              help="What will use the token (shown on the Preferences page).")
@click.argument("username")
def create_token_command(scope, name, username):
    """Make a personal API token for account USERNAME and print its secret (shown only
    now; the workbench keeps its hash). It carries the user's role and document access."""
    from app import store
    from app.store import tokens

    with store.session_scope(current_app) as session:
        user = _account(session, username)
        if not user.active:
            raise InputError(f"{user.username!r} is deactivated: reactivate the account "
                             "first.")
        try:
            token, secret = tokens.create(session, user, name=name, scope=scope)
        except tokens.TokenError as exc:
            raise InputError(explained(exc))
        prefix = token.prefix
    click.echo(f"created {scope} token {prefix}… “{name}” for {user.username}; copy it now, "
               "it is not shown again:", err=True)
    click.echo(secret)


@click.command("revoke-token")
@with_appcontext
@click.argument("username")
@click.argument("prefix")
def revoke_token_command(username, prefix):
    """Revoke the token of account USERNAME whose secret starts with PREFIX (as listed on the
    Preferences page, such as wb_Ab3dE9xQ, or the whole secret); its next request is
    refused."""
    from app import store
    from app.store import tokens

    with store.session_scope(current_app) as session:
        user = _account(session, username)
        wanted = prefix.rstrip("…")  # the prefix as listed, or the whole secret
        found = [t for t in tokens.list_tokens(session, user) if len(wanted) >= 4 and (
            t.prefix.startswith(wanted) or wanted.startswith(t.prefix))]
        if len(found) != 1:
            raise InputError(f"{user.username!r} has no valid token starting with {prefix!r}"
                             if not found else
                             f"{len(found)} tokens of {user.username!r} start with {prefix!r}:"
                             " give more of it.")
        tokens.revoke(session, found[0])
    click.echo(f"revoked token {found[0].prefix}… of {user.username}")


def _with_document(slug, change):
    from app.store import accounts, documents

    def apply(session, user):
        doc = documents.find_by_slug(session, slug)
        if doc is None:
            raise accounts.AccountError(N_("There is no document %(slug)r."), slug=slug)
        change(session, doc, user)
    return apply


@click.command("grant-access")
@with_appcontext
@click.argument("username")
@click.argument("slug")
def grant_access_command(username, slug):
    """Let USERNAME open the document SLUG (admins open every document)."""
    from app.store import accounts

    _change(username, _with_document(slug, accounts.grant), N_("%(user)s may open %(slug)s"),
            slug=slug)


@click.command("revoke-access")
@with_appcontext
@click.argument("username")
@click.argument("slug")
def revoke_access_command(username, slug):
    """Take the document SLUG away from USERNAME (at once: their next request is refused)."""
    from app.store import accounts

    _change(username, _with_document(slug, accounts.revoke),
            N_("%(user)s may no longer open %(slug)s"), slug=slug)


def _summary(totals):
    return (f"{totals['documents']} documents ({totals['units']} units, "
            f"{totals['revisions']} revisions, {totals['comments']} comments), "
            f"{totals['glossary']} glossary terms, {totals['memory']} memory entries, "
            f"{totals['users']} users")


@click.command("export-workspace")
@with_appcontext
@click.option("--include-password-hashes", is_flag=True,
              help="Also write the users' password hashes (keep the file as secret as the "
                   "database). Without them, accounts imported from the file cannot sign in.")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
def export_workspace_command(include_password_hashes, file):
    """Write the whole workspace (documents with their texts, segments, units, revisions,
    findings, comments, operations; glossary, memory, users and document access) to FILE as
    JSON (`-`: stdout), atomically. Import jobs and sign-in failures are left out. The format
    is documented in app/store/workspace.py. Exit 0, or 1 when FILE cannot be written."""
    from app import store
    from app.store import workspace

    with store.session_scope(current_app) as session:
        try:
            data = workspace.export_workspace(
                session, include_password_hashes=include_password_hashes)
        except workspace.WorkspaceError as exc:
            raise click.ClickException(str(exc))
    raw = workspace.dumps(data)
    if file == "-":
        with click.open_file("-", "wb") as out:
            out.write(raw)
    else:
        try:
            files.atomic_write(file, raw, mode=files.PRIVATE)
        except OSError as exc:
            raise click.ClickException(f"{file}: cannot write: {exc.strerror}")
    hashes = ("password hashes included: keep the file secret" if include_password_hashes
              else "password hashes omitted: accounts imported from this file cannot sign "
                   "in (--include-password-hashes for a full restore)")
    click.echo(f"exported {_summary(workspace.counts(data))} to "
               f"{'stdout' if file == '-' else file} (schema {data['schema_revision']}); "
               f"{hashes}; import jobs and sign-in failures left out", err=True)
    try:
        workspace.check_values(data)
    except workspace.WorkspaceError as exc:  # stored before values were checked at entry
        click.echo(f"warning: import-workspace will refuse this file until it is corrected: "
                   f"{explained(exc)}", err=True)


@click.command("import-workspace")
@with_appcontext
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
def import_workspace_command(file):
    """Import a workspace written by export-workspace (`-`: stdin) into an EMPTY database
    (created or upgraded to the latest schema first), all or nothing, then write every
    document's PO file in translations/. Exit 0; 1 when the database already holds data;
    2 when FILE is unreadable, not a workspace export, or has a bad record (the message
    names the record and the field)."""
    from app import store
    from app.store import workspace

    try:
        with click.open_file(file, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise InputError(f"{file}: cannot read: {exc.strerror}")
    try:
        data = workspace.loads(raw, file)
    except workspace.WorkspaceError as exc:
        raise InputError(explained(exc))
    try:
        workspace.check_header(data)
        workspace.check_values(data)  # before anything is written
        with store.session_scope(current_app) as session:
            workspace.check_empty(session)  # refused before the schema is touched
        store.upgrade_schema(current_app)
        with store.session_scope(current_app) as session:
            totals = workspace.import_workspace(session, data)
    except workspace.WorkspaceError as exc:
        raise InputError(f"{file}: {explained(exc)}")
    except workspace.NotEmptyError as exc:
        raise click.ClickException(str(exc))
    _write_po_files()
    click.echo(f"imported {_summary(totals)} from {file}")
    if data["password_hashes"] == "omitted" and totals["users"]:
        click.echo(f"the file has no password hashes: the {totals['users']} imported accounts "
                   "cannot sign in (export with --include-password-hashes for a full restore)",
                   err=True)


def _write_po_files():
    """Write every document's PO file; a file that cannot be written is said on stderr (the
    document is stored: its next change writes it). Returns how many were not written."""
    from app import store
    from app.store import documents, publishing

    unwritten = 0
    with store.session_scope(current_app) as session:
        for doc in documents.list_documents(session):
            try:
                publishing.export_po(doc, current_app.config["TRANSLATIONS_DIR"])
            except (OSError, ValueError) as exc:
                unwritten += 1
                click.echo(_("%(slug)s: the PO file was not written: %(reason)s", slug=doc.slug,
                             reason=explained(exc)), err=True)
    return unwritten


@click.command("worker")
@click.option("--once", is_flag=True, help="Run what is queued now, then exit.")
@with_appcontext
def worker_command(once):
    """Run the background work of the web servers: imports, check passes (glossary
    re-checks), PO files (app/workers/service.py); set FLASK_BACKGROUND_WORKER=1 for the
    servers too, so that they only queue it. Stops on SIGTERM or Ctrl+C."""
    from app.workers import service

    app = current_app._get_current_object()
    if once:
        ran, passes, written = service.run_once(app)
        click.echo(_("imports run: %(ran)s; check passes: %(passes)s; PO files written: "
                     "%(written)s", ran=ran, passes=passes, written=written))
        return
    service.give_way()
    click.echo(_("worker: running imports, check passes and PO files (Ctrl+C stops)"))
    service.run(app)


# --- remote: the client of the JSON API (issue 21); its HTTP is in app/remote.py ----------

@click.group("remote")
@click.option("--url", envvar="WORKBENCH_URL", metavar="URL",
              help="The workbench server's address (default: $WORKBENCH_URL).")
@click.option("--token", envvar="WORKBENCH_TOKEN", metavar="TOKEN",
              help="A personal API token (default: $WORKBENCH_TOKEN); write scope to push.")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=60, show_default=True,
              help="Seconds to wait for each answer of the server.")
@click.pass_context
def remote_group(ctx, url, token, timeout):
    """Talk to a workbench server over its JSON API, from a pipeline: push a document to
    review, read its status, pull the reviewed file. Exit 0: done (every segment approved,
    no more open findings than --max-findings); 1: not done yet; 2: error (network, token,
    input), said in one line."""
    ctx.obj = {"url": url, "token": token, "timeout": timeout}


def _remote(ctx):
    from app import remote

    try:
        return remote.Remote(ctx.obj["url"], ctx.obj["token"], timeout=ctx.obj["timeout"])
    except remote.RemoteError as exc:
        raise InputError(explained(exc))


def _remote_call(function, *args, **kwargs):
    """Run a function of app/remote.py; its RemoteError exits with status 2."""
    from app import remote

    try:
        return function(*args, **kwargs)
    except remote.RemoteError as exc:
        raise InputError(explained(exc))


def _done_or_not(remote_server, slug, max_findings, *, quiet=False):
    """Print the document's status (unless `quiet`); exit 1 when it is not done."""
    from app import remote

    stats = _remote_call(remote.stats_of, remote_server, slug)
    if not quiet:
        for line in remote.status_lines(stats):
            click.echo(line)
    verdict = remote.verdict(stats, max_findings)
    if not verdict.done:
        click.echo(f"not done: {'; '.join(verdict.reasons)}", err=True)
        sys.exit(1)


MAX_FINDINGS_OPTION = click.option(
    "--max-findings", type=click.IntRange(0), default=0, show_default=True,
    help="Open findings allowed for the document to count as done.")


@remote_group.command("push")
@click.option("--title", help="The document's title (default: from the file name).")
@click.option("--source-lang", default="en", show_default=True,
              help="Language of the reference.")
@click.option("--target-lang", help="Language of the translation (a PO file: its Language "
                                    "header by default).")
@click.option("--wait", "wait_seconds", type=click.FloatRange(1), default=600,
              show_default=True, help="Seconds to wait for the import to finish.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.pass_context
def remote_push_command(ctx, title, source_lang, target_lang, wait_seconds, files):
    """Send FILES for review: one PO or TMX file, or two texts (the reference, then its
    machine translation). Waits for the import, then prints the document's address (its
    last part is the slug that status and pull take)."""
    from app import remote

    server = _remote(ctx)
    job_url = _remote_call(remote.start_import, server, files, title=title,
                           source_lang=source_lang, target_lang=target_lang)
    job = _remote_call(remote.wait_for_job, server, job_url, timeout=wait_seconds)
    document = _remote_call(server.get_json, job["document"]["url"])
    click.echo(f"imported as {document['slug']} (job {job['id']})", err=True)
    click.echo(document.get("web_url") or document["url"])


@remote_group.command("status")
@MAX_FINDINGS_OPTION
@click.argument("slug")
@click.pass_context
def remote_status_command(ctx, max_findings, slug):
    """Print SLUG's progress, quality, effort and open findings by category; exit 1 while
    segments are not approved or open findings exceed --max-findings."""
    _done_or_not(_remote(ctx), slug, max_findings)


@remote_group.command("pull")
@click.option("--format", "fmt", type=click.Choice(["po", "tmx", "xliff", "text"]),
              default="po", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="The file to write (default: SLUG.po and the like, here).")
@MAX_FINDINGS_OPTION
@click.argument("slug")
@click.pass_context
def remote_pull_command(ctx, fmt, output, max_findings, slug):
    """Write SLUG's reviewed file (PO by default) as the browser exports it; exit 1 when the
    document is not done yet (the file is written all the same)."""
    from app import remote

    server = _remote(ctx)
    output = output or f"{slug}.{'txt' if fmt == 'text' else fmt}"
    size = _remote_call(remote.pull, server, slug, output, fmt)
    click.echo(f"wrote {output} ({size:,} bytes)", err=True)
    _done_or_not(server, slug, max_findings, quiet=True)


# The commands that need neither the store nor the web layer.
LIGHT = frozenset({"check", "align", "remote"})


def looking_up_a_command():
    """True while the `flask` command makes the app to look up one of the app's commands
    (FlaskGroup.get_command or list_commands); False under a WSGI server, in tests, and for
    flask's own commands (run, shell, routes), which make the app themselves."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and isinstance(ctx.command, FlaskGroup)


class Commands(AppGroup):
    """The app's commands when `looking_up_a_command`: the app was made without its store and
    web layer, which `set_up` adds as soon as a command other than the LIGHT ones (or one
    the app does not know yet) is looked up."""

    def __init__(self, name, set_up):
        super().__init__(name)
        self._set_up = set_up

    def get_command(self, ctx, name):
        command = super().get_command(ctx, name)
        if command is None or name not in LIGHT:
            self._set_up()
            command = super().get_command(ctx, name)
        return command


def init_app(app):
    """Register the commands on the app."""
    for command in (check_command, align_command, init_db_command, load_sample_command,
                    import_command, export_command, stats_command, create_user_command,
                    import_glossary_command,
                    ensure_admin_command, export_workspace_command,
                    import_workspace_command, set_password_command,
                    deactivate_user_command, activate_user_command, set_role_command,
                    grant_access_command, revoke_access_command, worker_command,
                    create_token_command, revoke_token_command,
                    remote_group):
        app.cli.add_command(command)
