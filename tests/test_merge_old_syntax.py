"""``merge varlist using file``: the syntax before Stata 11.  Stata's merge.ado prints
"(note: you are using old merge syntax; see [D] merge for new syntax)" and runs merge_10.ado,
whose ``_merge`` matches the files sorted by varlist (``_merge(name) unique uniqmaster
uniqusing sort nokeep keep()``); a public do-file merges a ``statsby`` result back this way.
mlm answered r(198)."""
from __future__ import annotations

import numpy as np
import pytest

NOTE = "(note: you are using old merge syntax; see [D] merge for new syntax)"


@pytest.fixture
def files(tmp_path, do):
    master, using = tmp_path / "m.dta", tmp_path / "u.dta"
    rc, out, _ = do(f"""clear
input soc x
1 10
1 11
2 20
3 30
end
sort soc
save "{master}"
clear
input soc inter
1 .5
2 .6
4 .9
end
sort soc
save "{using}"
""")
    assert rc == 0, out
    return master, using


def test_match_merge_as_many_to_one(do, files):
    master, using = files
    rc, out, s = do(f'use "{master}", clear\nmerge soc using "{using}"')
    assert rc == 0, out
    assert NOTE in out and "Result" not in out  # the old merge prints no table
    np.testing.assert_array_equal(s.data.numeric("soc"), [1, 1, 2, 3, 4])
    np.testing.assert_array_equal(s.data.numeric("_merge"), [3, 3, 3, 1, 2])
    np.testing.assert_allclose(s.data.numeric("inter"), [.5, .5, .6, np.nan, .9])
    assert "_merge" not in s.data.value_label_of  # merge_10's _merge carries no value label


def test_options(do, files):
    master, using = files
    rc, out, s = do(f'use "{master}", clear\nmerge soc using "{using}", uniqusing nokeep _merge(mm)')
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("mm"), [3, 3, 3, 1])
    rc, out, s = do(f'use "{master}", clear\nmerge soc using "{using}", uniqmaster')
    assert rc == 459 and "master data" in out and s.data.nobs == 4


def test_sorting_is_required_unless_sort(do, files):
    master, using = files
    rc, out, s = do(f'use "{master}", clear\ngsort -x\nmerge soc using "{using}"')
    assert rc == 5 and "master data not sorted" in out
    assert "_merge" not in s.data.varnames and s.data.nobs == 4
    rc, out, s = do(f'use "{master}", clear\ndrop if soc == 1\ngsort -x\nmerge soc using "{using}", sort')
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("soc"), [1, 2, 3, 4])
    np.testing.assert_array_equal(s.data.numeric("_merge"), [2, 3, 1, 2])


def test_refused_forms(do, files):
    master, using = files
    rc, out, _ = do(f'use "{master}", clear\nmerge using "{using}"')
    assert rc == 198 and "sequential" in out
    rc, out, _ = do(f'use "{master}", clear\nmerge soc using "{using}" "{using}"')
    assert rc == 198 and "several using files" in out
