"""conftest's autouse fixture puts the working folder back after a test whose session ran
``cd``: the first test moves it, the second (same file, same worker, in order) must start where
the first started."""
from __future__ import annotations

import os

_START: list[str] = []


def test_a_session_cd_moves_the_process_folder(new_session, run, tmp_path):
    _START.append(os.getcwd())
    s = new_session()
    out, rc = run(s, f'cd "{tmp_path}"')
    assert rc == 0, out
    assert os.path.samefile(os.getcwd(), tmp_path)


def test_the_next_test_starts_in_the_folder_the_first_began_in():
    assert _START and os.getcwd() == _START[0]
