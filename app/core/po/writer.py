"""Writing a catalog in gettext's normal form, so render_catalog(parse_catalog(f)) is
byte-identical to `msgcat f`; msgcat's normalisations are therefore ours too:

- comments are grouped by kind in a fixed order (translator `#`, extracted `#.`,
  references `#:`, flags `#,`, previous `#|`), each kind keeping its own order;
- references are deduplicated and re-wrapped at 79 columns;
- flags are merged into one `#,` line in gettext's order; flags gettext does not know
  are dropped; the fuzzy flag of an untranslated entry is dropped;
- obsolete entries follow all active ones, in their order; their comments are
  written without the `#~` prefix (gettext reads `#~ # x` as `# x`);
- comments after the last entry are dropped (kept in `PoCatalog.trailing_comments`).

Files are replaced atomically (app/core/files.py).
"""
from __future__ import annotations

import re
from typing import Sequence

from app.core.files import atomic_write
from app.core.po.layout import PAGE_WIDTH, wrap_field
from app.core.po.model import FLAG_SEPARATORS, CatalogEntry, PoCatalog, bad_char

# gettext 0.21's format languages, in the order msgcat writes their flags.
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl",
    "perl-brace", "php", "gcc-internal", "gfc-internal", "ycp",
)
_SYNTAX_CHECKS = ("ellipsis-unicode", "space-ellipsis", "quote-unicode", "bullet-unicode")
_FORMAT_PREFIXES = (("no-", "no"), ("possible-", "possible"), ("impossible-", "impossible"))


