"""PO files: deterministic writing, atomic saving, validated reading.

This is the only module of the project that imports polib.

Writing does not use polib's serializer: polib wraps with `textwrap`, which breaks
lines in other places than GNU gettext does (gettext follows the Unicode line breaking
algorithm, counts display columns and never breaks inside an escape sequence), so a file
written by polib changes when `msgcat` or `msgmerge` touches it. `_wrap_field` below
reproduces gettext's layout (page width 79) so that `msgcat FILE` gives back the same
bytes; the tests check this against the installed gettext.

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

Reading validates the raw text line by line first (polib is lenient: an unterminated
string loads silently truncated) and raises `PoError` with the file and line; only then
is the text parsed with polib, and polib's result is cross-checked against the
validator's own decoding of every string.
"""
from __future__ import annotations

import os
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Sequence

import polib

__all__ = [
    "PoUnit",
    "PoEntry",
    "PoError",
    "render_po",
    "write_po",
    "read_po",
    "PLURAL_FORMS",
]

PAGE_WIDTH = 79
GENERATOR = "Translation Review Workbench"
MT_PREFIX = "MT: "

# Plural-Forms header values for common target languages (gettext manual, "Plural forms").
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5);",
    "cs": "nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);",
    "da": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "el": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "fi": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "hu": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "nl": "nplurals=2; plural=(n != 1);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) "
          "? 1 : 2);",
    "pt": "nplurals=2; plural=(n != 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "sv": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "zh": "nplurals=1; plural=0;",
}
# Fallback when the language is not in the table: the most common rule.
DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


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
    `target` is msgstr[0].
    """

    index: int
    context: str | None
    reference: str
    target: str
    fuzzy: bool
    line: int
    mt: str | None = None
    note: str | None = None


class PoError(Exception):
    """A PO file that cannot be trusted; str() is "FILE:LINE: message"."""

    def __init__(self, path, line: int, message: str):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line}: {message}")


# ---------------------------------------------------------------------------
# Escaping

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
# Escapes accepted on input: those both gettext and polib decode the same way.
_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r",
              "v": "\v", "b": "\b", "f": "\f"}


def _bad_char(text: str) -> str | None:
    """Return the first character we refuse to write or read, if any."""
    for ch in text:
        code = ord(ch)
        if (code < 0x20 and ch not in "\n\t\r") or 0x7F <= code <= 0x9F \
                or code in (0x2028, 0x2029):
            # C0/C1 controls, and the separators Python's splitlines (hence polib) splits on.
            return ch
    return None


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


_COMMENT_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COMMENT_UNESCAPES = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t", "s": " "}


def _escape_comment(text: str) -> str:
    """One comment line; a space at either end becomes \\s (readers strip blanks)."""
    out = "".join(_COMMENT_ESCAPES.get(ch, ch) for ch in text)
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
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _COMMENT_UNESCAPES:
            out.append(_COMMENT_UNESCAPES[text[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


# ---------------------------------------------------------------------------
# Line breaking as GNU gettext does it (libunistring's pair table, UAX #14)

_CLASSES = "OP CL CP QU GL NS EX SY IS PR PO NU AL HL ID IN HY BA BB B2 ZW WJ EB EM RI".split()
_IX = {name: i for i, name in enumerate(_CLASSES)}
# _DIRECT[before][after] == "1": a break is allowed between two adjacent characters.
# Measured against gettext 0.21 (msgcat) on this project's machines, one row per class.
_DIRECT = (
    ".........................",  # OP
    "1..........1111...11..111",  # CL
    "1.............1...11..111",  # CP
    ".........................",  # QU
    ".........................",  # GL
    "1........111111...11..111",  # NS
    "1........111111...11..111",  # EX
    "1........11.1.1...11..111",  # SY
    "1........11.111...11..111",  # IS
    ".........11.......11....1",  # PR
    ".........11...1...11..111",  # PO
    "..............1...11..111",  # NU
    "..............1...11..111",  # AL
    "..............1...11..111",  # HL
    "1........1.1111...11..111",  # ID
    "1........111111...11..111",  # IN
    "1...1....11.111...11..111",  # HY
    "1...1....111111...11..111",  # BA
    ".........................",  # BB
    "1........111111...1...111",  # B2
    "11111111111111111111.1111",  # ZW
    ".........................",  # WJ
    "1........1.1111...11..1.1",  # EB
    "1........1.1111...11..111",  # EM
    "1........111111...11..11.",  # RI
)
# After one or more spaces a break is allowed except before these classes...
_NEVER_BEFORE = frozenset({"CL", "CP", "EX", "IS", "SY", "ZW", "WJ"})
# ... and except in these (before, after) pairs.
_NEVER_ACROSS_SPACES = frozenset({("QU", "OP"), ("B2", "B2"), ("CL", "NS")})

_CHAR_CLASSES = {
    " ": "SP", "\t": "BA", "!": "EX", '"': "QU", "$": "PR", "%": "PO", "'": "QU",
    "(": "OP", ")": "CP", "+": "PR", ",": "IS", "-": "HY", ".": "IS", "/": "SY",
    ":": "IS", ";": "IS", "?": "EX", "[": "OP", "\\": "PR", "]": "CP", "{": "OP",
    "|": "BA", "}": "CL",
    "\u00a0": "GL", "\u00a1": "OP", "\u00a2": "PO", "\u00a3": "PR", "\u00a4": "PR",
    "\u00a5": "PR", "\u00ab": "QU", "\u00ad": "BA", "\u00b0": "PO", "\u00b1": "PR",
    "\u00b4": "BB", "\u00bb": "QU", "\u00bf": "OP",
    "\u2007": "GL", "\u200b": "ZW", "\u200d": "CM", "\u2010": "BA", "\u2011": "GL",
    "\u2012": "BA", "\u2013": "BA", "\u2014": "B2", "\u2018": "QU", "\u2019": "QU",
    "\u201a": "OP", "\u201b": "QU", "\u201c": "QU", "\u201d": "QU", "\u201e": "OP",
    "\u201f": "QU", "\u2024": "IN", "\u2025": "IN", "\u2026": "IN", "\u2027": "BA",
    "\u202f": "GL", "\u2039": "QU", "\u203a": "QU", "\u203c": "NS", "\u203d": "NS",
    "\u2044": "IS", "\u2047": "NS", "\u2048": "NS", "\u2049": "NS", "\u2060": "WJ",
    "\u2116": "PR", "\u3000": "BA", "\u3001": "CL", "\u3002": "CL", "\ufeff": "WJ",
}


def _char_class(ch: str) -> str:
    """Line-break class of one character (a pragmatic subset of UAX #14)."""
    cls = _CHAR_CLASSES.get(ch)
    if cls:
        return cls
    code = ord(ch)
    if 0x2030 <= code <= 0x2037:
        return "PO"
    if 0x1F1E6 <= code <= 0x1F1FF:
        return "RI"
    if 0x1F3FB <= code <= 0x1F3FF:
        return "EM"
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Mc", "Cf"):
        return "CM"
    if cat == "Zs":
        return "BA"
    if cat == "Ps":
        return "OP"
    if cat == "Pe":
        return "CL"
    if cat in ("Pi", "Pf"):
        return "QU"
    if cat == "Pd":
        return "BA"
    if cat == "Sc":
        return "PR"
    if 0x1F000 <= code <= 0x1FAFF or code in (0x261D, 0x26F9) or 0x270A <= code <= 0x270D:
        # Pictographs: EB behaves as ID except that a skin-tone modifier (EM) sticks to
        # it; the few pictographs that are not EB are not followed by modifiers in text.
        return "EB"
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return "ID"
    if cat == "Nd":
        return "NU"
    if 0x0590 <= code <= 0x05FF and cat == "Lo":
        return "HL"
    return "AL"


def _char_width(ch: str) -> int:
    """Display columns of a character, as gettext counts them."""
    if unicodedata.category(ch) in ("Mn", "Me", "Cf") or 0x1160 <= ord(ch) <= 0x11FF:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _break_opportunities(chars: Sequence[str]) -> list[bool]:
    """allowed[i] is True when a line may break before chars[i]."""
    allowed = [False] * len(chars)
    last: str | None = None
    spaces = False
    for i, ch in enumerate(chars):
        cls = _char_class(ch)
        if cls == "SP":
            spaces = last is not None
            continue
        if cls == "CM":
            if last is not None and not spaces:
                continue  # a combining mark sticks to its base
            cls = "AL"
        if last is not None:
            if spaces:
                allowed[i] = (last == "ZW" or cls not in _NEVER_BEFORE) and last != "OP" \
                    and (last, cls) not in _NEVER_ACROSS_SPACES
            else:
                allowed[i] = _DIRECT[_IX[last]][_IX[cls]] == "1"
        last, spaces = cls, False
    return allowed


def _portions(text: str) -> list[str]:
    """Split after each newline, as gettext does before wrapping."""
    parts, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n":
            parts.append(text[start:i + 1])
            start = i + 1
    if start < len(text) or not parts:
        parts.append(text[start:])
    return parts


def _escaped_chars(portion: str) -> tuple[list[str], list[bool]]:
    """The escaped characters of a portion, and where a break is forbidden."""
    chars: list[str] = []
    forbidden: list[bool] = []
    for ch in portion:
        esc = _ESCAPES.get(ch)
        if esc:
            chars.extend(esc)
            forbidden.extend((False, True))  # never inside an escape sequence
        else:
            chars.append(ch)
            forbidden.append(False)
    if portion.endswith("\n"):
        forbidden[-2] = True  # never right before the final "\n"
    return chars, forbidden


def _layout(chars: list[str], forbidden: list[bool], start: int, width: int) -> list[int]:
    """Greedy break positions: the last allowed break before the width is exceeded."""
    allowed = _break_opportunities(chars)
    breaks: list[int] = []
    column = start
    last_break: int | None = None
    last_column = 0
    for i, ch in enumerate(chars):
        if allowed[i] and not forbidden[i]:
            last_break, last_column = i, column
        w = _char_width(ch)
        if column + w > width and last_break is not None:
            breaks.append(last_break)
            column -= last_column
            last_break = None
        column += w
    return breaks


def _wrap_field(name: str, text: str, width: int = PAGE_WIDTH) -> list[str]:
    """Lines of `name "..."` wrapped like gettext's write-po."""
    inner = width - 2  # room for the two quotes of a continuation line
    out: list[str] = []
    portions = _portions(text)
    first = True
    for n, portion in enumerate(portions):
        chars, forbidden = _escaped_chars(portion)
        breaks: list[int] = []
        if first:
            breaks = _layout(chars, forbidden, len(name) + 1, inner)
            if chars and (n + 1 < len(portions) or breaks):
                out.append(f'{name} ""')
                first = False
        if not first:
            breaks = _layout(chars, forbidden, 0, inner)
        pieces, prev = [], 0
        for b in breaks:
            pieces.append("".join(chars[prev:b]))
            prev = b
        pieces.append("".join(chars[prev:]))
        for k, piece in enumerate(pieces):
            if first and k == 0:
                out.append(f'{name} "{piece}"')
                first = False
            else:
                out.append(f'"{piece}"')
    return out


# ---------------------------------------------------------------------------
# Writing


def _check_text(what: str, value: str, *, newlines: bool = True) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    bad = _bad_char(value)
    if bad is not None:
        raise ValueError(f"{what} contains the control character U+{ord(bad):04X}")
    if not newlines and ("\n" in value or "\r" in value):
        raise ValueError(f"{what} must be a single line")


def _header_fields(*, language, source_language, title, revision_date, last_translator,
                   generator, language_team, report_msgid_bugs_to, pot_creation_date):
    def stamp(when: datetime) -> str:
        if when.tzinfo is None or when.utcoffset() is None:
            raise ValueError("dates must be timezone-aware")
        return when.strftime("%Y-%m-%d %H:%M%z")

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
        _check_text(key, value, newlines=False)
    return fields


def plural_forms(language: str) -> str:
    """Plural-Forms value for a language code such as "fr", "pt_BR" or "fr-CA"."""
    code = language.replace("-", "_")
    return PLURAL_FORMS.get(code) or PLURAL_FORMS.get(code.split("_")[0]) or DEFAULT_PLURAL_FORMS


def render_po(units: Sequence[PoUnit], *, language: str, source_language: str, title: str,
              revision_date: datetime, last_translator: str | None = None,
              generator: str = GENERATOR, language_team: str | None = None,
              report_msgid_bugs_to: str | None = None,
              pot_creation_date: datetime | None = None) -> str:
    """The PO text of `units`; the same input always gives byte-identical output."""
    fields = _header_fields(
        language=language, source_language=source_language, title=title,
        revision_date=revision_date, last_translator=last_translator, generator=generator,
        language_team=language_team, report_msgid_bugs_to=report_msgid_bugs_to,
        pot_creation_date=pot_creation_date)
    lines = [f"# {title}", 'msgid ""']
    lines += _wrap_field("msgstr", "".join(f"{k}: {v}\n" for k, v in fields))
    seen: set[str] = set()
    for unit in units:
        lines.append("")
        lines += _unit_lines(unit, seen)
    return "\n".join(lines) + "\n"


def _unit_lines(unit: PoUnit, seen: set[str]) -> list[str]:
    _check_text("context", unit.context)
    if not unit.context:
        raise ValueError("a unit needs a non-empty context (its stable id)")
    if unit.context in seen:
        raise ValueError(f"duplicate context {unit.context!r}")
    seen.add(unit.context)
    _check_text("reference", unit.reference)
    _check_text("target", unit.target)
    out = []
    if unit.mt is not None:
        _check_text("mt", unit.mt)
        out.append(f"#. {MT_PREFIX}{_escape_comment(unit.mt)}")
    if unit.note is not None:
        _check_text("note", unit.note)
        if "\r" in unit.note:
            raise ValueError("note must not contain a carriage return")
        for line in unit.note.split("\n"):
            if line.startswith(MT_PREFIX):
                raise ValueError(f"a note line cannot start with {MT_PREFIX!r}")
            if line != line.rstrip(" \t") or line != line.lstrip(" \t"):
                raise ValueError("note lines cannot start or end with blanks")
            out.append(f"#. {line}" if line else "#.")
    # gettext drops the flag of an untranslated entry, so an empty target is never fuzzy.
    if unit.fuzzy and unit.target:
        out.append("#, fuzzy")
    elif unit.reference and unit.target and (
            unit.reference.startswith("\n") != unit.target.startswith("\n")
            or unit.reference.endswith("\n") != unit.target.endswith("\n")):
        raise ValueError(f"unit {unit.context!r}: a translated (non-fuzzy) target must start "
                         "and end with a newline exactly when its reference does (msgfmt rule)")
    out += _wrap_field("msgctxt", unit.context)
    out += _wrap_field("msgid", unit.reference)
    out += _wrap_field("msgstr", unit.target)
    return out


def write_po(path, units: Sequence[PoUnit], **meta) -> None:
    """Render `units` (see render_po for `meta`) and replace `path` atomically."""
    text = render_po(units, **meta)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(target.parent)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------
# Reading


@dataclass
class _RawEntry:
    line: int
    fields: dict  # keyword -> (line, decoded text)
    obsolete: bool = False


def _parse_string(path, lineno: int, rest: str) -> str:
    """Decode one quoted PO string (`rest` starts at the opening quote)."""
    rest = rest.rstrip(" \t")
    if not rest.startswith('"'):
        raise PoError(path, lineno, "expected a quoted string")
    out, i, n = [], 1, len(rest)
    while True:
        if i >= n:
            raise PoError(path, lineno, "unterminated string")
        ch = rest[i]
        if ch == '"':
            break
        if ch == "\\":
            if i + 1 >= n:
                raise PoError(path, lineno, "unterminated string")
            code = rest[i + 1]
            if code not in _UNESCAPES:
                raise PoError(path, lineno, f"unsupported escape sequence \\{code}")
            out.append(_UNESCAPES[code])
            i += 2
            continue
        out.append(ch)
        i += 1
    if rest[i + 1:].strip(" \t"):
        raise PoError(path, lineno, "unexpected text after the closing quote")
    return "".join(out)


_KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")


def _split_keyword(path, lineno: int, line: str) -> tuple[str, str]:
    for word in _KEYWORDS:
        if line.startswith(word):
            rest = line[len(word):]
            if word == "msgstr" and rest.startswith("["):
                close = rest.find("]")
                if close < 2 or not rest[1:close].isdigit():
                    raise PoError(path, lineno, "bad plural index in msgstr[N]")
                word, rest = f"msgstr[{int(rest[1:close])}]", rest[close + 1:]
            if not rest[:1] in (" ", "\t"):
                break
            return word, rest.lstrip(" \t")
    raise PoError(path, lineno, f"unknown keyword or syntax: {line[:40]!r}")


def _validate(path, text: str) -> list[_RawEntry]:
    """Check the syntax of the whole file; return entries with decoded strings."""
    entries: list[_RawEntry] = []
    current: _RawEntry | None = None
    last_key: str | None = None
    comment_start: int | None = None

    def finish(entry: _RawEntry | None) -> None:
        if entry is None:
            return
        keys = entry.fields
        if "msgid" not in keys:
            first = min(line for line, _ in keys.values())
            raise PoError(path, first, "msgctxt without msgid")
        has_plural = "msgid_plural" in keys
        plain = "msgstr" in keys
        indexed = sorted(k for k in keys if k.startswith("msgstr["))
        if not plain and not indexed:
            raise PoError(path, keys["msgid"][0], "missing msgstr")
        if has_plural and (plain or indexed[:1] != ["msgstr[0]"]):
            raise PoError(path, keys["msgid"][0], "plural entry needs msgstr[0], msgstr[1], ...")
        if not has_plural and indexed:
            raise PoError(path, keys[indexed[0]][0], "msgstr[N] without msgid_plural")
        entries.append(entry)

    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        bad = _bad_char(line.replace("\n", ""))
        if bad is not None or "\r" in line:
            code = ord(bad) if bad is not None else 0x0D
            raise PoError(path, lineno, f"control character U+{code:04X} in line")
        stripped = line.strip(" \t")
        obsolete = stripped.startswith("#~")
        if obsolete:
            stripped = stripped[2:].lstrip(" \t")
            if not stripped or stripped.startswith("|"):
                continue
        elif not stripped:
            last_key = None  # a string never continues across a blank line
            continue
        elif stripped.startswith("#"):
            if current is not None:
                finish(current)
                current = None
            last_key = None
            if comment_start is None:
                comment_start = lineno
            continue
        if stripped.startswith('"'):
            if current is None or last_key is None or current.obsolete != obsolete:
                raise PoError(path, lineno, "string continuation without a keyword")
            first_line, value = current.fields[last_key]
            current.fields[last_key] = (first_line, value + _parse_string(path, lineno, stripped))
            continue
        key, rest = _split_keyword(path, lineno, stripped)
        value = _parse_string(path, lineno, rest)
        opens = key in ("msgctxt", "msgid")
        if current is not None and (last_key is None or opens) and (
                _has_msgstr(current) or current.obsolete != obsolete):
            finish(current)
            current = None
        if current is None:
            if not opens:
                raise PoError(path, lineno, f"{key} before msgid")
            start = comment_start if comment_start is not None else lineno
            current = _RawEntry(line=start, fields={}, obsolete=obsolete)
        elif current.obsolete != obsolete:
            raise PoError(path, lineno, "obsolete (#~) and active lines mixed in one entry")
        elif opens and "msgid" in current.fields:
            raise PoError(path, current.fields["msgid"][0], "missing msgstr")
        elif key in current.fields:
            raise PoError(path, lineno, f"duplicate {key}")
        elif "msgid" not in current.fields and not opens:
            raise PoError(path, lineno, f"{key} before msgid")
        current.fields[key] = (lineno, value)
        last_key = key
        comment_start = None
    finish(current)
    return entries


def _has_msgstr(entry: _RawEntry) -> bool:
    return any(k.startswith("msgstr") for k in entry.fields)


def read_po(path) -> list[PoEntry]:
    """Validated entries of a PO file, in file order, without header or obsolete ones."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise PoError(path, line, "invalid UTF-8 byte sequence") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    raw = [e for e in _validate(path, text) if not e.obsolete]
    seen: dict[tuple, int] = {}
    header: _RawEntry | None = None
    body: list[_RawEntry] = []
    for entry in raw:
        ctx = entry.fields.get("msgctxt", (0, None))[1]
        key = (ctx, entry.fields["msgid"][1])
        if key in seen:
            raise PoError(path, entry.line, f"duplicate message definition (first at line {seen[key]})")
        seen[key] = entry.line
        if key == (None, "") and header is None:
            header = entry
        else:
            body.append(entry)
    _check_charset(path, header)

    parsed = polib.pofile(text, wrapwidth=PAGE_WIDTH)
    loaded = [e for e in parsed if not e.obsolete and not (e.msgid == "" and e.msgctxt is None)]
    if len(loaded) != len(body):
        line = body[0].line if body else 1
        raise PoError(path, line, f"parser disagreement: {len(loaded)} entries "
                                  f"instead of {len(body)}")
    result = []
    for index, (entry, ours) in enumerate(zip(loaded, body)):
        fields = ours.fields
        msgstr = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        ours_str = fields.get("msgstr", fields.get("msgstr[0]"))[1]
        ours_ctx = fields.get("msgctxt", (0, None))[1]
        if (entry.msgid, msgstr, entry.msgctxt) != (fields["msgid"][1], ours_str, ours_ctx):
            raise PoError(path, ours.line, "parser disagreement on this entry")
        mt, note = _split_comments(entry.comment)
        result.append(PoEntry(index=index, context=entry.msgctxt, reference=entry.msgid,
                              target=msgstr, fuzzy="fuzzy" in entry.flags, line=ours.line,
                              mt=mt, note=note))
    return result


def _check_charset(path, header: _RawEntry | None) -> None:
    if header is None:
        return
    value = header.fields.get("msgstr", (header.line, ""))[1]
    for field in value.split("\n"):
        name, _, rest = field.partition(":")
        if name.strip().lower() == "content-type" and "charset=" in rest:
            charset = rest.split("charset=", 1)[1].strip().lower()
            if charset not in ("utf-8", "utf8", "charset"):
                raise PoError(path, header.line, f"unsupported charset {charset!r} "
                                                 "(only UTF-8 is read)")


def _split_comments(comment: str) -> tuple[str | None, str | None]:
    """Separate the `MT: ...` extracted comment from the other (note) lines."""
    if not comment:
        return None, None
    mt = None
    notes = []
    for line in comment.split("\n"):
        if mt is None and (line.startswith(MT_PREFIX) or line == MT_PREFIX.rstrip()):
            mt = _unescape_comment(line[len(MT_PREFIX):])
        else:
            notes.append(line)
    return mt, ("\n".join(notes) if notes else None)
