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


def test_warm_up_compiles_every_template_of_the_app(app):
    """A server's first requests do not compile templates (issue 14: the first save's
    answer compiled five, about 40 ms): the warm-up leaves them in Jinja's cache."""
    env = app.jinja_env
    names = set(env.list_templates())
    assert {"_unit_saved.html", "_unit_row.html", "document.html"} <= names

    def cached():
        return {key[1] for key in env.cache.keys()} if env.cache is not None else set()

    env.cache.clear()
    assert not names & cached()
    gc.unfreeze()
    try:
        warm_up(app)
    finally:
        gc.unfreeze()
    assert names <= cached()
