"""Run command lines in a session through the runner, raising a StataError on the first
failure (tests that check return codes with pytest.raises)."""
from __future__ import annotations


def run(session, *lines) -> None:
    from mlmcli.runner import Runner

    runner = Runner(session)
    for line in lines:
        runner.execute(line)
