"""Command-line interface: `flask --app app COMMAND` (see `flask --app app --help`)."""
import json
import sys
from pathlib import Path

import click
from flask import current_app

from app.core import align as aligner
from app.core import checks, po, segment

SEVERE = {"major", "critical"}


def _read_text(path):
    """Read a UTF-8 text file or exit with status 2 and a message naming the file."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{path}: not UTF-8 text (byte {exc.start}): {exc.reason}")
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot read: {exc.strerror}")


def _check_items(path):
    """(reference, target) pairs of a .po or .txt file, in file order."""
    if path.lower().endswith(".po"):
        try:
            return [(e.reference, e.target) for e in po.read_po(path)]
        except po.PoError as exc:
            raise click.ClickException(str(exc))
    return [("", line) for line in _read_text(path).split("\n")]


@click.command("check")
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
    text = _read_text(path)
    if presegmented:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return lines
    return [s.text for s in segment.segment_text(text, lang)]


@click.command("align")
@click.option("--source-lang", required=True, help="Language of SRC (the reference).")
@click.option("--target-lang", required=True, help="Language of TGT.")
@click.option("--presegmented", is_flag=True, help="Each line of SRC and TGT is one sentence.")
@click.option("--format", "fmt", type=click.Choice(["beads", "json"]), default="beads", show_default=True)
@click.argument("src", type=click.Path(dir_okay=False))
@click.argument("tgt", type=click.Path(dir_okay=False))
def align_command(source_lang, target_lang, presegmented, fmt, src, tgt):
    """Align the sentences of SRC and TGT. `beads` prints one bead a line, `[0]:[0, 1]`
    (0-based sentence numbers, source first; `[]:[5]` for a 0-1 bead)."""
    src_sents = _sentences(src, source_lang, presegmented)
    tgt_sents = _sentences(tgt, target_lang, presegmented)
    beads = aligner.align(src_sents, tgt_sents, source_lang, target_lang)
    if fmt == "json":
        click.echo(json.dumps({"beads": [
            {"source": list(b.src), "target": list(b.tgt), "confidence": round(b.score, 4),
             "source_text": " ".join(src_sents[i] for i in b.src),
             "target_text": " ".join(tgt_sents[i] for i in b.tgt)} for b in beads]},
            ensure_ascii=False, indent=1))
    else:
        for b in beads:
            click.echo(f"{list(b.src)}:{list(b.tgt)}")


def init_app(app):
    """Register the commands on the app."""
    for command in (check_command, align_command):
        app.cli.add_command(command)
