"""An unknown vce() type is refused the way Stata refuses it, through the shared readers in
mlmcli/syntax/options.py (read_vce, vcetype_not_allowed, refuse_unbuilt_vce).

Evidence: _vce_parse.ado 1.0.3 (05mar2019) reads ``gettoken name args : vce, parse(" ,")`` and,
when ParseVCE's ``syntax [, `OPTSPECS']`` fails, prints "vcetype '`name'' not allowed" r(198):
the type word alone, with its case.  vce(cluster) with nothing after it is "invalid vce(cluster)
option" and words after a type that takes none "invalid vce() option" (both r(198)).
xtivreg.ado has its own reader (VceType: ``cap noi syntax, [conventional Robust CLuster
BOOTstrap JACKknife]``, then "The vce() option is misspecified."), so its refusal is syntax's
"option foo not allowed".  Types Stata takes that mlm does not fit keep mlm's own refusal, naming
the type word only.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.errors import StataError
from mlmcli.syntax.options import read_vce, refuse_unbuilt_vce, vcetype_not_allowed


@pytest.fixture(scope="module")
def data():
    n = np.arange(1, 81)
    idv = np.ceil(n / 8)
    x = ((n * 7) % 11).astype(float) / 3
    y = x + ((n * 3) % 5) / 2 + idv / 4
    return pd.DataFrame({"id": idv, "t": ((n - 1) % 8 + 1).astype(float), "x": x, "y": y,
                         "z": ((n * 5) % 7).astype(float), "b": (y > np.median(y)).astype(float),
                         "c": (1 + (n * 5) % 3).astype(float)})


def _refusal(call):
    with pytest.raises(StataError) as err:
        call()
    return err.value.message, err.value.rc


def _error_lines(out: str, rc: int, count: int = 1) -> list[str]:
    """The last ``count`` lines printed before the closing ``r(rc);``."""
    lines = out.strip().splitlines()
    assert lines[-1] == f"r({rc});", out
    return lines[-1 - count:-1]


def _run_last(do, text: str, df):
    """Run ``text``'s setup lines, then its last line: (rc, printed, session, data before it)."""
    *setup, last = text.split("\n")
    session = None
    if setup:
        rc, out, session = do("\n".join(setup), df=df)
        assert rc == 0, out
        df = session.data.df.copy()
    rc, out, session = do(last, df=None if session else df, session=session)
    return rc, out, session, df


KINDS = (("oim", 1), ("robust", 1), ("cluster", 2))


def test_read_vce_names_the_type_word_alone():
    assert read_vce("r", KINDS) == ("robust", [])
    assert read_vce("cl id", KINDS) == ("cluster", ["id"])
    assert _refusal(lambda: read_vce("CLuster id", KINDS)) == ("vcetype 'CLuster' not allowed", 198)
    assert _refusal(lambda: read_vce("foo bar baz", KINDS)) == ("vcetype 'foo' not allowed", 198)
    assert _refusal(lambda: read_vce("foo,bar", KINDS)) == ("vcetype 'foo' not allowed", 198)
    assert _refusal(lambda: read_vce("cluster", KINDS)) == ("invalid vce(cluster) option", 198)
    assert _refusal(lambda: read_vce("robust id", KINDS)) == ("invalid vce() option", 198)
    assert _refusal(lambda: read_vce("oim, x", KINDS)) == ("invalid vce() option", 198)
    assert vcetype_not_allowed(" hac nwest 2").message == "vcetype 'hac' not allowed"


def test_refuse_unbuilt_vce_tells_unknown_from_unbuilt():
    stata = KINDS + (("opg", 3), ("bootstrap", 4))
    refuse_unbuilt_vce(None, stata, ("oim",), "cmd")
    refuse_unbuilt_vce("oim", stata, ("oim",), "cmd")
    assert _refusal(lambda: refuse_unbuilt_vce("op", stata, ("oim",), "cmd")) == ("vcetype 'op' not allowed", 198)
    assert _refusal(lambda: refuse_unbuilt_vce("boot, reps(5)", stata, ("oim",), "cmd")) == \
        ("option vce(bootstrap) not supported by mlmcli with cmd", 198)


