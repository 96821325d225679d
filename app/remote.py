"""The workbench's client for pipelines (issue 21): push a document to review, read its
status, pull the reviewed PO, over the JSON API (/api/v1) with a personal token.

`flask --app app remote push|status|pull` (app/cli.py) parses the options and calls these
functions; this module speaks HTTP with the standard library only (urllib), so that a CI
job needs nothing but Python and this package. Every failure (network, refused token, bad
input, an import that failed) is a RemoteError whose message is one line for the user;
the command turns it into exit status 2.
"""
from __future__ import annotations

import json
import mimetypes
import secrets
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from app.core import files

API = "/api/v1"
PULL_FORMATS = ("po", "tmx", "xliff", "text")
FINISHED_JOBS = ("done", "failed", "cancelled")


class RemoteError(Exception):
    """What stopped a remote command, said in one line (exit status 2)."""


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise RemoteError(f"the server answered {self.status} with something that is not "
                              "JSON; is --url the workbench's address?") from None


def _problem_line(status, body):
    """One line from an error answer: its problem+json title and detail when it has them."""
    try:
        problem = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        problem = None
    if not isinstance(problem, dict):
        return f"the server answered {status}"
    text = ": ".join(str(p) for p in (problem.get("title"), problem.get("detail")) if p)
    if problem.get("field"):
        text += f" (field {problem['field']})"
    return f"the server answered {status}: {text}" if text else f"the server answered {status}"


