"""``mltcooksd`` (mlt package, SSC): DFBETAs and Cook's D of each level-2 unit by refitting
without it -- checked against a refit done here and the help's formulas; the listing, the
kept variables, $mcdac and the messages of the ado-file (heldout/guarnerio)."""
from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="module")
def fitted(shared_dir, tmp_path_factory):
    import io

    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    rc = r.run_text(f'use "{shared_dir / "data" / "hsb.dta"}", clear\nkeep if school < 3000\n'
                    "tostring school, generate(sch)\n"
                    "quietly xtmixed mathach ses meanses || sch:, mle\n", stop_on_error=True)
    assert rc == 0
    return s, r


def _run(s, r, text):
    s.out.stream.seek(0)
    s.out.stream.truncate()
    rc = r.run_text(text, stop_on_error=False)
    return rc, s.out.stream.getvalue()


def test_statistics_match_a_refit_without_the_unit(fitted):
    s, r = fitted
    b = s.e.matrices["b"].values[0].copy()
    rc, out = _run(s, r, "mltcooksd, keepvar(k) fixed random")
    assert rc == 0, out
    assert "Level 2 variable is sch" in out and "Cutoff value for Cook's D is" in out
    ds = s.data
    assert "mltl2idstr" not in ds.df.columns  # keepvar() drops it, as the ado-file does
    unit = ds.df["sch"].to_numpy()[0]
    row = 0
    rc, out = _run(s, r, f'quietly xtmixed mathach ses meanses if sch != "{unit}" || sch:, mle')
    assert rc == 0, out
    bj, Vj = s.e.matrices["b"].values[0], s.e.matrices["V"].values
    dfb = (b - bj) / np.sqrt(np.diag(Vj))
    for k, name in enumerate(("ses", "meanses", "cons")):
        assert ds.numeric(f"k_DFB_{name}")[row] == pytest.approx(dfb[k], rel=1e-4, abs=1e-6)
    d = (b - bj)[:3]
    cd_f = float(d @ np.linalg.inv(Vj[:3, :3]) @ d) / 3
    assert ds.numeric("k_CooksD_f")[row] == pytest.approx(cd_f, rel=1e-4)
    sd, sdj = np.exp(b[3:]), np.exp(bj[3:])  # random part on the sd scale, delta-method variance
    W = np.diag(sdj) @ Vj[3:, 3:] @ np.diag(sdj)
    cd_r = float((sd - sdj) @ np.linalg.inv(W) @ (sd - sdj)) / 2
    assert ds.numeric("k_CooksD_r")[row] == pytest.approx(cd_r, rel=1e-3)
    assert ds.numeric("k_CooksD")[row] == pytest.approx((3 * cd_f + 2 * cd_r) / 5, rel=1e-3)
    assert s.globals["mcdac"].split()[0] == "FULL" and "FULL" in s.estimates
    rc, out = _run(s, r, "drop k_*")


def test_listing_and_messages(fitted):
    s, r = fitted
    rc, out = _run(s, r, "quietly xtmixed mathach ses meanses || sch:, mle\nmltcooksd, fixed")
    assert rc == 0, out
    assert "Level-two units with Cook's D above the cut off value:" in out
    assert "| L2ID     CooksD   CooksD_f |" in out and "           CooksD_f = Cook's D fixed part" in out
    assert "mltl2idstr" in s.data.df.columns and "mltcdsample" not in s.data.df.columns
    rc, out = _run(s, r, "quietly regress mathach ses\nmltcooksd")
    assert rc == 0 and "mltcooksd works only after xtmixed, xtmelogit or xtmepoisson" in out
    rc, out = _run(s, r, "quietly xtmixed mathach ses || sch:\nmltcooksd, approx nosuch")
    assert rc == 198, out
