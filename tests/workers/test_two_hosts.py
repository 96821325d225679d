"""Two hosts on one database (deploy/README.md, "Several hosts"): two app instances with
instance folders and translations folders of their own on one database (an SQLite file, or
PostgreSQL with WORKBENCH_TEST_DATABASE_URL), as web servers behind a load balancer with
BACKGROUND_WORKER set. A session signed in on one is served by the other when they share
their secret key (not with each its own), a save on one is read on the other, a sign-out on
one ends the session on both, and an import queued on one is run by the worker of the other,
which alone writes the PO files."""
from app.store import jobs, publishing, session_scope
from app.store.models import Document, ImportJob
from app.workers import service
from tests import databases
from tests.web.conftest import login, make_app
from tests.web.test_import_jobs import post_pair, sample_pair


def _host(tmp_path, name, url, secret_key="shared by the hosts"):
    folder = tmp_path / name
    folder.mkdir()
    return make_app(folder, DATABASE_URL=url, INSTANCE_PATH=str(folder / "instance"),
                    SECRET_KEY=secret_key, IMPORT_JOBS_INLINE=False, BACKGROUND_WORKER=True,
                    CHECK_PASS_PROCESS=False)


def _hosts(tmp_path, **more):
    url = databases.fresh_url(tmp_path)
    first = _host(tmp_path, "a", url, **more)
    assert first.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    return first, _host(tmp_path, "b", url, **more)


def _on(app, client):
    """A client of `app` carrying `client`'s session cookie (the load balancer sent the
    browser's next request to the other host)."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def test_a_session_saves_and_sign_out_hold_across_hosts(tmp_path):
    a, b = _hosts(tmp_path)
    assert a.instance_path != b.instance_path
    on_a = login(a)
    on_b = _on(b, on_a)
    assert on_b.get("/").status_code == 200
    with session_scope(a) as session:
        unit = session.query(Document).first().units[0]
        unit_id, version, slug = unit.id, unit.version, unit.document.slug
    saved = on_b.post(f"/units/{unit_id}", data={"text": "Revu sur b.", "version": version})
    assert saved.status_code == 303
    assert "Revu sur b." in on_a.get(f"/documents/{slug}").get_data(as_text=True)
    assert on_a.post("/logout").status_code in (302, 303)
    assert on_b.get("/").status_code in (302, 303)  # signed out on b too


def test_hosts_with_a_key_each_do_not_share_sessions(tmp_path):
    a, b = _hosts(tmp_path, secret_key="")  # each makes instance/secret_key of its own
    assert a.config["SECRET_KEY"] != b.config["SECRET_KEY"]
    assert _on(b, login(a)).get("/").status_code in (302, 303)  # to the sign-in page


def test_an_import_queued_on_one_host_is_run_by_the_worker_of_the_other(tmp_path):
    a, b = _hosts(tmp_path)
    response = post_pair(login(a, "maker", "translator"), *sample_pair(), title="Two hosts")
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert "import_worker" not in a.extensions and "import_worker" not in b.extensions
    assert service.run_once(b)[0] == 1
    with session_scope(a) as session:
        job = session.get(ImportJob, job_id)
        assert job.status == jobs.DONE
        doc = session.get(Document, job.document_id)
        assert publishing.po_path(b.config["TRANSLATIONS_DIR"], doc).exists()
        assert not publishing.po_path(a.config["TRANSLATIONS_DIR"], doc).exists()
