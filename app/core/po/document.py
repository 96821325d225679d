"""Sentence documents as PO files: one `PoUnit` per aligned unit, written as a catalog
(header, then one entry per unit) and read back as `PoEntry`s.

Representation choices (see also tests/core/test_po.py):

- msgctxt is the stable unit id and is mandatory (never empty). Because every entry
  has a context, an empty reference (a 0-1 bead: target without reference) is written
  as `msgid ""` under its msgctxt. That is valid gettext and lossless: the header is the
  only entry with an empty msgid and *no* context (msgfmt compiles our entry under the
  key "ctxt\\x04", distinct from the header's ""), and msgfmt --check accepts it.
- An empty target (a 1-0 bead, or not yet translated) is `msgstr ""`.
- The MT original is one extracted comment line `#. MT: ...` in which backslash and
  newline are escaped (`\\\\` and `\\n`), so multi-line MT survives exactly; a note is
  written as plain extracted comment lines after it. gettext never wraps comments.
- `fuzzy` is the `#, fuzzy` flag.

Reading (`read_po`) takes any UTF-8 PO file: the one line reader validates it (PoError with
the file and line), and polib's reading of the same text is cross-checked against ours.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Sequence

from app.core.messages import N_
from app.core.po.crosscheck import cross_check
from app.core.po.header import GENERATOR, plural_forms, stamp
from app.core.po.model import CatalogEntry, PoCatalog, PoError
from app.core.po.reader import read_catalog_lines
from app.core.po.writer import atomic_write, check_text, render_catalog

MT_PREFIX = "MT: "


@dataclass(frozen=True)
class PoUnit:
    """One unit to write: msgctxt=context, msgid=reference, msgstr=target."""

    context: str
    reference: str
    target: str
    fuzzy: bool
    mt: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class PoEntry:
    """One entry read back from a PO file (header and obsolete entries excluded).

    `index` is the 0-based position in file order, `line` the 1-based line of the
    entry's first line (its first comment, or msgctxt/msgid). For plural entries
    `target` is msgstr[0], `plural_reference` the msgid_plural and `forms` every
    msgstr[n] in order (empty for a singular entry). `flags`: the entry's flags as gettext
    reads them, one token each ("fuzzy", "c-format", "no-wrap", "range:", "1..5").
    """

    index: int
    context: str | None
    reference: str
    target: str
    fuzzy: bool
    line: int
    mt: str | None = None
    note: str | None = None
    flags: tuple[str, ...] = ()
    plural_reference: str | None = None
    forms: tuple[str, ...] = ()

    def pairs(self) -> list[tuple[str, str]]:
        """(reference, target) of each form: msgstr[0] against the msgid, the other
        forms against the msgid_plural; one pair for a singular entry."""
        if self.plural_reference is None:
            return [(self.reference, self.target)]
        return [(self.reference if n == 0 else self.plural_reference, form)
                for n, form in enumerate(self.forms)]

# ---------------------------------------------------------------------------
# The MT comment: one line, its line breaks and white space at either end escaped

_COMMENT_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COMMENT_ESCAPE_TABLE = str.maketrans(_COMMENT_ESCAPES)
_COMMENT_UNESCAPES = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t", "s": " "}


def _escape_comment(text: str) -> str:
    """One comment line; a space at either end becomes \\s (readers strip blanks),
    other white space at either end \\uXXXX (polib strips all of str.isspace())."""
    out = text.translate(_COMMENT_ESCAPE_TABLE)
    if not out[:1].isspace() and not out[-1:].isspace():
        return out  # no white space at either end: nothing more to escape
    lead_ws = len(out) - len(out.lstrip())
    trail_ws = len(out) - len(out.rstrip())
    if lead_ws < len(out):
        def ws(part: str) -> str:
            return "".join(ch if ch == " " else f"\\u{ord(ch):04X}" for ch in part)
        out = ws(out[:lead_ws]) + out[lead_ws:len(out) - trail_ws] + ws(out[len(out) - trail_ws:])
    else:
        out = "".join(ch if ch == " " else f"\\u{ord(ch):04X}" for ch in out)
    core = out.strip(" ")
    if not core:
        return "\\s" * len(out)
    lead = len(out) - len(out.lstrip(" "))
    trail = len(out) - len(out.rstrip(" "))
    return "\\s" * lead + core + "\\s" * trail


def _unescape_comment(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and text[i + 1:i + 2] == "u" and len(text[i + 2:i + 6]) == 4 \
                and all(c in "0123456789ABCDEFabcdef" for c in text[i + 2:i + 6]):
            out.append(chr(int(text[i + 2:i + 6], 16)))
            i += 6
        elif ch == "\\" and i + 1 < len(text) and text[i + 1] in _COMMENT_UNESCAPES:
            out.append(_COMMENT_UNESCAPES[text[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)

# ---------------------------------------------------------------------------
# Writing


def _header_fields(*, language, source_language, title, revision_date, last_translator,
                   generator, language_team, report_msgid_bugs_to, pot_creation_date):
    fields = [("Project-Id-Version", title)]
    if report_msgid_bugs_to:
        fields.append(("Report-Msgid-Bugs-To", report_msgid_bugs_to))
    if pot_creation_date is not None:
        fields.append(("POT-Creation-Date", stamp(pot_creation_date)))
    fields += [
        ("PO-Revision-Date", stamp(revision_date)),
        ("Last-Translator", last_translator or "none"),
        ("Language-Team", language_team or "none"),
        ("Language", language),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(language)),
        ("X-Generator", generator),
        ("X-Source-Language", source_language),
    ]
    for key, value in fields:
        check_text(key, value, newlines=False)
    return fields



def document_catalog(units: Sequence[PoUnit], *, language: str, source_language: str,
                     title: str, revision_date: datetime, last_translator: str | None = None,
                     generator: str = GENERATOR, language_team: str | None = None,
                     report_msgid_bugs_to: str | None = None,
                     pot_creation_date: datetime | None = None) -> PoCatalog:
    """The catalog of a sentence document: its header (title as the header's comment), one
    entry per unit in order. ValueError (TypeError for a value that is not a str) names
    what a unit or a header value cannot hold."""
    fields = _header_fields(
        language=language, source_language=source_language, title=title,
        revision_date=revision_date, last_translator=last_translator, generator=generator,
        language_team=language_team, report_msgid_bugs_to=report_msgid_bugs_to,
        pot_creation_date=pot_creation_date)
    header = CatalogEntry(msgid="", msgstr="".join(f"{k}: {v}\n" for k, v in fields),
                          translator_comments=[title])
    seen: set[str] = set()
    entries = [_unit_entry(unit, seen) for unit in units]
    return PoCatalog(name=title, header=header, entries=entries)


def render_po(units: Sequence[PoUnit], **meta) -> str:
    """The PO text of `units` (see document_catalog for `meta`); the same input always
    gives byte-identical output."""
    return render_catalog(document_catalog(units, **meta))


def write_po(path, units: Sequence[PoUnit], **meta) -> None:
    """Render `units` (see document_catalog for `meta`) and replace `path` atomically."""
    atomic_write(path, render_po(units, **meta).encode("utf-8"), create_folder=True)


def _check_unit(unit: PoUnit, seen: set[str]) -> None:
    check_text("context", unit.context)
    if not unit.context:
        raise ValueError("a unit needs a non-empty context (its stable id)")
    if unit.context in seen:
        raise ValueError(f"duplicate context {unit.context!r}")
    seen.add(unit.context)
    check_text("reference", unit.reference)
    check_text("target", unit.target)
    if unit.mt is not None:
        check_text("mt", unit.mt)


def _note_lines(note: str) -> list[str]:
    check_text("note", note)
    if "\r" in note:
        raise ValueError("note must not contain a carriage return")
    lines = note.split("\n")
    for line in lines:
        if line.startswith(MT_PREFIX):
            raise ValueError(f"a note line cannot start with {MT_PREFIX!r}")
        if line != line.rstrip(" \t") or line != line.lstrip(" \t"):
            raise ValueError("note lines cannot start or end with blanks")
    return lines


def _unit_entry(unit: PoUnit, seen: set[str]) -> CatalogEntry:
    _check_unit(unit, seen)
    comments = [] if unit.mt is None else [f"{MT_PREFIX}{_escape_comment(unit.mt)}"]
    if unit.note is not None:
        comments += _note_lines(unit.note)
    # gettext drops the flag of an untranslated entry, so an empty target is never fuzzy.
    fuzzy = unit.fuzzy and bool(unit.target)
    if not fuzzy and unit.reference and unit.target and (
            unit.reference.startswith("\n") != unit.target.startswith("\n")
            or unit.reference.endswith("\n") != unit.target.endswith("\n")):
        raise ValueError(f"unit {unit.context!r}: a translated (non-fuzzy) target must start "
                         "and end with a newline exactly when its reference does (msgfmt rule)")
    return CatalogEntry(msgid=unit.reference, msgstr=unit.target, msgctxt=unit.context,
                        flags=["fuzzy"] if fuzzy else [], extracted_comments=comments)


# ---------------------------------------------------------------------------
# Reading


def read_po(path) -> list[PoEntry]:
    """Validated entries of a PO file, in file order, without header or obsolete ones."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise PoError(path, line, N_("invalid UTF-8 byte sequence")) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    entries, _ = read_catalog_lines(path, text)
    body = _body(path, [e for e in entries if not e.obsolete])
    cross_check(path, text, body)
    return [_po_entry(index, entry) for index, entry in enumerate(body)]


def _body(path, active: list[CatalogEntry]) -> list[CatalogEntry]:
    """The active entries but the header; refuse a duplicate or a charset other than UTF-8."""
    seen: dict[tuple, int] = {}
    header: CatalogEntry | None = None
    body: list[CatalogEntry] = []
    for entry in active:
        if entry.key in seen:
            raise PoError(path, entry.line, N_("duplicate message definition (first at line "
                                               "%(line)s)"), line=str(seen[entry.key]))
        seen[entry.key] = entry.line
        if entry.key == (None, "") and header is None:
            header = entry
        else:
            body.append(entry)
    if header is not None:
        _check_charset(path, header)
    return body


def _check_charset(path, header: CatalogEntry) -> None:
    for field in header.msgstr.split("\n"):
        name, _, rest = field.partition(":")
        if name.strip().lower() == "content-type" and "charset=" in rest:
            charset = rest.split("charset=", 1)[1].strip().lower()
            if charset not in ("utf-8", "utf8", "charset"):
                raise PoError(path, header.line, N_("unsupported charset %(charset)s (only "
                                                    "UTF-8 is read)"), charset=repr(charset))


def _po_entry(index: int, entry: CatalogEntry) -> PoEntry:
    mt, note = _split_comments(entry.extracted_comments)
    target = entry.msgstr_plural[0] if entry.is_plural else entry.msgstr
    return PoEntry(index=index, context=entry.msgctxt, reference=entry.msgid, target=target,
                   fuzzy=entry.fuzzy, line=entry.line, mt=mt, note=note,
                   flags=entry.flag_tokens, plural_reference=entry.msgid_plural,
                   forms=tuple(entry.msgstr_plural) if entry.is_plural else ())


def _split_comments(lines: list[str]) -> tuple[str | None, str | None]:
    """Separate the `MT: ...` extracted comment from the other (note) lines."""
    if not lines:
        return None, None
    mt = None
    notes = []
    for line in lines:
        if mt is None and (line.startswith(MT_PREFIX) or line == MT_PREFIX.rstrip()):
            mt = _unescape_comment(line[len(MT_PREFIX):])
        else:
            notes.append(line)
    return mt, ("\n".join(notes) if notes else None)