UNKNOWN = [
    # the ML commands on sandwich_vce (_vce_parse through ml / their ado)
    ("logit b x, vce(CLuster id)", "vcetype 'CLuster' not allowed"),
    ("probit b x, vce(foo id)", "vcetype 'foo' not allowed"),
    ("poisson c x, vce(ROBUST)", "vcetype 'ROBUST' not allowed"),
    ("ologit c x, vce(clust-er id)", "vcetype 'clust-er' not allowed"),
    ("heckman y x, select(b = z) vce(hc3 x)", "vcetype 'hc3' not allowed"),
    ("heckman y x, select(b = z) twostep vce(conv)", "vcetype 'conv' not allowed"),
    ("glm y x, vce(Cluster id)", "vcetype 'Cluster' not allowed"),
    ("glm y x, irls vce(foo bar)", "vcetype 'foo' not allowed"),
    ("betareg b2 x, vce(foo id)", "vcetype 'foo' not allowed"),
    ("areg y x, absorb(id) vce(hc2 id)", "vcetype 'hc2' not allowed"),
    ("mixed y x || id:, vce(CLuster id)", "vcetype 'CLuster' not allowed"),
    ("binreg b x, vce(foo id)", "vcetype 'foo' not allowed"),
    # these said "not supported by mlmcli" for any word
    ("mprobit c x, vce(foo bar)", "vcetype 'foo' not allowed"),
    ("rologit c x, group(id) vce(opg)", "vcetype 'opg' not allowed"),  # rologit.ado: opt(OIM Robust)
    ("slogit c x, vce(CLuster id)", "vcetype 'CLuster' not allowed"),
    ("nl (y = {a} + {b}*x), vce(foo bar)", "vcetype 'foo' not allowed"),
    ("frontier y x, vce(foo)", "vcetype 'foo' not allowed"),
    ("xtrc y x, i(id) vce(conv)", "vcetype 'conv' not allowed"),
    ("arima y, ar(1) vce(foo)", "vcetype 'foo' not allowed"),
]


@pytest.mark.parametrize("line, message", UNKNOWN)
def test_unknown_type_is_vce_parse_refusal(do, data, line, message):
    df = data.assign(b2=(data["y"] - data["y"].min() + 0.5) / (data["y"].max() - data["y"].min() + 1))
    if "arima" in line:
        df = df.assign(tt=np.arange(1.0, len(df) + 1))
        line = "tsset tt\n" + line
    rc, out, s, df = _run_last(do, line, df)
    assert rc == 198, out
    assert _error_lines(out, 198) == [message], out
    assert s.e is None or not s.e.macros
    assert s.data.df.equals(df)


@pytest.mark.parametrize("line, message", [
    ("logit b x, vce(robust id)", "invalid vce() option"),
    ("logit b x, vce(cluster)", "invalid vce(cluster) option"),
    ("glm y x, irls vce(robust id)", "invalid vce() option"),
    ("betareg b2 x, vce(cluster)", "invalid vce(cluster) option"),
    ("mixed y x || id:, vce(robust id)", "invalid vce() option"),
    ("quietly logit b x\nestimates store m1\nsuest m1, vce(robust x)", "invalid vce() option"),
    ("logit b x, vce(cluster id nosuch)", "variable nosuch not found"),
])
def test_words_after_the_type(do, data, line, message):
    df = data.assign(b2=(data["y"] - data["y"].min() + 0.5) / (data["y"].max() - data["y"].min() + 1))
    rc, out, s, df = _run_last(do, line, df)
    assert rc == (111 if "not found" in message else 198), out
    assert _error_lines(out, rc) == [message], out
    assert s.data.df.equals(df)


