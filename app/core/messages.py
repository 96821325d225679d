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
- A message whose wording depends on a count is a ``Counted(singular, plural, n=...)``
  (keyword ``Counted:1,2``): shown with the catalog's plural form for n (``explain(...,
  ngettext=...)``), kept in a database row with both forms (stored/restored).

Values that are themselves Explained (an error wrapped in another's message) are explained
too; a ``Language(code, "English")`` (a language named in a message: "English word left
untranslated") is written by `language` (the web: CLDR's name in the interface locale,
"anglais"; default: its English name); whole numbers are written by `number` (the web: the interface locale's digits grouping;
default: English, "10,000"), times (datetime values) by `moment` (the web: the user's time
zone and the locale's date format; default: "2026-12-03 21:14 UTC"); every other value is
formatted as it is.
"""


from datetime import datetime, timezone


def N_(msgid: str) -> str:  # noqa: N802 (gettext's name for the no-op marker)
    """Mark `msgid` for extraction; it is translated where it is shown."""
    return msgid


class Explained(Exception):
    """An error whose message is a msgid and its values (``%(name)s`` placeholders)."""

    def __init__(self, msgid: str, /, **values):
        self.msgid, self.values = msgid, values
        super().__init__(_format(msgid, values, None, _ENGLISH))

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
        text = super().__new__(cls, _format(msgid, values, None, _ENGLISH))
        text.msgid, text.values = msgid, values
        return text


class Language(str):
    """A language named in a message: a str holding its English name ("English", "German
    (Switzerland)"), which remembers its code, to be named in the reader's language where
    the message is shown (explain(..., language=...))."""

    def __new__(cls, code: str, english: str):
        name = super().__new__(cls, english)
        name.code = code
        return name


class Counted(Text):
    """A Text whose wording depends on a count, the value `n`: ``Counted("Approved %(n)s
    segment", "Approved %(n)s segments", n=3)``. It is translated with the catalog's plural
    forms where it is shown (gettext's ngettext; English: the singular for 1 only)."""

    def __new__(cls, singular: str, plural: str, /, **values):
        text = str.__new__(cls, _format(_English(singular, plural, values["n"]), values, None,
                                        _ENGLISH))
        text.msgid, text.plural, text.values = singular, plural, values
        return text


class Translator:
    """How a message is translated where it is shown: `gettext` (msgid -> text) and
    `ngettext` (singular, plural, n -> text); None for either: English."""

    def __init__(self, gettext=None, ngettext=None):
        self.gettext, self.ngettext = gettext, ngettext

    def __call__(self, message) -> str:
        plural = getattr(message, "plural", None)
        if plural is None:
            return self.gettext(message.msgid) if self.gettext else message.msgid
        n = message.values["n"]
        if self.ngettext:
            return self.ngettext(message.msgid, plural, n)
        return message.msgid if n == 1 else plural


def explain(exc, gettext=None, number=None, ngettext=None, moment=None,
            language=None) -> str:
    """The message of `exc` (an Explained error or a Text) translated by `gettext` (msgid ->
    text) and, for a Counted, `ngettext` (singular, plural, n -> text) (None: English), its
    whole numbers written by `number` (int -> text) and its times by `moment` (an aware
    datetime -> text; None: "2026-12-03 21:14 UTC") and its languages by `language` (a
    code -> its name, or None when it has none: the English name is kept); str(exc) for
    anything else."""
    if not isinstance(exc, (Explained, Text)):
        return str(exc)
    text = _format(_message(exc), exc.values, Translator(gettext, ngettext),
                   _Writers(number, moment, language))
    return _capital(text) if getattr(exc, "capital", False) else text


def capitalized(text):
    """`text` with a capital first letter ("Edit of segment 3" from "edit of segment 3"); a
    Text stays one, whose translation is capitalized too where it is shown."""
    if not isinstance(text, Text):
        return _capital(text)
    out = str.__new__(type(text), _capital(text))
    out.msgid, out.values, out.capital = text.msgid, text.values, True
    if isinstance(text, Counted):
        out.plural = text.plural
    return out


def stored(text):
    """A Text or an Explained error's message as JSON (to be kept in a database row and shown
    translated later: restored()); None for anything else (a plain str). Values that are
    Texts or Explained errors are kept as Texts."""
    if not isinstance(text, (Text, Explained)):
        return None
    values = {name: _kept(value) for name, value in text.values.items()}
    data = {"msgid": text.msgid, "values": values}
    if isinstance(text, Counted):
        data["plural"] = text.plural
    if getattr(text, "capital", False):
        data["capital"] = True
    return data


def restored(data):
    """The Text that stored() kept (its English text made again), or None when `data` is not
    one (an older row, anything else)."""
    if not isinstance(data, dict) or not isinstance(data.get("msgid"), str):
        return None
    values = {name: _back(value) for name, value in (data.get("values") or {}).items()}
    plural = data.get("plural")
    try:
        if isinstance(plural, str):
            text = Counted(data["msgid"], plural, **values)
        else:
            text = Text(data["msgid"], **values)
    except (KeyError, TypeError, ValueError):  # its values do not fit its msgid
        return None
    return capitalized(text) if data.get("capital") else text


def _kept(value):
    """A value of a stored message as JSON: a Text or Explained as a stored message, a time
    as {"at": ISO 8601}."""
    if isinstance(value, (Text, Explained)):
        return stored(value)
    if isinstance(value, datetime):
        return {"at": value.isoformat()}
    if isinstance(value, Language):
        return {"language": value.code, "name": str(value)}
    return value


def _back(value):
    """A value that _kept() wrote, as it was."""
    if isinstance(value, dict) and set(value) == {"language", "name"}:
        return Language(str(value["language"]), str(value["name"]))
    if isinstance(value, dict) and isinstance(value.get("at"), str) and len(value) == 1:
        try:
            return datetime.fromisoformat(value["at"])
        except ValueError:
            return value["at"]
    return restored(value) if isinstance(value, dict) else value


def _capital(text):
    return text[:1].upper() + text[1:]


def _english_number(n: int) -> str:
    return f"{n:,}"


def _utc_minute(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


class _Writers:
    """How the values of a message are written: whole numbers and times."""

    def __init__(self, number=None, moment=None, language=None):
        self.number, self.moment = number or _english_number, moment or _utc_minute
        self.language = language


_ENGLISH = _Writers()


def _message(text):
    """What _format translates for an Explained or a Text: the Counted itself, else its msgid."""
    return text if isinstance(text, Counted) else text.msgid


class _English:
    """The msgid of a Counted as English has it (what str() of the Counted holds)."""

    def __init__(self, singular, plural, n):
        self.msgid, self.plural, self.values = singular, plural, {"n": n}


def _format(message, values, translate, writers):
    """`message` (a msgid, or a Counted or _English: msgid, plural and the count) translated by
    `translate` (a Translator; None: English) and its values put in."""
    if isinstance(message, (Counted, _English)):
        text = (translate or Translator())(message)
    else:
        text = translate.gettext(message) if translate and translate.gettext else message
    if not values:
        return text
    return text % {name: _value(value, translate, writers) for name, value in values.items()}


def _value(value, translate, writers):
    if isinstance(value, (Explained, Text)):
        text = _format(_message(value), value.values, translate, writers)
        return _capital(text) if getattr(value, "capital", False) else text
    if isinstance(value, Language):
        return (writers.language and writers.language(value.code)) or str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return writers.number(value)
    if isinstance(value, datetime):
        return writers.moment(value if value.tzinfo else value.replace(tzinfo=timezone.utc))
    return value
