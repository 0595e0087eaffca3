"""Round 5 of the fuzz (docs/command_fuzz.md, tests/fuzz_round5_commands.py and
tests/fuzz_commands.py restricted to the commands merged in the session of 2026-12-05): the lines
it found, run on the fuzz's own data with its checks (no internal error, the data unchanged when
the line fails) and the rc each now gives."""
from __future__ import annotations

import pytest

XT = ("xtset g t",)

# (shape, setup, line, rc) as the round-5 fuzz ran them
FOUND = [
    # xtabond/xtdpdsys with the time variable all missing or no data: no observations
    ("allmiss", XT, "xtabond g if x1 > 0", 2000),
    ("empty", XT, "xtdpdsys x*, level(g)", 2000),
    # xtdpdsys with no residual degrees of freedom for sigma^2
    ("full", XT, "xtdpdsys c t2 in 1/5", 2001),
    # xtregar of a depvar constant within panels: prais's rho is 0/0, nothing left to fit
    ("wide", XT, "xtregar g f", 2000),
    # xtregar on one observation; every regressor dropped
    ("full", XT, "xtregar y o o k in 1", 2001),
    # unit-root tests of a series constant within panels: the statistics are missing
    ("full", XT, "xtunitroot breitung g in -5/l", 0),
    ("full", XT, "xtunitroot breitung g", 0),
    ("full", XT, "xtunitroot llc k", 0),
    ("full", XT, "xtunitroot llc g, trend", 0),
    ("full", XT, "xtunitroot ht k, demean", 0),
    # manova with a term of no degrees of freedom (constant, or one level per by-group): its
    # statistics are shown, its F tests missing
    ("full", (), "manova y x1 = k", 0),
    ("longnames", (), "by f, sort: manova y x1 = f, noconstant", 0),
    ("holes", (), "by f, sort: manova y x1 = f c.x2", 506),  # a later group: 2 observations
    # mvtest with fewer observations than the test needs, or sums past the largest double
    ("one", (), "mvtest means y x1", 2001),
    ("full", (), "mvtest means y x1 in 1", 2001),
    ("full", (), "mvtest covariances y x1 in 1", 2001),
    ("full", (), "mvtest normality y x1 in 1/3, stats(all)", 2001),
    ("huge", (), "mvtest means y x1", 504),
    ("huge", (), "mvtest covariances y x2, by(f)", 504),
    # sureg/mvreg/reg3 with cross-products past the largest double: r(504) (matrix accum's missing)
    ("huge", ("generate double huge = 1e307 * x1",), "by f, sort: mvreg y c = k", 504),
    ("huge", (), "bysort b: sureg (y x1)", 504),
    ("huge", (), "reg3 (y x1 c) (c y x2)", 504),
    # reg3's dfk (mvreg) with as many observations as coefficients: dfk's divisor is 0
    ("one", (), "bysort b: reg3 (y x1 c) (c y x2), mvreg", 2001),
    ("full", (), "sureg (y x1 x2) (c x1) in 1/3, dfk", 2001),
    # small with N = k: the RMSE is missing
    ("full", (), "sureg (y x1 x2) (c x1) in 1/3, small", 0),
    # estimates replay of binreg/fracreg/... results (their replay took the typed command)
    ("full", ("binreg b x1, irls",), "estimates replay", 0),
    ("huge", ("generate fr = invlogit(y)", "fracreg logit fr k"), "estimates replay", 0),
    # mvreg's table with a missing R-sq and F (a constant depvar): "." in its macros
    ("full", (), "by f, sort: mvreg k c = x1", 0),
    ("full", (), "mvreg k c = x1, corr", 0),
    # 506 when found; after mg72's scale-aware rank check the constant-k group fits (degenerate t)
    ("full", (), "by f, sort: reg3 (k x1) (c x2), 2sls", 0),
    # strate with per(0): the person-time is missing, every record marked out (strate.ado's markout)
    ("magnitudes", ("stset t2, failure(b)", "drop if b"), "strate if z < ., per(0)", 0),
    ("full", ("stset t2, failure(b)",), "strate f, per(0)", 0),
    # stgen of a string exp: type mismatch; of values past the largest float: stored as double
    ("huge", ("stset t2",), "stgen nv = ever(s)", 109),
    ("full", ("stset t, failure(b) id(g)",), "stgen nv = when(s)", 109),
    ("dates", ("generate double huge = 1e307 * x1", "stset t2, failure(b)"), "stgen nv = max(huge)", 0),
    # manova, xtabond/xtdpdsys and xtregar with cross-products past the largest double: r(504)
    ("huge", (), "manova y x1 = g", 504),
    ("huge", ("generate double huge = 1e307 * x1",), "manova huge x1 = f", 504),
    ("huge", XT, "by f, sort: xtdpdsys y x1, pre(x2)", 504),
    ("huge", XT, "bysort b: xtabond y x1 x1", 504),
    ("huge", XT + ("generate double huge = 1e307 * x1",), "bysort b: xtregar huge x1", 504),
    ("huge", XT, "xtregar y x2, fe", 504),
    # xtdpdsys of a depvar constant within panels: a perfect fit, Sargan's 0/0 missing
    ("full", XT, "xtdpdsys g", 0),
    ("dates", XT, "xtdpdsys k,", 0),
    # xtunitroot with panels too short for the test's regressions: r(2001)
    ("dates", XT, "xtunitroot llc b in 1", 2001),
    ("one", XT, "xtunitroot hadri y", 2001),
    ("full", XT, "xtunitroot llc y if t <= 2", 2001),
    ("full", XT, "xtunitroot ht y if t <= 3, trend", 2001),
    ("full", XT, "xtunitroot breitung y if t <= 4, lags(2)", 2001),
    ("full", XT, "xtunitroot ips y if t <= 4, trend", 2001),
    ("full", XT, "xtunitroot hadri k if t <= 4", 0),
    # binreg with if/in but no depvar: syntax's varlist required (was an IndexError)
    ("extmiss", ("stset t2, failure(b)",), "binreg  in 41/41", 100),
    # binreg's health ratio whose interval is past exp()'s range: missing, not OverflowError
    ("extmiss", (), "bysort b: binreg b x1, hr", 0),
    ("dates", (), "binreg b x1 in 1 [fw=w], rd", 0),
    # hetprob/fracreg with an index or variance past the largest double: ml's r(430)
    ("full", ("generate double huge = 1e307 * x1",), "hetprob b x1, het(huge)", 430),
    ("full", ("generate double huge = 1e307 * x1",), 'hetprob b x1 if s == "a" [iw=w], het(huge)', 430),
    ("full", (), "by f, sort: hetprob b x1, het(x2)", 430),  # group low: the variance diverges
    # manova with a singular residual SSCP in a by-group (r(506)); mvtest by() near 1e307 (r(504))
    ("holes", (), "bysort b: manova y x1 = c.x2", 506),
    ("huge", (), "mvtest means y x1 if x1 > 0, by(f) missing", 504),
    # ltable's interval ends past the largest float: missing (ltable.ado holds them in float)
    ("full", (), "ltable t2 b if b, intervals(1e300)", 0),
    ("full", (), "quietly ltable t2 b, intervals(0 1 1e300)", 0),
    # binreg's IRLS refit and Harris-Tzavalis with sums past the largest double
    ("full", ("generate double huge = 1e307 * x1",), "by f, sort: binreg b huge", 0),
    ("huge", ("generate double huge = 1e307 * x1",), "binreg b huge", 0),
    ("huge", XT, "xtunitroot ht y, noconstant", 0),
    # st commands with scale(1e-300) (times past the largest double) or every() below the
    # smallest float (stsplit.ado holds every() in a float: 0, not strictly positive)
    ("holes", ("stset t2, failure(b) scale(1e-300)", "stsplit sp0, at(1 2)"), "stgen nv = minage(t)", 0),
    ("huge", ("stset t2, failure(b) scale(1e-300)",), "stir b, strata(f)", 0),
    ("longnames", ("stset t, failure(b) id(g)",), "stsplit sp, every(1e-300)", 498),
    ("full", ("stset t, failure(b) id(g)",), "stsplit sp, every(1e300)", 498),
    # betareg whose precision diverges in a small by-group: derivatives past the largest double
    ("full", ("generate fr = invlogit(y)",), 'bysort b: betareg fr x1 if s == "a" [pw=w], vce(robust)', 430),
    # Doornik-Hansen with few observations: a negative base to the 1/3 power, missing
    ("full", (), 'bysort b: mvtest normality y x1 if s == "a", stats(all)', 506),  # b = 1: 2 rows
    # fracreg's sandwich with scores past the largest double: missing standard errors
    ("magnitudes", ("xtset g t",), 'fracreg probit b i.f#i.g#c.x1 D2.y x1 if s == "a",', 0),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round5_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.assert_line_runs(str(tmp_path), shape, setup, line, rc)


REPLAYED = ["binreg b x1", "binreg b x1, rr", "fracreg logit fr x1", "fracreg probit fr x1, het(x2)",
            "hetprob b x1, het(x2)", "betareg fr x1", "scobit b x1", "blogit c pop x1", "bprobit c pop x1",
            "glogit c pop x1", "gprobit c pop x1"]


@pytest.mark.parametrize("fit", REPLAYED)
def test_estimates_replay_shows_the_stored_fit_again(do, fit):
    """estimates replay m1 after another fit prints what the command typed alone printed after
    the fit (Stata's estimates replay runs the command on the stored results)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(11)
    x1, x2 = rng.normal(size=60), rng.normal(size=60)
    c = rng.poisson(3, size=60).astype(float)
    df = pd.DataFrame({"x1": x1, "x2": x2, "b": (rng.random(60) < 1 / (1 + np.exp(-x1))).astype(float),
                       "fr": 1 / (1 + np.exp(-(x1 + rng.normal(size=60)))), "c": c,
                       "pop": c + 1 + rng.poisson(2, size=60), "y": x1 + rng.normal(size=60)})
    word = fit.split()[0]
    rc, out, _ = do(f"quietly {fit}\n{word}\nestimates store m1\nquietly regress y x1\n"
                    "estimates replay m1", df=df)
    assert rc == 0 and "internal error" not in out, out
    alone, _, replayed = out.partition("Model m1")
    table = alone.strip().splitlines()[1:]  # without the echo of the typed command
    assert table and all(line in replayed for line in table if line.strip()), out


ROUND5_COUNT = 40


def test_round5_lines_keep_their_promises(monkeypatch):
    """Round 5's generator (tests/fuzz_round5_commands.py: sureg/mvreg/reg3, manova/mvtest,
    xtabond/xtdpdsys/xtregar/xtunitroot, the st commands and ltable, fracreg/binreg/hetprob/
    betareg/scobit, the grouped-data commands, tabulate summarize()): no internal error, hang or
    data-changing failure in 40 lines of seed 7, within a 12-second budget."""
    import io

    import fuzz_commands as fc
    from fuzz_round5_commands import round5_cases

    monkeypatch.setattr(fc, "LIMIT", 10.0)
    cases = round5_cases(seed=7, count=ROUND5_COUNT)
    assert cases == round5_cases(seed=7, count=ROUND5_COUNT)  # deterministic
    assert {c.command for c in cases} >= {"systems", "manova", "dynamic", "st", "binary"}
    report = io.StringIO()
    summary = fc.run_all(cases, budget=12.0, out=report)
    assert summary.lines >= min(len(cases), 10), "too few lines ran"
    assert not [f for f in summary.findings if not f.known], report.getvalue()[-6000:]


BYABLE = ["stci", "stci, rmean", "stir e", "stmh e", "stmc e", "stvary x"]


@pytest.mark.parametrize("line", BYABLE)
def test_byable_st_commands_run_each_group_as_if_restricted(do, line):
    """stci, stir, stmh, stmc and stvary are byable(recall) in Stata (their ado files): by f:
    prints, for each group, what the command prints with ``if f == group``."""
    import re

    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(7)
    n = 60
    ids = np.arange(n) // 3
    df = pd.DataFrame({"id": ids.astype(float), "t": (np.arange(n) % 3 + 1 + rng.random(n) / 2),
                       "d": (rng.random(n) < 0.35).astype(float), "f": (1 + ids % 2).astype(float),
                       "e": (ids % 3 == 0).astype(float),
                       "x": np.where(rng.random(n) < 0.5, rng.normal(size=n), np.nan)})
    cmd, comma, options = line.partition(",")
    setup = "quietly stset t, failure(d) id(id)\nsort f\n"
    rc, by_out, _ = do(setup + f"by f: {line}", df=df)
    assert rc == 0 and "internal error" not in by_out, by_out
    for group in (1, 2):
        rc, if_out, _ = do(setup + f"{cmd} if f == {group}{comma}{options}", df=df)
        assert rc == 0, if_out
        block = re.search(rf"-> f = {group}\n(.*?)(?=\n-{{50,}}\n-> |\Z)", by_out, re.S).group(1)
        assert block.strip() == if_out.strip(), (block, if_out)


def test_dynamic_panels_near_the_largest_double_keep_lapack_quiet(tmp_path):
    """xtabond/xtdpdsys on values near 1e307 stop with r(504) before LAPACK sees inf (it printed
    ``** On entry to DLASCL parameter number 4 had an illegal value`` past mlm's output)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    script = ("import sys\nsys.path[:0] = [%r, %r]\n" % (str(root / "tests"), str(root))
              + "from fuzz_command_data import fresh_session\nfrom mlmcli.runner import Runner\n"
              "r = Runner(fresh_session('huge'))\n"
              "print('rc', r.run_text('xtset g t\\nbysort b: xtdpdsys y x1, maxldep(1)\\nxtabond y x1', echo=False))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert "rc 504" in done.stdout, done.stdout + done.stderr
    assert "DLASCL" not in done.stdout + done.stderr
