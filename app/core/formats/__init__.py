"""Exchange formats other than PO: plain text, TMX 1.4, XLIFF 2.0 (standard library only).

Each module offers pure functions over str/bytes; reading XML goes through
``safexml.parse``, which refuses entities and internal DTD subsets.
"""
from app.core.formats.safexml import XmlError
from app.core.formats.tmx import TmxError, TmxUnit, read_tmx, write_tmx
from app.core.formats.txt import restore_text
from app.core.formats.xliff import XliffError, XliffNote, XliffUnit, read_xliff, write_xliff

__all__ = [
    "XmlError",
    "TmxError",
    "TmxUnit",
    "read_tmx",
    "write_tmx",
    "restore_text",
    "XliffError",
    "XliffNote",
    "XliffUnit",
    "read_xliff",
    "write_xliff",
]
