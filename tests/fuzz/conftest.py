"""Shared set-up of the fuzz suite (tests/fuzz).

How the suite stays fast, reproducible and hang-proof:

- Every test uses ``fuzz_settings(n)`` from strategies.py, on top of the Hypothesis profile
  all tests share (tests/conftest.py): ``derandomize=True`` so that CI runs the same
  examples every time, ``deadline=None`` (no timing assertions: a loaded machine must not
  fail a run; the shared profile has none in CI either, but one locally, which the fuzz
  tests override), and a moderate ``max_examples`` (the whole suite takes about 35 s on two
  cores).
- ``FUZZ_EXAMPLES=N`` (environment variable) sets ``max_examples`` to N for every fuzz
  test, for long runs on a quiet machine, e.g.
  ``FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/fuzz -q``. With a count set
  explicitly the examples are drawn at random instead of derandomized, so that each long
  run explores new inputs (pytest's ``--hypothesis-seed=N`` replays one).
- Hangs: a hypothesis deadline cannot stop a call that never returns (it is measured
  after the call). Instead every fuzz test runs under a watchdog (``faulthandler`` with
  ``exit=True``): if one test runs longer than ``FUZZ_HANG_SECONDS`` (default 240 s, far
  above the few seconds a test takes, plus one second per example when FUZZ_EXAMPLES is
  set), the tracebacks of all threads are printed and the process exits. A hang thus
  becomes a loud failure showing the looping code, even a regex stuck in C code, which an
  alarm signal could not interrupt. Inputs are bounded (sizes in strategies.py) so that a
  correct linear or near-linear implementation finishes every example well under a second.
"""
from __future__ import annotations

import faulthandler
import os
import sys

import pytest

HANG_SECONDS = float(os.environ.get("FUZZ_HANG_SECONDS")
                     or 240 + int(os.environ.get("FUZZ_EXAMPLES") or 0))


@pytest.fixture(autouse=True)
def _hang_watchdog():
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True, file=sys.stderr)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
