"""A second reading of a PO file by polib, compared with ours. This is the only module of
the project that imports polib.

`document.read_po` reads files made by hand or by other tools (`flask check FILE.po`), and
refuses one that polib would read differently: polib is what most Python tools load a PO
file with, so a file on which the two readers disagree is not one to trust.
"""
from __future__ import annotations

import re

import polib

from app.core.messages import N_
from app.core.po.layout import PAGE_WIDTH
from app.core.po.model import CatalogEntry, PoError


def _first_translation(entry: CatalogEntry) -> str:
    return entry.msgstr_plural[0] if entry.is_plural else entry.msgstr


def cross_check(path, text: str, body: list[CatalogEntry]) -> None:
    """Raise PoError unless polib reads `text` as the same active entries as `body` (the
    active entries but the header): same number, and for each the same msgctxt, msgid and
    first translation."""
    try:
        parsed = polib.pofile(text, wrapwidth=PAGE_WIDTH)
    except (OSError, ValueError) as exc:
        # Lines our reader lets through but polib refuses (e.g. a "#!" flag line).
        found = re.search(r"line (\d+)", str(exc))
        line = min(int(found.group(1)), text.count("\n") + 1) if found else 1
        raise PoError(path, max(line, 1), N_("syntax polib cannot read")) from None
    loaded = [e for e in parsed if not e.obsolete and not (e.msgid == "" and e.msgctxt is None)]
    if len(loaded) != len(body):
        line = body[0].line if body else 1
        raise PoError(path, line, N_("parser disagreement: %(found)s entries instead of "
                                     "%(expected)s"), found=len(loaded), expected=len(body))
    for theirs, ours in zip(loaded, body):
        msgstr = theirs.msgstr_plural.get(0, "") if theirs.msgid_plural else theirs.msgstr
        if (theirs.msgid, msgstr, theirs.msgctxt) != (ours.msgid, _first_translation(ours),
                                                       ours.msgctxt):
            raise PoError(path, ours.line, N_("parser disagreement on this entry"))
