"""Test helper (not a test module): run command text in a Session whose output goes to a
``StringIO`` and read back what that text printed."""
from __future__ import annotations

from mlmcli.runner import Runner
from mlmcli.session import Session


def run(session: Session, text: str, stop_on_error: bool = True) -> tuple[str, int]:
    """(what ``text`` printed, its return code); earlier output is discarded."""
    session.out.stream.seek(0)
    session.out.stream.truncate()
    rc = Runner(session).run_text(text, echo=False, stop_on_error=stop_on_error)
    return session.out.stream.getvalue(), rc
