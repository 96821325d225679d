"""Translation-review workbench: application factory."""
import os
import secrets
from pathlib import Path

from flask import Flask

from app.core import limits

ROOT = Path(__file__).resolve().parent.parent


def _secret_key(instance_path):
    """Read the instance secret key, creating it on first start (0600, app/store/private.py)."""
    from app.store import private

    private.folder(instance_path, tighten=True)
    return private.secret(Path(instance_path) / "secret_key", lambda: secrets.token_hex(32))


def create_app(test_config=None):
    """Create the workbench; `test_config` overrides every setting (paths included; its
    INSTANCE_PATH the instance folder, instance/ by default)."""
    app = Flask(
        __name__,
        instance_path=str((test_config or {}).get("INSTANCE_PATH") or ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
    )
    app.config.from_mapping(
        DATABASE_URL=os.environ.get("DATABASE_URL")
        or f"sqlite:///{Path(app.instance_path) / 'workbench.sqlite3'}",
        TRANSLATIONS_DIR=str(ROOT / "translations"),
        SOURCE_TEXTS_DIR=str(ROOT / "source_texts"),
        DEFAULT_AUTHOR=os.environ.get("WORKBENCH_AUTHOR", "translator"),
        ADMIN_PASSWORD_FILE=str(Path(app.instance_path) / "admin-password"),
        WTF_CSRF_TIME_LIMIT=None,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("WORKBENCH_SECURE_COOKIES") == "1",
        # Sizes accepted (app/core/limits.py): LIMIT_SEGMENT_CHARS, LIMIT_LINE_CHARS,
        # LIMIT_SEGMENTS, LIMIT_UPLOAD_BYTES (the request limits below follow the last).
        **limits.defaults_config(),
        MAX_CONTENT_LENGTH=None,
        MAX_FORM_MEMORY_SIZE=None,  # a book pasted in a text field (Flask's default: 500 kB)
        PO_WRITE_DELAY=None,
        PO_STATE_DIR=None,  # default: instance/po-state (tests: beside TRANSLATIONS_DIR)
        PO_HEAL=True,  # rewrite stale PO files in the background (app/workers/publisher.py)
        # Imports run in background threads of each server process (app/workers/imports.py);
        # inline (in the request) for tests, unless a test asks otherwise. With
        # BACKGROUND_WORKER (FLASK_BACKGROUND_WORKER=1, `make run`), the servers only queue
        # imports, check passes and PO files: `flask --app app worker` runs them.
        IMPORT_JOBS_INLINE=test_config is not None,
        BACKGROUND_WORKER=False,
        IMPORT_WORKERS=2,  # one import per user at a time (app/store/jobs.py: claim)
        IMPORT_POLL_SECONDS=2,
        IMPORT_JOB_STALE_SECONDS=60,
        # A document's check pass (the slow checks an import left out) runs in a child
        # process of the server (app/workers/checkpasses.py); in a thread for tests.
        CHECK_PASS_PROCESS=test_config is None,
        LOGIN_MAX_FAILURES=5,
        LOGIN_WINDOW_SECONDS=300,
        API_RATE_LIMIT="120/minute",  # per API token and server process (issue 21)
        # Requests of a server process in the app at a time, the others waiting their turn
        # in arrival order (app/web/admission.py; 0: no limit); as many as the deploy
        # recipe's threads a worker (deploy/gunicorn.conf.py).
        MAX_ACTIVE_REQUESTS=4,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env()  # FLASK_PO_WRITE_DELAY=1 and the like
    else:
        app.config.from_mapping(test_config)
    for key in ("MAX_CONTENT_LENGTH", "MAX_FORM_MEMORY_SIZE"):
        if app.config[key] is None:
            app.config[key] = int(app.config["LIMIT_UPLOAD_BYTES"])
    private_folder = None
    if not app.config.get("PO_STATE_DIR"):  # the PO files' stamps (app/store/pofiles.py)
        base = Path(app.instance_path) if test_config is None else \
            Path(app.config["TRANSLATIONS_DIR"]).parent / "instance"
        app.config["PO_STATE_DIR"] = str(base / "po-state")
        if test_config is None:  # the instance folder is private, whatever makes it first
            private_folder = base

    from app import cli

    if cli.looking_up_a_command():
        # `flask --app app COMMAND`: the store and the web layer (a second of imports) are
        # set up when a command that needs them is looked up, not for `check` or `align`.
        app.cli = cli.Commands(app.cli.name, lambda: _set_up(app, private_folder))
    else:
        _set_up(app, private_folder)
    cli.init_app(app)
    return app


def _set_up(app, private_folder):
    """The secret key, the store, the background PO writer, the web layer, and the grammar
    checker warmed up (outside tests); once."""
    if app.extensions.get("workbench.set_up"):
        return
    app.extensions["workbench.set_up"] = True
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app.instance_path)
    if private_folder is not None:
        from app.store import private

        private.folder(private_folder, tighten=True)

    from app import store, web
    from app.workers import publisher

    store.init_app(app)
    publisher.init_app(app)
    web.init_app(app)
    if not app.config.get("TESTING"):
        _warm_up_checks(app)


def _warm_up_checks(app):
    """Warm the checks and the templates once per process, in the background (`warm_up`),
    so that the first save does not wait for them."""
    import threading

    threading.Thread(target=warm_up, args=(app,), name="checks-warm-up", daemon=True).start()


def warm_up(app=None):
    """Load the grammar checker (Grammalecte: about 0.1 s, and 70 ms more for its first
    call) and the resources of the other checks (lexicons, word frequencies) by checking one
    English-French pair; compile `app`'s templates (0.14-0.2 s for all 38 on this machine:
    the first save's answer compiled five of them, about 40 ms, and the first request to show
    each page paid for its own, issue 14); then move every object then alive out of the
    garbage collector's reach (gc.freeze). They stay for the life of the process; without
    this, each full collection walks them all: 0.1-0.3 s on this machine, a pause of every
    request in flight (issue 14: under 20 concurrent saves one such pause was the p95).
    Objects are still freed by reference counting; only the cycle search skips them."""
    import gc
    import logging

    from app.core import checks, grammar

    try:
        grammar.warm_up()
        checks.run_checks("The bridge will reopen on Monday, the city said.",
                          "Le pont rouvrira lundi, a indiqué la ville.", "en", "fr")
    except Exception:  # a broken optional resource: the saves will say so, not the warm-up
        logging.getLogger(__name__).exception("warming up the checks failed")
    if app is not None:
        for name in app.jinja_env.list_templates():
            app.jinja_env.get_template(name)  # kept in the environment's cache (400)
    gc.collect()
    gc.freeze()