def check_text(what: str, value: str, *, newlines: bool = True) -> None:
    """Refuse (TypeError, ValueError naming `what`) a value a PO file cannot hold."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    bad = bad_char(value)
    if bad is not None:
        raise ValueError(f"{what} contains the control character U+{ord(bad):04X}")
    if not newlines and ("\n" in value or "\r" in value):
        raise ValueError(f"{what} must be a single line")


class _Flags:
    """The flags of an entry as gettext reads them, token by token."""

    def __init__(self):
        self.fuzzy = False
        self.formats: dict[str, str] = {}
        self.checks: dict[str, str] = {}
        self.wrap: bool | None = None
        self.span: tuple[int, int] | None = None

    def read(self, tokens: list[str]) -> None:
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            i += 1
            if tok == "range:":
                if i < len(tokens):
                    self._range(tokens[i])
                    i += 1
            elif tok == "fuzzy":
                self.fuzzy = True
            elif tok in ("wrap", "no-wrap"):
                self.wrap = tok == "wrap"
            elif not (tok.endswith("-format") and self._format(tok[:-7])) \
                    and tok.endswith("-check"):
                self._check(tok[:-6])

    def _format(self, lang: str) -> bool:
        state = "yes"
        for prefix, value in _FORMAT_PREFIXES:
            if lang.startswith(prefix) and lang[len(prefix):] in FORMAT_LANGUAGES:
                lang, state = lang[len(prefix):], value
                break
        if lang in FORMAT_LANGUAGES:
            self.formats[lang] = state
            return True
        return False

    def _range(self, token: str) -> None:
        match = re.match(r"(\d+)\.\.(\d+)", token)
        if match and int(match.group(1)) <= int(match.group(2)):
            self.span = (int(match.group(1)), int(match.group(2)))

    def _check(self, check: str) -> None:
        value = "yes"
        if check.startswith("no-"):
            check, value = check[3:], "no"
        if check in _SYNTAX_CHECKS:
            self.checks[check] = value

    def normalised(self) -> list[str]:
        """The flags (fuzzy apart) as msgcat writes them, in its order."""
        out = []
        for lang in FORMAT_LANGUAGES:
            state = self.formats.get(lang)
            if state in ("yes", "possible"):
                out.append(f"{lang}-format")
            elif state == "no":
                out.append(f"no-{lang}-format")
        if self.span is not None:
            out.append(f"range: {self.span[0]}..{self.span[1]}")
        if self.wrap is False:
            out.append("no-wrap")
        for check in _SYNTAX_CHECKS:
            if check in self.checks:
                out.append(f"{check}-check" if self.checks[check] == "yes"
                           else f"no-{check}-check")
        return out


def gettext_flags(entry: CatalogEntry) -> tuple[bool, list[str], bool]:
    """(fuzzy, normalised flags, no-wrap) as gettext reads `entry.flags`."""
    if not entry.flags:
        return False, [], False
    if entry.flags == ["fuzzy"]:  # a sentence document's entry: the common case
        return True, [], False
    flags = _Flags()
    flags.read([t for t in FLAG_SEPARATORS.split(", ".join(entry.flags)) if t])
    return flags.fuzzy, flags.normalised(), flags.wrap is False


def _reference_lines(references: Sequence[str], width: int = PAGE_WIDTH) -> list[str]:
    seen: set = set()
    items = []
    for ref in references:
        match = re.fullmatch(r"(.*):(\d+)", ref)
        key = (match.group(1), int(match.group(2))) if match and match.group(1) else (ref, None)
        if key in seen:
            continue
        seen.add(key)
        items.append(key[0] if key[1] is None else f"{key[0]}:{key[1]}")
    lines: list[str] = []
    current = "#:"
    for item in items:
        if current != "#:" and len(current) + 1 + len(item) > width:
            lines.append(current)
            current = "#:"
        current += " " + item
    if current != "#:":
        lines.append(current)
    return lines


def _comment_lines(entry: CatalogEntry, fuzzy: bool, flags: list[str]) -> list[str]:
    out = [f"# {c}" if c else "#" for c in entry.translator_comments]
    out += [f"#. {c}" if c else "#." for c in entry.extracted_comments]
    out += _reference_lines(entry.references)
    first = entry.msgstr_plural[0] if entry.is_plural and entry.msgstr_plural else entry.msgstr
    if fuzzy and first:
        flags.insert(0, "fuzzy")
    if flags:
        out.append("#, " + ", ".join(flags))
    return out


def _entry_lines(entry: CatalogEntry) -> list[str]:
    fuzzy, flags, nowrap = gettext_flags(entry)
    wrap = not nowrap
    out = _comment_lines(entry, fuzzy, flags)
    prev_prefix = "#~| " if entry.obsolete else "#| "
    for key, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                       ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            out += wrap_field(key, value, prefix=prev_prefix, wrap=wrap)
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        out += wrap_field("msgctxt", entry.msgctxt, prefix=prefix, wrap=wrap)
    out += wrap_field("msgid", entry.msgid, prefix=prefix, wrap=wrap)
    if entry.is_plural:
        out += wrap_field("msgid_plural", entry.msgid_plural, prefix=prefix, wrap=wrap)
        for i, value in enumerate(entry.msgstr_plural):
            out += wrap_field(f"msgstr[{i}]", value, prefix=prefix, wrap=wrap)
    else:
        out += wrap_field("msgstr", entry.msgstr, prefix=prefix, wrap=wrap)
    return out


def _check_entry(entry: CatalogEntry) -> None:
    for what in ("msgid", "msgstr", "msgctxt", "msgid_plural", "previous_msgctxt",
                 "previous_msgid", "previous_msgid_plural"):
        value = getattr(entry, what)
        if value is not None:
            check_text(what, value)
    for i, value in enumerate(entry.msgstr_plural):
        check_text(f"msgstr[{i}]", value)
    if entry.is_plural and not entry.msgstr_plural:
        raise ValueError(f"plural entry {entry.msgid!r} has no msgstr[N]")
    for what in ("translator_comments", "extracted_comments", "references", "flags"):
        for value in getattr(entry, what):
            check_text(what, value, newlines=False)


def render_catalog(catalog: PoCatalog) -> str:
    """The catalog as PO text in gettext's normal form (what `msgcat` writes)."""
    active = list(catalog.entries)
    if catalog.header is not None:
        active.insert(min(catalog.header_position, len(active)), catalog.header)
    seen: set = set()
    blocks = []
    for n, entry in enumerate(active + list(catalog.obsolete)):
        if entry.obsolete != (n >= len(active)):
            raise ValueError(f"entry {entry.msgid!r}: its obsolete flag disagrees with the "
                             "list it is in")
        if not entry.obsolete:
            if entry.key in seen:
                raise ValueError(f"duplicate entry {entry.key!r}")
            seen.add(entry.key)
        _check_entry(entry)
        blocks.append("\n".join(_entry_lines(entry)) + "\n")
    return "\n".join(blocks)


def write_catalog(path, catalog: PoCatalog) -> None:
    """Render the catalog and replace `path` atomically, encoded in its declared charset."""
    text = render_catalog(catalog)
    try:
        data = text.encode(catalog.charset)
    except UnicodeEncodeError as exc:
        raise ValueError(f"a character ({text[exc.start]!r}) cannot be written in the "
                         f"catalog's charset {catalog.charset}") from None
    atomic_write(path, data, create_folder=True)
