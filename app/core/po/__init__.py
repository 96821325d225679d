"""PO files: one catalog model, one reader, one writer, gettext's layout.

- model.py: `PoCatalog` / `CatalogEntry` (a whole PO file, everything gettext keeps) and
  `PoError` ("FILE:LINE: message");
- reader.py: bytes in the declared charset, then one validating pass over the lines
  (`parse_catalog`);
- layout.py: escaping and line wrapping as GNU gettext does it (UAX #14 break table,
  display widths), so `msgcat` gives back the bytes we write;
- writer.py: a catalog in gettext's normal form (`render_catalog`), atomic saving;
- header.py: Plural-Forms of a language (gettext's table, else CLDR's), `touch_header`;
- document.py: sentence documents (`PoUnit` in, `PoEntry` out) as catalogs: `render_po`,
  `write_po`, `read_po`;
- crosscheck.py: polib's reading compared with ours (the only module importing polib).

Callers import from `app.core.po`; the names below are the public ones.
"""
from app.core.po.document import (MT_PREFIX, PoEntry, PoUnit, document_catalog, read_po,
                                  render_po, write_po)
from app.core.po.header import (DEFAULT_PLURAL_FORMS, GENERATOR, PLURAL_FORMS, plural_forms,
                                touch_header)
from app.core.po.layout import PAGE_WIDTH
from app.core.po.model import CatalogEntry, PoCatalog, PoError, header_fields
from app.core.po.reader import MAX_PO_BYTES, parse_catalog
from app.core.po.writer import FORMAT_LANGUAGES, render_catalog, write_catalog

__all__ = [
    "CatalogEntry", "DEFAULT_PLURAL_FORMS", "FORMAT_LANGUAGES", "GENERATOR", "MAX_PO_BYTES",
    "MT_PREFIX", "PAGE_WIDTH", "PLURAL_FORMS", "PoCatalog", "PoEntry", "PoError", "PoUnit",
    "document_catalog", "header_fields", "parse_catalog", "plural_forms", "read_po",
    "render_catalog", "render_po", "touch_header", "write_catalog", "write_po",
]
