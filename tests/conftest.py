"""Shared test fixtures.

``shared_dir``: the read-only ``../shared`` folder beside the checkout; tests
that need it skip cleanly when it is absent (a user's clone will not have it).
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "reference").is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def root_dir() -> Path:
    return ROOT


@pytest.fixture
def stata():
    """``stata(df=None, **metadata) -> (session, run)``: a fresh interpreter over a dataset;
    ``run(text, echo=False, stop_on_error=True) -> (printed text, rc)`` runs do-file text
    through the runner and returns only what that text printed."""
    import io

    from mlmcli.dataset import Dataset
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    def make(df=None, **metadata):
        session = Session(out=Output(io.StringIO()))
        if df is not None:
            session.data = Dataset(df=df.reset_index(drop=True), **metadata)

        def run(text: str, echo: bool = False, stop_on_error: bool = True) -> tuple[str, int]:
            stream = session.out.stream
            stream.seek(0)
            stream.truncate()
            rc = Runner(session).run_text(text, echo=echo, stop_on_error=stop_on_error)
            return stream.getvalue(), rc

        return session, run

    return make
