"""The sizes the workbench accepts, and the checks that refuse bigger input before any work.

Every size that can make a request or an import take long or run out of memory has a limit:

- a segment (a unit's text when it is saved, a sentence or PO message when it is imported):
  SEGMENT_CHARS, 10,000 characters. The longest sentences of literary prose (Proust's) are
  about 5,500 characters; the checks take under a second at the limit (bench: README);
- a line of an imported text (a paragraph): LINE_CHARS, 100,000 characters (a chapter
  without a line break; a 10 MB one-line file is refused before it is segmented);
- segments per document: SEGMENTS, 100,000 (a long book has 10,000 to 40,000 sentences;
  an import of 50,000 takes about a minute and 750 MB);
- an upload (the whole request): UPLOAD_BYTES, 20 MB (Flask's MAX_CONTENT_LENGTH).

The values come from the app's config (``LIMIT_SEGMENT_CHARS``, ``LIMIT_LINE_CHARS``,
``LIMIT_SEGMENTS``, ``LIMIT_UPLOAD_BYTES``; ``from_config``). ``TooLarge`` says what is too
large, where (file and line when there is one) and what the limit is; the web answers it
with 413, the command line with exit status 2.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.core.messages import N_, Explained


@dataclass(frozen=True)
class Limits:
    segment_chars: int = 10_000
    line_chars: int = 100_000
    segments: int = 100_000
    upload_bytes: int = 20 * 1024 * 1024


DEFAULTS = Limits()
CONFIG_KEYS = {"segment_chars": "LIMIT_SEGMENT_CHARS", "line_chars": "LIMIT_LINE_CHARS",
               "segments": "LIMIT_SEGMENTS", "upload_bytes": "LIMIT_UPLOAD_BYTES"}


def from_config(config) -> Limits:
    """The limits of an app's config (a mapping); missing keys keep their default."""
    values = {name: int(config[key]) for name, key in CONFIG_KEYS.items() if key in config}
    return Limits(**values)


def defaults_config() -> dict:
    """The config keys with their default values (for the app factory)."""
    return {key: getattr(DEFAULTS, name) for name, key in CONFIG_KEYS.items()}


class TooLarge(Explained, ValueError):
    """Input over a limit; str() reads "WHERE: problem" (WHERE: a file and line, or what).
    The problem is a msgid and its values (app.core.messages), translated where shown."""

    def __init__(self, where, problem, /, **values):
        self.where, self.problem = where, Explained(problem, **values)
        if where:
            super().__init__(N_("%(where)s: %(problem)s"), where=where, problem=self.problem)
        else:
            super().__init__(problem, **values)


def segment(uid: str) -> Explained:
    """The WHERE of a TooLarge about the segment with this uid ("Segment u12")."""
    return Explained(N_("Segment %(uid)s"), uid=uid)


# A segment over the limit, by what happens to it (one sentence each: no glued pieces).
SEGMENT_TOO_LONG = {
    "saved": N_("the segment has %(size)s characters; the limit is %(limit)s a segment. "
                "Split it into shorter sentences. Nothing was saved."),
    "imported": N_("the segment has %(size)s characters; the limit is %(limit)s a segment. "
                   "Split it into shorter sentences. Nothing was imported."),
    "kept": N_("the segment has %(size)s characters; the limit is %(limit)s a segment. "
               "Split it into shorter sentences. Nothing was kept."),
}


def check_segment(text: str, limits: Limits = DEFAULTS, where: str = "",
                  nothing: str = "saved") -> None:
    """TooLarge when `text` (one segment) is longer than the limit; the message ends with
    "Nothing was `nothing`" (saved, imported or kept)."""
    if len(text) > limits.segment_chars:
        raise TooLarge(where, SEGMENT_TOO_LONG[nothing], size=len(text),
                       limit=limits.segment_chars)


def check_upload(size: int, limits: Limits = DEFAULTS, where: str = "") -> None:
    """TooLarge when an upload of `size` bytes is over the limit."""
    if size > limits.upload_bytes:
        raise TooLarge(where, N_("the file has %(size)s bytes; the limit is %(limit)s bytes "
                                 "(%(megabytes)s MB)."),
                       size=size, limit=limits.upload_bytes, megabytes=_megabytes(limits))


def _megabytes(limits):
    return f"{limits.upload_bytes / (1024 * 1024):g}"


def upload_message(limits: Limits = DEFAULTS) -> Explained:
    """What a request over the upload limit is told (str(): in English)."""
    return Explained(N_("The upload is too large: at most %(megabytes)s MB (%(limit)s bytes) "
                        "a request. Nothing was imported."),
                     megabytes=_megabytes(limits), limit=limits.upload_bytes)


def check_lines(text: str, limits: Limits = DEFAULTS, name: str = "the text") -> None:
    """TooLarge naming the first line of `text` longer than the limit (line breaks: "\\n")."""
    if len(text) <= limits.line_chars:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > limits.line_chars:
            raise TooLarge(f"{name}:{number}",
                           N_("the line has %(size)s characters; the limit is %(limit)s a "
                              "line (a paragraph). Nothing was imported."),
                           size=len(line), limit=limits.line_chars)


def check_segments(spans, text: str, limits: Limits = DEFAULTS, name: str = "the text"):
    """TooLarge when there are more segments than the limit, or one is longer than the
    limit (named by its line). `spans`: (start, end) offsets of the segments in `text`."""
    spans = list(spans)
    if len(spans) > limits.segments:
        raise TooLarge(name, N_("the text has %(count)s segments; the limit is %(limit)s a "
                                "document. Split it into several documents. Nothing was "
                                "imported."), count=len(spans), limit=limits.segments)
    for start, end in spans:
        if end - start > limits.segment_chars:
            line = text.count("\n", 0, start) + 1
            raise TooLarge(f"{name}:{line}",
                           N_("a sentence of %(size)s characters; the limit is %(limit)s a "
                              "segment. Split it into shorter sentences. Nothing was "
                              "imported."), size=end - start, limit=limits.segment_chars)


def check_count(count: int, limits: Limits = DEFAULTS, name: str = "the file") -> None:
    """TooLarge when a file gives more segments than the limit."""
    if count > limits.segments:
        raise TooLarge(name, N_("the file has %(count)s segments; the limit is %(limit)s a "
                                "document. Split it into several files. Nothing was "
                                "imported."), count=count, limit=limits.segments)


def check_text(text: str, lang: str, limits: Limits = DEFAULTS, name: str = "the text"):
    """TooLarge when an imported text has a line, a sentence or more sentences than the
    limits allow (the lines first: they are checked before the text is segmented, which
    takes about a second for the largest upload)."""
    from app.core import segment

    check_lines(text, limits, name)
    check_segments(((s.start, s.end) for s in segment.segment_text(text, lang)), text,
                   limits, name)


def check_pairs(pairs, limits: Limits = DEFAULTS, name: str = "the file", where=None):
    """TooLarge when (reference, target) pairs of a file (PO messages, TMX units) are more
    than the limit or one of their texts is too long. `where(k)`: how to name pair k (its
    line in the file); default: "the file, message k"."""
    pairs = list(pairs)
    check_count(len(pairs), limits, name)
    for k, texts in enumerate(pairs):
        for text in texts:
            if text and len(text) > limits.segment_chars:
                place = where(k) if where else f"{name}, message {k + 1}"
                check_segment(text, limits, place, nothing="imported")
