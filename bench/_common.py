"""Shared helpers of the scale benchmarks (issue 8): the app on a temporary database, a signed-in
client, large reference/target pairs built from the alignment eval sets, and statistics.

Nothing here is part of the app; the benchmarks only call the app's public factory, store and
routes, and register their own floor routes on the app instance they create.
"""
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ALIGN_SET = ROOT.parent / "shared" / "eval" / "align" / "en-fr"
PASSWORD = "bench horse battery staple"
USERNAME = "bench"


def make_app(tmp_dir, **overrides):
    """The app on a fresh SQLite database in `tmp_dir`, schema migrated, CSRF off (as in tests)."""
    from app import create_app
    from app.store import upgrade_schema

    tmp_dir = Path(tmp_dir)
    config = {
        "TESTING": False,
        "SECRET_KEY": "bench",
        "DATABASE_URL": f"sqlite:///{tmp_dir / 'bench.sqlite3'}",
        "TRANSLATIONS_DIR": str(tmp_dir / "translations"),
        "SOURCE_TEXTS_DIR": str(ROOT / "source_texts"),
        "WTF_CSRF_ENABLED": False,
        "DEFAULT_AUTHOR": USERNAME,
        "LOGIN_MAX_FAILURES": 10**6,
    }
    config.update(overrides)
    app = create_app(config)
    upgrade_schema(app)
    return app


def create_user(app, username=USERNAME, role="admin"):
    from app.store import accounts, session_scope

    with session_scope(app) as session:
        if accounts.find_user(session, username) is None:
            accounts.create_user(session, username, PASSWORD, role)


def login(app, username=USERNAME):
    """A Flask test client signed in through the real sign-in form."""
    create_user(app, username)
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    if response.status_code != 303:
        raise RuntimeError(f"sign-in failed: {response.status_code}")
    return client


# ---------------------------------------------------------------------------------------------
# Large pairs from the en-fr alignment set

def _beads(gold_path):
    import ast

    out = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        parts = line.strip().split(":")
        if len(parts) >= 2 and parts[0].startswith("["):
            out.append((ast.literal_eval(parts[0]), ast.literal_eval(parts[1])))
    return out


def _book_paragraphs(per_paragraph=5):
    """Per book, its gold beads grouped into paragraphs of `per_paragraph` beads:
    [(english sentences, french sentences)] (both sides break at the same bead boundaries)."""
    books = []
    golds = sorted(ALIGN_SET.glob("*.gold"))
    if not golds:
        raise SystemExit(f"no aligned books (*.gold) in {ALIGN_SET}: this bench reads the "
                         "shared evaluation set beside the project folder")
    for gold in golds:
        en = gold.with_suffix(".en").read_text(encoding="utf-8").splitlines()
        fr = gold.with_suffix(".fr").read_text(encoding="utf-8").splitlines()
        paragraphs, cur_en, cur_fr, n = [], [], [], 0
        for src, tgt in _beads(gold):
            cur_en += [en[i] for i in src]
            cur_fr += [fr[i] for i in tgt]
            n += 1
            if n == per_paragraph:
                paragraphs.append((cur_en, cur_fr))
                cur_en, cur_fr, n = [], [], 0
        if cur_en or cur_fr:
            paragraphs.append((cur_en, cur_fr))
        books.append(paragraphs)
    return books


def book_pair(n_sentences, seed=8):
    """(english text, french text) of about `n_sentences` English sentences: the six books of
    the en-fr set one after another, repeated in a different (seeded) book order each round;
    paragraphs of 5 gold beads separated by blank lines on both sides."""
    import random

    books = _book_paragraphs()
    rng = random.Random(seed)
    en_pars, fr_pars, count = [], [], 0
    while count < n_sentences:
        order = list(range(len(books)))
        rng.shuffle(order)
        for b in order:
            for en, fr in books[b]:
                if count >= n_sentences:
                    break
                en_pars.append(" ".join(s for s in en if s.strip()))
                fr_pars.append(" ".join(s for s in fr if s.strip()))
                count += len(en)
    pairs = [(e, f) for e, f in zip(en_pars, fr_pars) if e and f]
    return "\n\n".join(e for e, _ in pairs) + "\n", "\n\n".join(f for _, f in pairs) + "\n"


def sentence_pairs(n):
    """`n` (english, french) pairs taken from the gold 1-1 beads (cycled)."""
    pairs = []
    for gold in sorted(ALIGN_SET.glob("*.gold")):
        en = gold.with_suffix(".en").read_text(encoding="utf-8").splitlines()
        fr = gold.with_suffix(".fr").read_text(encoding="utf-8").splitlines()
        pairs += [(en[s[0]], fr[t[0]]) for s, t in _beads(gold)
                  if len(s) == 1 and len(t) == 1 and en[s[0]].strip() and fr[t[0]].strip()]
    return [pairs[i % len(pairs)] for i in range(n)]


# ---------------------------------------------------------------------------------------------
# Statistics and output

def percentile(values, p):
    """The p-th percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def median(values):
    return statistics.median(values) if values else float("nan")


def table(header, rows):
    """Print a left/right aligned plain-text table (numbers right-aligned)."""
    cells = [list(map(str, header))] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for n, row in enumerate(cells):
        print("  ".join(c.rjust(w) if n and _numeric(c) else c.ljust(w)
                        for c, w in zip(row, widths)).rstrip())
    sys.stdout.flush()


def _numeric(text):
    try:
        float(text.rstrip("x%").replace(",", ""))
        return True
    except ValueError:
        return False


def machine():
    return f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
