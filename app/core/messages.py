"""Messages of app/core and app/store that people read, kept translatable without Flask (issue 19).

app/core knows no interface language. A message shown to people is written in English and
marked for extraction, and it is translated where it is shown (the web layer, the CLI):

- ``N_("Every selected segment is already approved.")``: N_ returns its argument unchanged;
  `pybabel extract` collects its literal (keyword ``N_``). Check descriptions need no
  marker: they are the fifth argument of ``Check(...)`` (keyword ``Check:5``).
- An error raised for people (``Explained`` and its subclasses) carries its msgid and its
  values apart: ``ReviewError(N_("Segment %(n)s has no version %(version)s."), n=4,
  version=9)``. str() is the English text; ``explain(exc, gettext)`` translates the msgid
  first and formats it after, so that a catalog holds one entry per sentence, never pieces.

Values that are themselves Explained (an error wrapped in another's message) are explained
too; whole numbers are written by `number` (the web: the interface locale's digits grouping;
default: English, "10,000"); every other value is formatted as it is.
"""


def N_(msgid: str) -> str:  # noqa: N802 (gettext's name for the no-op marker)
    """Mark `msgid` for extraction; it is translated where it is shown."""
    return msgid


class Explained(Exception):
    """An error whose message is a msgid and its values (``%(name)s`` placeholders)."""

    def __init__(self, msgid: str, /, **values):
        self.msgid, self.values = msgid, values
        super().__init__(_format(msgid, values, None, _english_number))

    @classmethod
    def wrapping(cls, exc: Exception):
        """This kind of error with the message of `exc` (translatable when `exc` is)."""
        if isinstance(exc, Explained):
            return cls(exc.msgid, **exc.values)
        return cls("%(text)s", text=str(exc))


class Text(str):
    """A message that is not an error: a str holding the English text (it compares, prints
    and is stored as that), which remembers its msgid and values to be translated where it
    is shown (explain())."""

    def __new__(cls, msgid: str, /, **values):
        text = super().__new__(cls, _format(msgid, values, None, _english_number))
        text.msgid, text.values = msgid, values
        return text


def explain(exc, gettext=None, number=None) -> str:
    """The message of `exc` (an Explained error or a Text) translated by `gettext` (msgid ->
    text; None: English), its whole numbers written by `number` (int -> text); str(exc) for
    anything else."""
    if not isinstance(exc, (Explained, Text)):
        return str(exc)
    text = _format(exc.msgid, exc.values, gettext, number or _english_number)
    return _capital(text) if getattr(exc, "capital", False) else text


def capitalized(text):
    """`text` with a capital first letter ("Edit of segment 3" from "edit of segment 3"); a
    Text stays one, whose translation is capitalized too where it is shown."""
    if not isinstance(text, Text):
        return _capital(text)
    out = str.__new__(Text, _capital(text))
    out.msgid, out.values, out.capital = text.msgid, text.values, True
    return out


def stored(text):
    """A Text or an Explained error's message as JSON (to be kept in a database row and shown
    translated later: restored()); None for anything else (a plain str). Values that are
    Texts or Explained errors are kept as Texts."""
    if not isinstance(text, (Text, Explained)):
        return None
    values = {name: stored(value) if isinstance(value, (Text, Explained)) else value
              for name, value in text.values.items()}
    data = {"msgid": text.msgid, "values": values}
    if getattr(text, "capital", False):
        data["capital"] = True
    return data


def restored(data):
    """The Text that stored() kept (its English text made again), or None when `data` is not
    one (an older row, anything else)."""
    if not isinstance(data, dict) or not isinstance(data.get("msgid"), str):
        return None
    values = {name: restored(value) if isinstance(value, dict) else value
              for name, value in (data.get("values") or {}).items()}
    try:
        text = Text(data["msgid"], **values)
    except (KeyError, TypeError, ValueError):  # its values do not fit its msgid
        return None
    return capitalized(text) if data.get("capital") else text


def _capital(text):
    return text[:1].upper() + text[1:]


def _english_number(n: int) -> str:
    return f"{n:,}"


def _format(msgid, values, gettext, number):
    text = gettext(msgid) if gettext is not None else msgid
    if not values:
        return text
    return text % {name: _value(value, gettext, number) for name, value in values.items()}


def _value(value, gettext, number):
    if isinstance(value, (Explained, Text)):
        text = _format(value.msgid, value.values, gettext, number)
        return _capital(text) if getattr(value, "capital", False) else text
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value)
    return value
