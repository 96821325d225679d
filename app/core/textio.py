"""Decoding of user-supplied text files, with errors that say what is wrong and where."""
from app.core.messages import N_, Explained

# Control characters that have no place in a text to translate (tab, LF, CR are fine).
FORBIDDEN = frozenset({chr(c) for c in range(32)} - {"\t", "\n", "\r"} | {"\x7f"})
# The C1 controls; NEL (U+0085) among them is a line break, like the line and paragraph
# separators U+2028 and U+2029: in an imported text the segmenter splits there.
C1 = frozenset(chr(c) for c in range(0x80, 0xA0))
LINE_SEPARATORS = frozenset({"\x85", "\u2028", "\u2029"})
# What a segment's own text never holds: a PO file cannot carry these characters (readers
# take the separators for line ends), so neither can the units written to it.
NOT_IN_SEGMENT = FORBIDDEN | C1 | LINE_SEPARATORS
# Refused anywhere in an imported text (the line separators are fine between segments).
NOT_IN_TEXT = NOT_IN_SEGMENT - LINE_SEPARATORS


def first_forbidden(text, refused=NOT_IN_SEGMENT):
    """(offset, character) of the first character of `text` in `refused` (by default, what a
    segment's text cannot hold), or None."""
    for offset, ch in enumerate(text):
        if ch in refused:
            return offset, ch
    return None


class TextInputError(Explained, ValueError):
    """Bad input text; str() reads "NAME:LINE: problem" (the problem: a msgid and its values,
    translated where shown: app.core.messages)."""

    def __init__(self, name, line, problem, /, **values):
        self.name, self.line, self.problem = name, line, Explained(problem, **values)
        super().__init__(N_("%(name)s:%(line)s: %(problem)s"), name=name, line=str(line),
                         problem=self.problem)


def decode_text(data, name):
    """UTF-8 bytes -> str with "\\n" line ends; a BOM is dropped.

    Raises TextInputError naming the line of the first undecodable byte or control character,
    or saying that the text is empty."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TextInputError(name, line, N_("not UTF-8 text (byte %(byte)s at offset "
                                            "%(offset)s); save the file as UTF-8"),
                             byte=f"0x{data[exc.start]:02x}", offset=str(exc.start)) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        bad = next((c for c in line if c in NOT_IN_TEXT), None)
        if bad is not None:
            raise TextInputError(name, number, N_("control character %(code)s in the text; "
                                                  "is this a binary file?"),
                                 code=f"U+{ord(bad):04X}")
    if not text.strip():
        raise TextInputError(name, 1, N_("the text is empty"))
    return text
