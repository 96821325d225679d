"""Command-line interface: `flask --app app COMMAND` (see `flask --app app --help`)."""
import json
import shutil
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from app.core import align as aligner
from app import store
from app.core import checks, po, segment, textio
from app.store import documents

SEVERE = {"major", "critical"}


class InputError(click.ClickException):
    """Unreadable or invalid input: message on stderr, exit status 2."""
    exit_code = 2


def _read_text(path):
    """Read a UTF-8 text file or exit with status 2 and a message naming the file and line."""
    try:
        return textio.decode_text(Path(path).read_bytes(), str(path))
    except textio.TextInputError as exc:
        raise InputError(str(exc))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}")


def _check_items(path):
    """(reference, target) pairs of a .po or .txt file, in file order."""
    if path.lower().endswith(".po"):
        try:
            return [(e.reference, e.target) for e in po.read_po(path)]
        except po.PoError as exc:
            raise InputError(str(exc))
    return [("", line) for line in _read_text(path).split("\n")]


@click.command("check")
@with_appcontext
@click.option("--source-lang", default="en", show_default=True, help="Language of the reference.")
@click.option("--target-lang", default="fr", show_default=True, help="Language of the target.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def check_command(source_lang, target_lang, fmt, files):
    """Run the checks on FILES (.po: msgid = reference, msgstr = target; .txt: one target
    segment a line). JSON: {"findings": [{"entry", "check", "category", "severity", "start",
    "end", "text", "message", "suggestion"}]} (plus "file" when several files are given).
    Exit 0 when no finding is major or critical, 1 when one is, 2 on bad input."""
    report, severe = [], False
    for path in files:
        for entry, (reference, target) in enumerate(_check_items(path)):
            for f in checks.run_checks(reference, target, source_lang, target_lang):
                severe |= f.severity in SEVERE
                row = {"entry": entry, "check": f.check_id, "category": f.category,
                       "severity": f.severity, "start": f.start, "end": f.end, "text": f.text,
                       "message": f.message, "suggestion": f.suggestion}
                if len(files) > 1:
                    row = {"file": path, **row}
                report.append(row)
    if fmt == "json":
        click.echo(json.dumps({"findings": report}, ensure_ascii=False, indent=1))
    else:
        for r in report:
            where = f"{r['file']}:" if "file" in r else ""
            click.echo(f"{where}{r['entry']}:{r['start']}-{r['end']}: {r['severity']} "
                       f"[{r['category']}/{r['check']}] {r['message']}")
        click.echo(f"{len(report)} finding(s)", err=True)
    sys.exit(1 if severe else 0)


def _sentences(path, lang, presegmented):
    """(sentences, paragraph of each sentence or None) of a text file."""
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
    src_sents, src_paragraphs = _sentences(src, source_lang, presegmented)
    tgt_sents, tgt_paragraphs = _sentences(tgt, target_lang, presegmented)
    beads = aligner.align(src_sents, tgt_sents, source_lang, target_lang,
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
    store.upgrade_schema(current_app)
    click.echo(f"database ready: {current_app.config['DATABASE_URL']}")


def _import(session, *, title, reference, target, source_lang, target_lang):
    doc = documents.create_document(
        session, title=title, reference_text=_read_text(reference),
        target_text=_read_text(target), source_lang=source_lang, target_lang=target_lang,
        author=current_app.config["DEFAULT_AUTHOR"])
    path = documents.export_po(doc, current_app.config["TRANSLATIONS_DIR"])
    click.echo(f"imported {doc.slug}: {len(doc.units)} units; PO file {path}")
    return doc


@click.command("load-sample")
@with_appcontext
def load_sample_command():
    """Import the sample pairs listed in source_texts/samples.json that are not there yet."""
    folder = Path(current_app.config["SOURCE_TEXTS_DIR"])
    samples = json.loads(_read_text(folder / "samples.json"))
    with store.session_scope(current_app) as session:
        for sample in samples:
            if documents.find_by_title(session, sample["title"]) is not None:
                click.echo(f"already loaded: {sample['title']}")
                continue
            _import(session, title=sample["title"], reference=folder / sample["reference"],
                    target=folder / sample["target"], source_lang=sample["source_lang"],
                    target_lang=sample["target_lang"])


@click.command("import")
@with_appcontext
@click.option("--title", required=True)
@click.option("--source-lang", required=True, help="Language of the reference text.")
@click.option("--target-lang", required=True, help="Language of the text to review.")
@click.argument("reference", type=click.Path(dir_okay=False))
@click.argument("target", type=click.Path(dir_okay=False))
def import_command(title, source_lang, target_lang, reference, target):
    """Import a document: REFERENCE text and TARGET (MT) text, both UTF-8 .txt files."""
    with store.session_scope(current_app) as session:
        _import(session, title=title, reference=reference, target=target,
                source_lang=source_lang, target_lang=target_lang)


@click.command("export")
@with_appcontext
@click.option("--output", type=click.Path(dir_okay=False),
              help="Also copy the PO file there (default: only translations/).")
@click.argument("slug")
def export_command(output, slug):
    """Write the PO file of document SLUG to translations/ (and to --output)."""
    with store.session_scope(current_app) as session:
        doc = documents.find_by_slug(session, slug)
        if doc is None:
            raise click.ClickException(f"no document {slug!r}; see the home page for the list")
        path = documents.export_po(doc, current_app.config["TRANSLATIONS_DIR"])
    if output:
        shutil.copyfile(path, output)
        path = output
    click.echo(str(path))


def init_app(app):
    """Register the commands on the app."""
    for command in (check_command, align_command, init_db_command, load_sample_command,
                    import_command, export_command):
        app.cli.add_command(command)
