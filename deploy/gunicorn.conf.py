"""gunicorn settings for the workbench behind a reverse proxy (deploy/nginx.conf).

    .venv/bin/flask --app app init-db                         # schema first (migrations)
    .venv/bin/gunicorn -c deploy/gunicorn.conf.py wsgi:app

Environment (all optional): WORKBENCH_BIND (default 127.0.0.1:8000: only the proxy on this
machine can reach it), WEB_CONCURRENCY (worker processes; default 2 per CPU + 1, at most 9),
WORKBENCH_THREADS (threads per worker, default 4), WORKBENCH_ACCESS_LOG (a file; default
stdout, "" for none). The app's own settings (DATABASE_URL, WORKBENCH_SECURE_COOKIES=1,
FLASK_PO_WRITE_DELAY=1, WORKBENCH_PROXIES) are read by wsgi.py; see deploy/README.md.
"""
import os
from pathlib import Path

# The repository root, so `wsgi:app` is found wherever gunicorn is started from.
chdir = str(Path(__file__).resolve().parent.parent)

bind = [os.environ.get("WORKBENCH_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * (os.cpu_count() or 1) + 1, 9))

# Threads let a worker go on serving while one request waits for the database (a SQLite write
# lock, a PostgreSQL round trip); the Python work itself is spread over the processes.
worker_class = "gthread"
threads = int(os.environ.get("WORKBENCH_THREADS") or 4)
# The app lets in that many requests at a time (app/web/admission.py): the threads' bound.
os.environ.setdefault("FLASK_MAX_ACTIVE_REQUESTS", str(threads))

# A worker whose main loop is silent this long is killed and replaced. Requests themselves
# run in the worker's threads, so a long request (a big import or export) is not cut short.
timeout = 60
# On SIGTERM / SIGHUP workers finish their requests (and write pending PO files) first.
graceful_timeout = 30
keepalive = 5  # seconds an idle connection from the proxy stays open
# Workers are not recycled after N requests (max_requests stays 0): a worker also runs
# background imports (app/web/importer.py) in threads, and recycling it would cut a running
# import short (the job would be marked failed later).
max_requests = 0

# No preload: every worker imports the app after the fork, so each starts its own background
# PO writer thread (app/web/publish.py). With preload_app = True the thread would start in the
# master and not exist in the workers, and PO files would be written only at worker exit.
preload_app = False

# X-Forwarded-Proto is trusted from these addresses only (the proxy on this machine); the
# client's address (X-Forwarded-For) is applied by wsgi.py (WORKBENCH_PROXIES).
forwarded_allow_ips = "127.0.0.1,::1"

accesslog = os.environ.get("WORKBENCH_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = "info"
# client (the X-Forwarded-For address once wsgi.py applied it), time, request, status, bytes,
# milliseconds, worker pid, user agent
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms pid=%(p)s "%(a)s"'
proc_name = "workbench"

# gunicorn's runtime control socket (gunicornc) is off: by default it lives at one path per
# user ($HOME/.gunicorn/gunicorn.ctl), which a second instance on the machine would take over.
# To use it, set control_socket to a path of this instance's own and remove this line.
control_socket_disable = True
