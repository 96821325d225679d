"""Time zones a user may choose for the dates the interface shows (issue 19): IANA names
("Europe/Paris", "America/Montreal") from the system's time zone database, and UTC.

`check` gives back a name from that list, or ValueError saying what is wrong."""
from functools import lru_cache
import zoneinfo

UTC = "UTC"


@lru_cache(maxsize=1)
def names():
    """Every zone offered, sorted: "Area/Place" names (no "posix/", "right/", "Etc/" or
    legacy aliases such as "US/Eastern" and "EST5EDT"), and UTC first."""
    areas = {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia",
             "Europe", "Indian", "Pacific"}
    found = sorted(name for name in zoneinfo.available_timezones()
                   if name.partition("/")[0] in areas)
    return (UTC, *found)


def check(name):
    """`name` if it is a zone of `names()`; ValueError naming it otherwise."""
    text = (name or "").strip()
    if text in names():
        return text
    shown = repr(text[:60]) if text else "nothing"
    raise ValueError(f"Unknown time zone {shown}: choose one of the list (an IANA name such "
                     "as Europe/Paris, or UTC).")
