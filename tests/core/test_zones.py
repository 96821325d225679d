"""app/core/zones.py (issue 19): the time zones a user may choose, and the check of a name."""
import pytest

from app.core import zones


def test_the_list_has_utc_first_and_area_place_names_only():
    names = zones.names()
    assert names[0] == "UTC" and list(names[1:]) == sorted(names[1:])
    for kept in ("Europe/Paris", "America/Montreal", "Asia/Kolkata", "Pacific/Auckland"):
        assert kept in names
    for left_out in ("posix/Europe/Paris", "right/UTC", "Etc/GMT+5", "US/Eastern", "EST5EDT",
                     "localtime", "Factory"):
        assert left_out not in names


@pytest.mark.parametrize("name", ["UTC", "Europe/Paris", " Europe/Paris "])
def test_a_known_name_is_kept(name):
    assert zones.check(name) == name.strip()


@pytest.mark.parametrize("name, shown", [
    ("Europe/Pariss", "'Europe/Pariss'"), ("europe/paris", "'europe/paris'"),
    ("", "nothing"), (None, "nothing"), ("../../etc/passwd", "'../../etc/passwd'"),
])
def test_an_unknown_name_is_refused_and_named(name, shown):
    with pytest.raises(ValueError, match=f"Unknown time zone {shown}: choose one of the list"):
        zones.check(name)