class Remote:
    """A workbench server at `url` (its root, e.g. https://review.example.org) reached with
    the API token `token`."""

    def __init__(self, url, token, *, timeout=60.0):
        url = (url or "").strip().rstrip("/")
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise RemoteError(f"--url must be the server's http:// or https:// address "
                              f"(or WORKBENCH_URL); got {url[:80]!r}")
        if not (token or "").strip():
            raise RemoteError("no API token: give --token or set WORKBENCH_TOKEN (create one "
                              "on your Preferences page or with `flask --app app create-token`)")
        self.url, self.token, self.timeout = url, token.strip(), timeout

    def absolute(self, path):
        """The full URL of a path or URL the server gave."""
        return urllib.parse.urljoin(self.url + "/", path)

    def call(self, method, path, *, body=None, content_type=None, ok=(200,)):
        """Send one request; the Answer when its status is in `ok`, else RemoteError naming
        what the server said (its problem+json title, detail and field)."""
        headers = {"Authorization": f"Bearer {self.token}",
                   "Accept": "application/json, application/problem+json, */*",
                   "User-Agent": "workbench-remote"}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(self.absolute(path), data=body, method=method,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = Answer(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as exc:
            answer = Answer(exc.code, dict(exc.headers or {}), exc.read())
        except (urllib.error.URLError, socket.timeout, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise RemoteError(f"cannot reach {self.url}: {reason}") from None
        if answer.status not in ok:
            raise RemoteError(_problem_line(answer.status, answer.body))
        return answer

    def get_json(self, path):
        return self.call("GET", path).json()


# ---------------------------------------------------------------------------------------------
# push

def _multipart(fields, file_field, path, data):
    """(body, content type) of a multipart/form-data request with text fields and a file."""
    boundary = "workbench-" + secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode("utf-8"))
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    filename = path.name.replace('"', "_").replace("\r", "_").replace("\n", "_")
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
                 f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode("utf-8")
                 + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _read(path):
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise RemoteError(f"{path}: cannot read: {exc.strerror}") from None


def _text(path):
    try:
        return _read(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RemoteError(f"{path}: not UTF-8 text (byte {exc.start + 1})") from None


def start_import(remote, paths, *, title=None, source_lang="en", target_lang=None):
    """Send one PO or TMX file, or a pair of texts (reference, then target), as a new
    document; returns the URL of the import job the server queued."""
    paths = [Path(p) for p in paths]
    if len(paths) not in (1, 2):
        raise RemoteError("push takes one PO or TMX file, or two text files (the reference, "
                          "then its machine translation)")
    fields = {"title": title or paths[-1].stem.split(".")[0], "source_lang": source_lang}
    if target_lang:
        fields["target_lang"] = target_lang
    if len(paths) == 1:
        if paths[0].suffix.lower() not in (".po", ".tmx"):
            raise RemoteError(f"{paths[0]}: push takes a .po or .tmx file, or two text files")
        body, kind = _multipart(fields, "file", paths[0], _read(paths[0]))
    else:
        if not target_lang:
            raise RemoteError("--target-lang is needed for a pair of texts")
        fields.update(reference_text=_text(paths[0]), target_text=_text(paths[1]))
        body, kind = json.dumps(fields).encode("utf-8"), "application/json"
    answer = remote.call("POST", f"{API}/documents", body=body, content_type=kind, ok=(202,))
    location = answer.headers.get("Location") or answer.json().get("url")
    if not location:
        raise RemoteError("the server queued the import but gave no job address")
    return location


def wait_for_job(remote, job_url, *, timeout=600.0, sleep=time.sleep, clock=time.monotonic):
    """The job's JSON once it finished (done, failed or cancelled); RemoteError after
    `timeout` seconds or when it did not end done."""
    deadline, pause = clock() + timeout, 0.2
    while True:
        job = remote.get_json(job_url)
        if job.get("status") in FINISHED_JOBS:
            break
        if clock() > deadline:
            raise RemoteError(f"the import is still {job.get('status')} after {timeout:.0f} s "
                              f"({remote.absolute(job_url)}); raise --timeout or look later")
        sleep(pause)
        pause = min(pause * 2, 2.0)
    if job["status"] != "done":
        error = job.get("error") or {}
        why = error.get("message") if isinstance(error, dict) else error
        raise RemoteError(f"the import {job['status']}: {why or 'no reason given'}")
    if not job.get("document"):
        raise RemoteError("the import finished but the server names no document")
    return job


# ---------------------------------------------------------------------------------------------
# status and pull

@dataclass
class Verdict:
    """Whether a document is done for a pipeline: every segment approved and no more open
    findings than allowed; `reasons` says what remains."""
    done: bool
    reasons: list


def verdict(stats, max_findings=0):
    """The Verdict of a document's statistics (GET .../stats)."""
    progress, open_findings = stats["progress"], stats["findings"]["total"]
    reasons = []
    waiting = progress["segments"] - progress["approved"]
    if waiting:
        reasons.append(f"{waiting} of {progress['segments']} segments not approved")
    if open_findings > max_findings:
        reasons.append(f"{open_findings} open findings (more than --max-findings "
                       f"{max_findings})")
    return Verdict(not reasons, reasons)


def status_lines(stats):
    """The status report, line by line."""
    p, q, f = stats["progress"], stats["quality"], stats["findings"]
    lines = [f"{stats['document']}: {stats['title']}",
             f"segments {p['segments']}: approved {p['approved']}, edited {p['edited']}, "
             f"flagged {p['flagged']}",
             f"quality {q['score']:.1f} ({q['per_100_words']:.1f} penalty points per 100 words); "
             f"post-editing effort {stats['hter']['per_100_words']:.1f} word edits per 100 words"]
    by_category = ", ".join(f"{c} {n}" for c, n in f["by_category"].items())
    lines.append(f"open findings {f['total']}" + (f": {by_category}" if by_category else ""))
    return lines


def document_path(slug):
    if not slug or "/" in slug:
        raise RemoteError(f"not a document slug: {slug!r}")
    return f"{API}/documents/{urllib.parse.quote(slug)}"


def stats_of(remote, slug):
    return remote.get_json(document_path(slug) + "/stats")


def pull(remote, slug, output, fmt="po"):
    """Write the document's export in `fmt` to `output` (atomically); returns its size."""
    answer = remote.call("GET", document_path(slug) + f"/export?format={fmt}")
    try:
        files.atomic_write(output, answer.body)
    except OSError as exc:
        raise RemoteError(f"{output}: cannot write: {exc.strerror}") from None
    return len(answer.body)
