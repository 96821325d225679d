"""Reading a PO file: bytes to text in the declared charset, then one pass over the lines
that validates every line as GNU gettext's reader does (refusing what gettext would refuse
or what could not be written back) and builds the catalog's entries as it goes. Every
refusal is a PoError("FILE:LINE: message").

`read_catalog_lines` is the one line-level reader; `parse_catalog` (imported catalogs) and
`document.read_po` (sentence documents) are both built on it.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.core import values
from app.core.messages import N_
from app.core.po.model import CatalogEntry, PoCatalog, PoError, bad_char, declared_charset

MAX_PO_BYTES = 32 * 1024 * 1024

_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "a": "\a",
              "b": "\b", "f": "\f", "v": "\v", "?": "?", "'": "'"}
_OCTAL = "01234567"
_HEX = "0123456789abcdefABCDEF"
_KEYWORDS = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(\[[^\]]*\])?(?=[ \t\"]|$)")


def _numeric_escape(name, lineno: int, rest: str, i: int) -> tuple[str, int] | None:
    """(character, next index) of an octal or \\x escape at rest[i] (a backslash), or None
    when none starts there."""
    hexa = rest[i + 1] == "x"
    start = i + 2 if hexa else i + 1
    digits = _HEX if hexa else _OCTAL
    end = start
    while end < len(rest) and rest[end] in digits and (hexa or end - start < 3):
        end += 1
    if end == start:
        return None
    value = int(rest[start:end], 16 if hexa else 8)
    if value >= 0x80:
        raise PoError(name, lineno, N_("byte escape %(escape)s above 0x7F is not supported "
                                       "(write the character itself)"), escape=rest[i:end])
    return chr(value), end


def decode_string(name, lineno: int, rest: str) -> str:
    """Decode one quoted string the way gettext does (octal and hex escapes included,
    limited to ASCII: a byte escape above 0x7F would not be a character)."""
    rest = rest.rstrip(" \t")
    if not rest.startswith('"'):
        raise PoError(name, lineno, N_("expected a quoted string"))
    if "\\" not in rest:  # no escape: the text up to the next quote (most lines; issue 17)
        end = rest.find('"', 1)
        if end < 0:
            raise PoError(name, lineno, N_("unterminated string (no closing quote)"))
        if rest[end + 1:].strip(" \t"):
            raise PoError(name, lineno, N_("unexpected text after the closing quote"))
        return rest[1:end]
    out, i, n = [], 1, len(rest)
    while True:
        if i >= n:
            raise PoError(name, lineno, N_("unterminated string (no closing quote)"))
        ch = rest[i]
        if ch == '"':
            break
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        if i + 1 >= n:
            raise PoError(name, lineno, N_("unterminated string (backslash at the end of the "
                                           "line)"))
        code = rest[i + 1]
        if code in _UNESCAPES:
            out.append(_UNESCAPES[code])
            i += 2
            continue
        numeric = _numeric_escape(name, lineno, rest, i) if code in _OCTAL + "x" else None
        if numeric is None:
            raise PoError(name, lineno, N_("invalid escape sequence %(escape)s"),
                          escape="\\" + code)
        out.append(numeric[0])
        i = numeric[1]
    if rest[i + 1:].strip(" \t"):
        raise PoError(name, lineno, N_("unexpected text after the closing quote"))
    return "".join(out)


@dataclass
class _Pending:
    """An entry being read."""

    start: int | None = None
    translator: list = field(default_factory=list)
    extracted: list = field(default_factory=list)
    references: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    previous: dict = field(default_factory=dict)  # key -> [line, text]
    fields: dict = field(default_factory=dict)  # key -> [line, text]
    obsolete: bool | None = None
    last: str | None = None  # the key a "..." continuation line extends
    last_previous: str | None = None

    def has_msgstr(self) -> bool:
        return any(k.startswith("msgstr") for k in self.fields)


class _LineReader:
    """The state of one pass over the lines of a PO file."""

    def __init__(self, name):
        self.name = name
        self.entries: list[CatalogEntry] = []
        self.cur = _Pending()

    def error(self, lineno: int, message: str, **values) -> PoError:
        return PoError(self.name, lineno, message, **values)

    def close_entry(self) -> None:
        """End the entry being read, if it has keywords (it must have its msgstr)."""
        cur = self.cur
        if not cur.fields:
            return
        if not cur.has_msgstr():
            line = cur.fields.get("msgid", cur.fields.get("msgctxt"))[0]
            raise self.error(line, "missing msgstr" if "msgid" in cur.fields
                             else "msgctxt without msgid")
        self.entries.append(_make_entry(self.name, cur))
        self.cur = _Pending()

    def line(self, lineno: int, raw: str) -> None:
        line = raw[:-1] if raw.endswith("\r") else raw
        bad = bad_char(line)
        if bad is not None or "\r" in line:
            code = ord(bad) if bad is not None else 0x0D
            raise self.error(lineno, N_("control character %(code)s"), code=f"U+{code:04X}")
        body = line.strip(" \t\f\v")
        if not body:
            return  # gettext's lexer skips blank lines, even inside a string list
        obsolete = False
        if body.startswith("#~"):
            obsolete, body = True, body[2:]
            if not body.startswith("|"):
                body = body.lstrip(" \t")
                if not body:
                    return
                if body.startswith("#"):
                    obsolete = False  # "#~ # x" is the comment "# x" of an obsolete entry
        if body.startswith("#|") or (obsolete and body.startswith("|")):
            self.previous(lineno, (body[2:] if body.startswith("#|") else body[1:]).lstrip(" \t"))
        elif body.startswith("#"):
            self.comment(lineno, body)
        elif body.startswith('"'):
            self.continuation(lineno, body, obsolete)
        else:
            self.keyword(lineno, body, obsolete)

    def previous(self, lineno: int, rest: str) -> None:
        """A `#|` line: a previous field; it opens a new entry if the current one is complete."""
        self.close_entry()
        cur = self.cur
        if cur.start is None:
            cur.start = lineno
        if rest.startswith('"'):
            if cur.last_previous is None:
                raise self.error(lineno, N_("string continuation without a keyword"))
            cur.previous[cur.last_previous][1] += decode_string(self.name, lineno, rest)
            return
        match = _KEYWORDS.match(rest)
        if not match or match.group(1) == "msgstr" or match.group(2):
            raise self.error(lineno, N_("a #| line holds msgctxt, msgid or msgid_plural"))
        key = match.group(1)
        if key in cur.previous:
            raise self.error(lineno, f"duplicate previous {key}")
        value = decode_string(self.name, lineno, rest[match.end():].lstrip(" \t"))
        cur.previous[key] = [lineno, value]
        cur.last_previous = key

    def comment(self, lineno: int, body: str) -> None:
        self.close_entry()
        cur = self.cur
        if cur.previous:
            raise self.error(lineno, N_("comment between #| lines and their msgid"))
        if cur.start is None:
            cur.start = lineno
        kind, rest = body[1:2], body[2:]
        if kind in (",", "!"):
            # gettext keeps only the last flag line of an entry: a later `#,`
            # line replaces the flags of an earlier one (fuzzy included).
            cur.flags = [f.strip() for f in rest.split(",") if f.strip()]
        elif kind == ":":
            cur.references += rest.split()
        elif kind == ".":
            cur.extracted.append(rest[1:] if rest.startswith(" ") else rest)
        else:
            text = body[1:]
            cur.translator.append(text[1:] if text.startswith(" ") else text)

    def continuation(self, lineno: int, body: str, obsolete: bool) -> None:
        cur = self.cur
        if cur.last is None:
            raise self.error(lineno, N_("string continuation without a keyword"))
        if obsolete != cur.obsolete:
            raise self.error(lineno, N_("inconsistent use of #~ inside an entry"))
        cur.fields[cur.last][1] += decode_string(self.name, lineno, body)

    def keyword(self, lineno: int, body: str, obsolete: bool) -> None:
        match = _KEYWORDS.match(body)
        if not match:
            raise self.error(lineno, N_("unknown keyword or syntax: %(text)r"), text=body[:40])
        key, index = match.group(1), match.group(2)
        if index is not None:
            if key != "msgstr" or not index[1:-1].isdigit():
                raise self.error(lineno, f"bad plural index {key}{index}")
            key = f"msgstr[{int(index[1:-1])}]"
        value = decode_string(self.name, lineno, body[match.end():].lstrip(" \t"))
        if key in ("msgctxt", "msgid") and self.cur.has_msgstr():
            self.close_entry()
        cur = self.cur
        if not cur.fields:
            if key not in ("msgctxt", "msgid"):
                raise self.error(lineno, N_("%(key)s before msgid"), key=key)
            cur.obsolete = obsolete
            if cur.start is None:
                cur.start = lineno
        elif obsolete != cur.obsolete:
            raise self.error(lineno, N_("inconsistent use of #~ inside an entry"))
        if (key == "msgctxt" and cur.fields) or (key == "msgid" and "msgid" in cur.fields):
            self.close_entry()  # raises: the entry has no msgstr
        self.check_order(lineno, key)
        cur.fields[key] = [lineno, value]
        cur.last = key

    def check_order(self, lineno: int, key: str) -> None:
        """Refuse `key` where the keywords read so far do not allow it."""
        fields = self.cur.fields
        if key in fields:
            raise self.error(lineno, N_("duplicate %(key)s"), key=key)
        if key != "msgctxt" and key != "msgid" and "msgid" not in fields:
            raise self.error(lineno, N_("%(key)s before msgid"), key=key)
        if key == "msgid_plural" and self.cur.has_msgstr():
            raise self.error(lineno, N_("msgid_plural after msgstr"))
        if key.startswith("msgstr["):
            expected = sum(1 for k in fields if k.startswith("msgstr["))
            if key != f"msgstr[{expected}]" or "msgstr" in fields:
                raise self.error(lineno, f"plural forms out of order: {key} where "
                                         f"msgstr[{expected}] was expected")
        if key == "msgstr" and any(k.startswith("msgstr[") for k in fields):
            raise self.error(lineno, N_("msgstr mixed with msgstr[N]"))

    def end(self) -> list[str]:
        """Close the last entry; return the comments after it (msgcat drops them)."""
        self.close_entry()
        if self.cur.previous:
            raise self.error(self.cur.start, N_("#| lines without an entry"))
        return self.cur.translator + self.cur.extracted


def read_catalog_lines(name, text: str) -> tuple[list[CatalogEntry], list[str]]:
    """Every entry of the PO text `text` in file order (active and obsolete, the header
    too), validated line by line, and the comments after the last entry."""
    reader = _LineReader(name)
    for lineno, raw in enumerate(text.split("\n"), start=1):
        reader.line(lineno, raw)
    trailing = reader.end()
    return reader.entries, trailing


def _make_entry(name, cur: _Pending) -> CatalogEntry:
    f = cur.fields
    plural = "msgid_plural" in f
    indexed = [f[k][1] for k in sorted((k for k in f if k.startswith("msgstr[")),
                                       key=lambda k: int(k[7:-1]))]
    if plural and "msgstr" in f:
        raise PoError(name, f["msgstr"][0], N_("plural entry needs msgstr[0], msgstr[1], ... "
                                               "instead of msgstr"))
    if not plural and indexed:
        raise PoError(name, f["msgstr[0]"][0], N_("msgstr[N] without msgid_plural"))
    entry = CatalogEntry(
        msgid=f["msgid"][1], msgstr=f["msgstr"][1] if "msgstr" in f else "",
        msgctxt=f["msgctxt"][1] if "msgctxt" in f else None,
        msgid_plural=f["msgid_plural"][1] if plural else None,
        msgstr_plural=indexed, flags=cur.flags, translator_comments=cur.translator,
        extracted_comments=cur.extracted, references=cur.references,
        previous_msgctxt=cur.previous.get("msgctxt", (0, None))[1],
        previous_msgid=cur.previous.get("msgid", (0, None))[1],
        previous_msgid_plural=cur.previous.get("msgid_plural", (0, None))[1],
        obsolete=bool(cur.obsolete), line=cur.start or f["msgid"][0])
    for key, (lineno, value) in list(f.items()) + list(cur.previous.items()):
        bad = bad_char(value)
        if bad is not None:
            raise PoError(name, lineno, N_("control character %(code)s in %(key)s"),
                          code=f"U+{ord(bad):04X}", key=key)
    return entry


_BINARY_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde", b"PK\x03\x04", b"\x1f\x8b",
                 b"%PDF", b"\x89PNG", b"\x7fELF", b"\xff\xd8\xff", b"GIF8")


def _refuse_binary(name, data: bytes) -> None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise PoError(name, 1, N_("UTF-16 file: gettext reads only ASCII-compatible charsets"))
    if data.startswith(_BINARY_MAGIC[:2]):
        raise PoError(name, 1, N_("binary file (a compiled MO catalog?), not a PO file"))
    head = data[:4096]
    if data.startswith(_BINARY_MAGIC) or (head and head.count(b"\x00") * 100 > len(head)):
        raise PoError(name, 1, N_("binary file, not a PO file"))


def _decode(name, data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, codec name): refuse binary data; honour the header's charset."""
    _refuse_binary(name, data)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    match = re.search(rb"charset\s*=\s*([A-Za-z0-9_.:+-]+)", data[:8192], re.IGNORECASE)
    if charset is None:
        charset = match.group(1).decode("ascii") if match else "UTF-8"
    if charset.upper() == "CHARSET":
        charset = "UTF-8"
    try:
        info = codecs.lookup(charset)
    except LookupError:
        line = data[:match.start()].count(b"\n") + 1 if match else 1
        raise PoError(name, line, N_("unknown charset %(charset)s in the header"),
                      charset=repr(charset)) from None
    if info.name.startswith("utf-16") or info.name.startswith("utf-32"):
        raise PoError(name, 1, N_("charset %(charset)s is not ASCII-compatible"),
                      charset=repr(charset))
    try:
        return data.decode(info.name), info.name
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        label = "UTF-8" if info.name == "utf-8" else charset
        raise PoError(name, line, N_("not valid %(encoding)s: byte %(byte)s cannot be decoded "
                                     "(declared charset: %(charset)s)"), encoding=label,
                      byte=f"0x{data[exc.start]:02X}", charset=charset) from None


