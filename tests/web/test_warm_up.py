"""The server's warm-up (app.warm_up): the checks' resources loaded, then kept out of the
garbage collector's full collections (issue 14: each one walked them, a pause of every request
in flight)."""
import gc

from app import warm_up
from app.core.checks import content


def test_warm_up_loads_the_checks_and_freezes_what_is_alive():
    gc.unfreeze()
    try:
        warm_up()
        lexicon = content.lexicon()  # loaded by the warm-up (memoised: the same object)
        assert gc.get_freeze_count() > 0
        assert gc.is_tracked(lexicon)  # a container the collector would walk
        assert all(o is not lexicon for o in gc.get_objects())  # frozen: not walked
        found = object.__new__(type("Later", (), {}))  # made after the warm-up: walked
        assert any(o is found for o in gc.get_objects())
    finally:
        gc.unfreeze()
