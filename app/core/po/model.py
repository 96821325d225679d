"""The PO catalog model: a whole PO file (`PoCatalog`) and its entries (`CatalogEntry`),
with everything gettext keeps, and `PoError`, the one error of a PO file that cannot be
trusted ("FILE:LINE: message").

The model keeps flags exactly as written (so `catalog.entries[i].flags` shows an unknown
flag); only rendering normalises them (writer.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core import textio
from app.core.messages import N_, Explained, Text

# gettext splits a flag line at commas and white space alike.
FLAG_SEPARATORS = re.compile(r"[\n \t\r\f\v,]+")

# C0/C1 controls other than \n \t \r, and the separators Python's splitlines (hence polib)
# splits on: refused on writing and reading.
_BAD_CHAR = re.compile("[" + "".join(sorted(map(re.escape, textio.NOT_IN_SEGMENT))) + "]")


def bad_char(text: str) -> str | None:
    """Return the first character we refuse to write or read, if any."""
    match = _BAD_CHAR.search(text)
    return match.group() if match else None


class PoError(Explained):
    """A PO file that cannot be trusted; str() is "FILE:LINE: message" (the message: a msgid
    and its values, translated where shown: app.core.messages; `message` is its English)."""

    def __init__(self, path, line: int, message: str, /, **values):
        self.path = str(path)
        self.line = line
        self.message = Text(message, **values)
        super().__init__(N_("%(path)s:%(line)s: %(problem)s"), path=self.path, line=str(line),
                         problem=self.message)


@dataclass
class CatalogEntry:
    """One PO entry with everything gettext keeps.

    For a plural entry (`msgid_plural` set) the translations are `msgstr_plural`
    (msgstr[0], msgstr[1], ...) and `msgstr` is unused (""). `flags` are the flags as
    written, one string per comma-separated item ("fuzzy", "python-format",
    "range: 1..5"). Comments are stored without their marker and without the one
    blank that follows it. `line` is the 1-based line where the entry starts (its
    first comment, or its first keyword line); 0 for entries built in code.
    """

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str]:
        """(msgctxt, msgid): what gettext looks a message up by."""
        return self.msgctxt, self.msgid

    @property
    def is_plural(self) -> bool:
        return self.msgid_plural is not None

    @property
    def translations(self) -> list[str]:
        """The reviewable target strings: [msgstr], or the plural forms in order."""
        return list(self.msgstr_plural) if self.is_plural else [self.msgstr]

    @property
    def flag_tokens(self) -> tuple[str, ...]:
        """The flags one token each, as gettext splits them ("fuzzy, c-format" and
        "fuzzy c-format" -> ("fuzzy", "c-format"))."""
        return tuple(t for f in self.flags for t in FLAG_SEPARATORS.split(f) if t)

    @property
    def fuzzy(self) -> bool:
        # gettext splits a flag line at commas and whitespace alike: "#, fuzzy c-format"
        # is fuzzy, as _gettext_flags (the writer) also reads it.
        return any("fuzzy" in FLAG_SEPARATORS.split(f) for f in self.flags)

    def set_fuzzy(self, value: bool) -> None:
        flags = []
        for f in self.flags:
            tokens = [t for t in FLAG_SEPARATORS.split(f) if t]
            if "fuzzy" in tokens:
                f = " ".join(t for t in tokens if t != "fuzzy")
            if f.strip():
                flags.append(f)
        if value:
            flags.insert(0, "fuzzy")
        self.flags = flags


@dataclass
class PoCatalog:
    """A whole PO file. `header` is the entry with msgid "" and no msgctxt (or None);
    `header_position` is its index among the active entries (0 when it comes first,
    as it nearly always does); `entries` are the other active entries in file order,
    `obsolete` the `#~` entries in file order."""

    name: str
    header: CatalogEntry | None
    entries: list[CatalogEntry]
    obsolete: list[CatalogEntry] = field(default_factory=list)
    header_position: int = 0
    trailing_comments: list[str] = field(default_factory=list)

    def header_fields(self) -> list[tuple[str, str]]:
        return header_fields(self.header.msgstr if self.header else "")

    def header_value(self, key: str) -> str | None:
        for k, v in self.header_fields():
            if k.lower() == key.lower():
                return v
        return None

    @property
    def charset(self) -> str:
        """The charset declared in the header (UTF-8 when none is declared)."""
        return declared_charset(self.header.msgstr if self.header else "") or "UTF-8"

    @property
    def nplurals(self) -> int | None:
        return nplurals(self.header_value("Plural-Forms"))


def header_fields(text: str) -> list[tuple[str, str]]:
    """The `Key: value` lines of a header msgstr, in order (lines without a colon are skipped)."""
    out = []
    for line in text.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip():
            out.append((key.strip(), value.strip()))
    return out


def nplurals(plural_forms: str | None) -> int | None:
    """N of the "nplurals=N" in a Plural-Forms value (None when there is none)."""
    if not plural_forms:
        return None
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    return int(match.group(1)) if match else None


_CHARSET_RE = re.compile(r"charset\s*=\s*([A-Za-z0-9_.:+-]+)", re.IGNORECASE)


def declared_charset(header_msgstr: str) -> str | None:
    """The charset a header's Content-Type declares (None when none, or "CHARSET")."""
    for key, value in header_fields(header_msgstr):
        if key.lower() == "content-type":
            match = _CHARSET_RE.search(value)
            if match and match.group(1).upper() != "CHARSET":  # "CHARSET": a template
                return match.group(1)
    return None