def _source_data(source, name, max_bytes: int) -> tuple[str, bytes | None, str | None]:
    """(name, bytes, text) of a path, bytes or str source; exactly one of bytes and text."""
    if isinstance(source, (bytes, bytearray)):
        name = name or "<bytes>"
        if len(source) > max_bytes:
            raise _too_large(name, len(source), max_bytes)
        return name, bytes(source), None
    if isinstance(source, str):
        name = name or "<text>"
        if len(source) > max_bytes:
            raise PoError(name, 1, N_("file too large (%(size)s characters, limit %(limit)s)"),
                          size=str(len(source)), limit=str(max_bytes))
        return name, None, source
    path = Path(source)
    name = name or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PoError(name, 0, N_("cannot read: %(reason)s"), reason=exc.strerror) from None
    if size > max_bytes:
        raise _too_large(name, size, max_bytes)
    return name, path.read_bytes(), None


def _too_large(name, size, max_bytes):
    """The refusal of a file of `size` bytes over `max_bytes` (its numbers as written)."""
    return PoError(name, 1, N_("file too large (%(size)s bytes, limit %(limit)s)"),
                   size=str(size), limit=str(max_bytes))


def parse_catalog(source, name: str | None = None, *, max_bytes: int = MAX_PO_BYTES,
                  check_plurals: bool = True, check_header: bool = True) -> PoCatalog:
    """Read a whole PO file, validated; refuse broken input with PoError("FILE:LINE: ...").

    `source` is a path (str paths must be given as pathlib.Path or os.PathLike), the
    file's bytes, or its already decoded text (a str). `name` names the file in errors
    (default: the path, or "<bytes>"/"<text>"). Bytes are decoded with the charset the
    header declares (UTF-8 when none). Files over `max_bytes` are refused unread.
    `check_plurals=False` accepts plural entries whose number of msgstr[N] differs from
    the header's nplurals (msgfmt --check refuses them; some published catalogs have them).
    `check_header=False` skips the checks of the header's values (values.po_header: a valid
    Plural-Forms expression, one-line values): for a catalog stored before those checks.
    """
    name, data, text = _source_data(source, name, max_bytes)
    charset = None
    if data is not None:
        if not data.strip():
            raise PoError(name, 1, N_("empty file"))
        text, charset = _decode(name, data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise PoError(name, 1, N_("empty file"))
    catalog = _assemble(name, *read_catalog_lines(name, text), check_plurals, check_header)
    if charset is not None and codecs.lookup(catalog.charset).name != charset:
        # The guess from the raw bytes was not the header's declaration: decode again.
        text, _ = _decode(name, data, catalog.charset)
        catalog = _assemble(name, *read_catalog_lines(name, text), check_plurals, check_header)
    return catalog


def _assemble(name, entries: list[CatalogEntry], trailing: list[str],
              check_plurals: bool = True, check_header: bool = True) -> PoCatalog:
    if not entries:
        raise PoError(name, 1, N_("no entries (only comments)"))
    header, position = None, 0
    active: list[CatalogEntry] = []
    obsolete: list[CatalogEntry] = []
    seen: dict = {}
    seen_obsolete: dict = {}
    for entry in entries:
        table = seen_obsolete if entry.obsolete else seen
        if entry.key in table:
            raise PoError(name, entry.line, N_("duplicate entry: same msgctxt and msgid as the "
                                               "entry at line %(line)s"),
                          line=str(table[entry.key]))
        table[entry.key] = entry.line
        if entry.obsolete:
            obsolete.append(entry)
        elif entry.key == (None, "") and header is None:
            header, position = entry, len(active)
        else:
            active.append(entry)
    catalog = PoCatalog(name=name, header=header, entries=active, obsolete=obsolete,
                        header_position=position, trailing_comments=trailing)
    _check_catalog(name, catalog, check_plurals, check_header)
    return catalog


def _check_catalog(name, catalog: PoCatalog, check_plurals: bool, check_header: bool) -> None:
    header = catalog.header
    if header is not None:
        declared = declared_charset(header.msgstr)
        if declared is not None:
            try:
                codecs.lookup(declared)
            except LookupError:
                raise PoError(name, header.line, N_("unknown charset %(charset)s"),
                              charset=repr(declared)) from None
        if header.is_plural:
            raise PoError(name, header.line, N_("the header cannot be a plural entry"))
    if header is not None and check_header:
        try:
            values.po_header(catalog.header_fields())
        except values.InvalidValue as exc:
            raise PoError(name, header.line, exc.msgid, **exc.values) from None
    nplurals = catalog.nplurals
    if header is not None and catalog.header_value("Plural-Forms") and nplurals is None:
        raise PoError(name, header.line, N_("Plural-Forms without nplurals=N"))
    for entry in catalog.entries:
        if check_plurals and entry.is_plural and nplurals is not None \
                and len(entry.msgstr_plural) != nplurals:
            raise PoError(name, entry.line, N_("wrong plural count: %(count)s msgstr[N] forms "
                                               "but the header says nplurals=%(nplurals)s"),
                          count=str(len(entry.msgstr_plural)), nplurals=str(nplurals))
