"""Display options of the xtgee, areg, clogit, regress and xtreg tables ([R] estimation options,
display_options; help xtgee, help areg, help clogit): each is honoured, never silently
ignored -- ``coeflegend`` (the ``_b[]`` legend), ``vsquish``, ``noomitted``, ``baselevels`` /
``allbaselevels``, ``noemptycells``, ``nolstretch``, ``cformat()`` / ``sformat()`` /
``pformat()`` (``_get_diopts``: a %fmt wider than the column gives ``note: invalid
cformat(), using default``); xtgee's ``asis`` (perfect predictors kept) and ``force``."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"


@pytest.fixture
def gee_df():
    return pd.read_csv(REF_DIR / "gee_panels.csv").astype(float)


@pytest.fixture
def cond_df():
    return pd.read_csv(REF_DIR / "conditional_panels.csv").astype(float)


@pytest.fixture
def areg_df():
    return pd.read_csv(REF_DIR / "panel_unbalanced.csv").astype(float)


FITS = {
    "xtgee": ("xtset id t\nxtgee y x z i.g, nolog", "gee_df"),
    "areg": ("areg y x1 d i.g, absorb(id)", "areg_df"),
    "clogit": ("clogit yb x1 x2 i.g, group(id) nolog", "cond_df"),
    "regress": ("regress y x z i.g, level(95)", "gee_df"),
    "xtreg": ("xtset id t\nxtreg y x z i.g, fe", "gee_df"),
}


def _with_factor(df):
    df = df.copy()
    df["g"] = (np.arange(len(df)) % 3).astype(float)
    return df


@pytest.mark.parametrize("name", list(FITS))
def test_coeflegend_shows_the_legend(do, request, name):
    text, fixture = FITS[name]
    df = _with_factor(request.getfixturevalue(fixture))
    rc, out, _ = do(text + ", coeflegend" if "," not in text.split("\n")[-1] else text + " coeflegend", df=df)
    assert rc == 0, out
    assert "Legend" in out and "_b[2.g]" in out
    assert "[95% Conf. Interval]" not in out


@pytest.mark.parametrize("name", list(FITS))
def test_baselevels_vsquish_and_formats(do, request, name):
    text, fixture = FITS[name]
    df = _with_factor(request.getfixturevalue(fixture))
    rc, plain, _ = do(text, df=df)
    assert rc == 0, plain
    assert "(base)" not in plain
    for opt in ("baselevels", "allbaselevels"):
        rc, out, _ = do(f"{text} {opt}", df=df)
        assert rc == 0 and "(base)" in out, out
    rc, out, _ = do(f"{text} vsquish", df=df)
    assert rc == 0
    empty_rows = [ln for ln in plain.splitlines() if ln.strip() == "|"]
    assert empty_rows and not [ln for ln in out.splitlines() if ln.strip() == "|"]
    rc, out, _ = do(f"{text} cformat(%7.3f) pformat(%4.2f) sformat(%6.1f)", df=df)
    assert rc == 0
    row = next(ln for ln in out.splitlines() if ln.strip().startswith("2  |"))
    assert len(row.split()[2].split(".")[1]) == 3 and len(row.split()[5].split(".")[1]) == 2
    rc, out, _ = do(f"{text} cformat(%12.3f)", df=df)
    assert rc == 0 and "note: invalid cformat(), using default" in out
    rc, out, _ = do(f"{text} cformat(%junk)", df=df)
    assert rc == 7 and "'%junk' found where numeric format expected" in out


def test_noomitted_drops_the_omitted_rows(do, cond_df):
    rc, out, _ = do("clogit yb x1 x2 z, group(id) nolog", df=cond_df)
    assert rc == 0 and "(omitted)" in out
    rc, out, _ = do("clogit yb x1 x2 z, group(id) nolog noomitted", df=cond_df)
    assert rc == 0 and "(omitted)" not in out


def test_replay_takes_display_options(do, areg_df, cond_df):
    rc, out, _ = do("quietly areg y x1 d, absorb(id)\nareg, coeflegend", df=areg_df)
    assert rc == 0 and "_b[x1]" in out
    rc, out, _ = do("quietly clogit yb x1 x2, group(id)\nclogit, coeflegend", df=cond_df)
    assert rc == 0 and "_b[x1]" in out
    rc, out, _ = do("xtset id t\nquietly xtgee y x z\nxtgee, coeflegend", df=_with_factor(
        pd.read_csv(REF_DIR / "gee_panels.csv").astype(float)))
    assert rc == 0 and "_b[x]" in out


def test_xtgee_binomial_drops_a_perfect_predictor_unless_asis(do, gee_df):
    df = gee_df.copy()
    df["p"] = 0.0
    df.loc[df.index[:40], "p"] = 1.0
    df.loc[df.index[:40], "yb"] = 0.0  # p != 0 predicts failure perfectly
    rc, out, s = do("xtset id t\nxtgee yb x p, family(binomial) nolog", df=df)
    assert rc == 0, out
    assert "note: p != 0 predicts failure perfectly" in out
    assert "p dropped and 40 obs not used" in out
    assert s.e.scalars["N"] == len(df) - 40
    rc, out, s = do("xtset id t\nxtgee yb x p, family(binomial) nolog asis iterate(5)", df=df)
    assert "predicts failure perfectly" not in out
    assert s.e is None or s.e.scalars["N"] == len(df)


def test_xtgee_force_fits_unequally_spaced_times(do, gee_df):
    df = gee_df[gee_df.balanced == 1].copy()
    df.loc[df.t == df.t.max(), "t"] = df.t.max() + 3  # a gap before the last occasion
    rc, out, s = do("xtset id t\nxtgee y x z, corr(unstructured) force nolog", df=df)
    assert rc == 0, out
    assert s.e.macros["corr"] == "unstructured"


def test_regress_notable_and_refusals(do, gee_df):
    rc, out, _ = do("regress y x z, notable", df=gee_df)
    assert rc == 0 and "Number of obs" in out and "Coef." not in out
    rc, out, _ = do("regress y x z, hascons", df=gee_df)
    assert rc == 198 and "hascons" in out


def test_estat_wcorrelation_compact_refused(do, gee_df):
    rc, out, _ = do("xtset id t\nquietly xtgee y x z\nestat wcorrelation, compact", df=gee_df)
    assert rc == 198 and "compact" in out