@pytest.mark.parametrize("line, message", [
    # types Stata takes that mlm does not fit: mlm's refusal, naming the type word
    ("mprobit c x, vce(opg)", "option vce(opg) not supported by mlmcli with mprobit"),
    ("slogit c x, vce(op)", "vcetype 'op' not allowed"),  # OPG: the full word
    ("nl (y = {a} + {b}*x), vce(hac nwest 2)", "option vce(hac) not supported by mlmcli with nl"),
    ("nl (y = {a} + {b}*x), vce(hc3)", "option vce(hc3) not supported by mlmcli with nl"),
    ("glm y x, vce(hac nwest 2)", "vce(hac) without irls not supported by mlmcli with glm"),
    ("glm y x, irls vce(hac nwest 2)", "vce(hac) with glm's irls not supported by mlmcli"),
    ("frontier y x, vce(robust)", "option vce() other than vce(oim) not supported by mlmcli with frontier"),
    ("logit b x, vce(cluster id t)", "vce(cluster id t): several cluster variables not supported by mlmcli"),
    ("regress y x, vce(bs x)", "vce(bs x): words before the comma (the prefix's expression list) not "
                               "supported by mlmcli"),
])
def test_unbuilt_types_keep_mlm_refusal(do, data, line, message):
    rc, out, s = do(line, df=data)
    assert rc == 198, out
    assert _error_lines(out, 198) == [message], out
    assert s.data.df.equals(data)


def test_xtivreg_reads_vce_with_its_own_syntax(do, data):
    rc, out, s = do("xtset id t\nxtivreg y (x = z), fe vce(foo)", df=data)
    assert rc == 198, out
    assert _error_lines(out, 198, 2) == ["option foo not allowed", "The vce() option is misspecified."], out
    rc, out, s = do("xtset id t\nxtivreg y (x = z), fe vce(cluster)", df=data)
    assert rc == 198 and _error_lines(out, 198) == ["invalid vce() option"], out
    assert s.data.df.drop(columns=[c for c in s.data.df.columns if c not in data.columns]).equals(data)


def test_known_types_still_fit(do, data):
    import statsmodels.api as sm

    rc, out, s = do("logit b x, vce(cl id)", df=data)
    assert rc == 0, out
    assert s.e.macros.get("vce") == "cluster" and s.e.macros.get("clustvar") == "id"
    ref = sm.Logit(data["b"], sm.add_constant(data["x"])).fit(disp=0, cov_type="cluster",
                                                               cov_kwds={"groups": data["id"]})
    V = np.asarray(s.e.matrices["V"].values, float)
    G, N = 10, len(data)
    # Stata's cluster V carries G/(G-1); statsmodels' default also (N-1)/(N-K): undo that part
    scale = (N - 1) / (N - 2)
    np.testing.assert_allclose(np.sqrt(V[0, 0]), ref.bse["x"] / np.sqrt(scale), rtol=1e-4)
    rc, out, s = do("nl (y = {a} + {b}*x), vce(r)", df=data)
    assert rc == 0 and s.e.macros.get("vcetype") == "Robust", out
    assert G == data["id"].nunique()


@pytest.mark.parametrize("setup, line, message", [
    ("xtset id t", "xtmlogit c x, vce(boot)", "option vce(bootstrap) not supported by mlmcli with xtmlogit"),
    ("xtset id t", "xtmlogit c x, vce(foo)", "vcetype 'foo' not allowed"),
    ("xtset id t", "xtologit c x, vce(jack)", "option vce(jackknife) not supported by mlmcli with xtologit"),
    ("xtset id t", "xtologit c x, vce(foo)", "vcetype 'foo' not allowed"),
    ("stset y", "mestreg x || id:, distribution(exponential) vce(foo)", "vcetype 'foo' not allowed"),
    ("stset y", "mestreg x || id:, distribution(exponential) vce(bootstrap)",
     "option vce(bootstrap) not supported by mlmcli's mestreg"),
    ("stset y", "mestreg x || id:, distribution(exponential) vce(oim x)", "invalid vce() option"),
    ("stset y", "streg x, distribution(exponential) vce(opg x)", "invalid vce() option"),
    ("", "clogit b x, group(id) vce(oim x)", "invalid vce() option"),
])
def test_panel_and_survival_readers(do, data, setup, line, message):
    rc, out, s, df = _run_last(do, (setup + "\n" if setup else "") + line, data)
    assert rc == 198, out
    assert _error_lines(out, 198) == [message], out
    assert s.data.df.equals(df)
