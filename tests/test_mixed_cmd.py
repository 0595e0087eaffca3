"""``mixed`` command: syntax, equations/options, nesting, sample, spec, e(), errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.ast import Command
from mlmcli.commands.estimation.mixed_syntax import parse_mixed, read_piece
from mlmcli.errors import StataError
from mlmcli.textscan import split_top

# ---------------------------------------------------------------- pure syntax


def split_qualifiers(text):
    """(varlist, if, in, weight) of one piece, as the command parser reads it."""
    piece = read_piece(text)
    return piece.args, piece.if_exp, piece.in_range, piece.weight


def parse_options(text):
    """The options typed after a comma, as the command parser reads them."""
    return read_piece("," + text).options


def test_split_top_respects_quotes_and_parens():
    assert split_top('y x if s=="a||b" || id: x, cov(un)', "||") == ['y x if s=="a||b" ', " id: x, cov(un)"]


def test_qualifiers():
    assert split_qualifiers("y x if a==1 & b>2 in 1/10 [fw=w]")[1:] == (
        "a==1 & b>2", split_qualifiers("y in 1/10")[2], split_qualifiers("y [fw=w]")[3])
    v, if_exp, rng, w = split_qualifiers("y x in 5/l if inlist(a,1,2)")
    assert (v, if_exp, rng.first, rng.last, w) == ("y x", "inlist(a,1,2)", "5", "l", None)
    assert split_qualifiers("y [pweight = V342]")[3].kind == "pweight"


def test_option_text():
    opts = parse_options(" cov(un) nocons by (cntryid) saving(a, replace)")
    assert [(o.name, o.arg) for o in opts] == [("cov", "un"), ("nocons", None), ("by", "cntryid"),
                                               ("saving", "a, replace")]


def test_null_model():
    mc = parse_mixed("pbw || cntryid:")
    assert mc.depvar == "pbw" and mc.fixed == ""
    (eq,) = mc.equations
    assert eq.levelvar == "cntryid" and eq.varlist == "" and eq.covariance is None


def test_options_go_where_they_belong():
    mc = parse_mixed("pbw x if y>1 [pw=w] || cntryid: x, cov(un) pweight(w2) nocons || region:, reml nolog stddev")
    assert mc.if_exp == "y>1" and mc.weight.kind == "pweight"
    a, b = mc.equations
    assert (a.covariance, a.pweight, a.noconstant) == ("unstructured", "w2", True)
    assert b.levelvar == "region"
    assert mc.options == {"reml": True, "nolog": True, "stddeviations": True}


def test_last_equation_mixes_re_and_global_options():
    mc = parse_mixed("y x || id: x, cov(ind) nocons mle vce(cluster id) level(90) iterate(50)")
    (eq,) = mc.equations
    assert (eq.covariance, eq.noconstant) == ("independent", True)
    assert mc.options == {"mle": True, "vce": "cluster id", "level": "90", "iterate": "50"}


@pytest.mark.parametrize("typed,canon", [
    ("un", "unstructured"), ("unstr", "unstructured"), ("ind", "independent"), ("exc", "exchangeable"),
    ("id", "identity"), ("identity", "identity"),
])
def test_covariance_abbreviations(typed, canon):
    assert parse_mixed(f"y || g: x, covariance({typed})").equations[0].covariance == canon
    assert parse_mixed(f"y || g: x, cov({typed})").equations[0].covariance == canon


def test_crossed_and_fixed_noconstant():
    mc = parse_mixed("y x, nocons || _all: R.a || _all: R.b")
    assert mc.noconstant
    assert [(e.levelvar, e.factor_var) for e in mc.equations] == [("_all", "a"), ("_all", "b")]


@pytest.mark.parametrize("text", [
    "y || g:, cov(foo)",            # unknown covariance
    "y || g:, reml || h:",          # global option before the last equation
    "y || g:, mle reml",            # both methods
    "y || g: x, bogus",             # unknown option
    "y || g x",                     # no colon
])
def test_syntax_errors(text):
    with pytest.raises(StataError) as ei:
        parse_mixed(text)
    assert ei.value.rc == 198


# ---------------------------------------------------------------- with data


def _two_level(seed=1, groups=30, per=12):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, groups + 1), per)
    x = rng.normal(size=g.size)
    u0 = rng.normal(scale=0.8, size=groups)[g - 1]
    u1 = rng.normal(scale=0.3, size=groups)[g - 1]
    y = 1.0 + 0.5 * x + u0 + u1 * x + rng.normal(size=g.size)
    return pd.DataFrame({"y": y, "x": x, "g": g.astype(float), "k": rng.integers(0, 3, g.size).astype(float)})


@pytest.fixture
def mixed_spec(new_session):
    """``mixed_spec(df, text)``: the engine's input (spec, design, sample) for ``mixed text``."""
    from mlmcli.commands.estimation.mixed import build_spec

    return lambda df, text: build_spec(new_session(df), parse_mixed(text))


def test_default_covariances(mixed_spec):
    df = _two_level()
    spec, _, _ = mixed_spec(df, "y x || g: x")
    (t,) = spec.terms
    assert t.covariance == "independent" and t.names == ("x", "_cons") and t.Z.shape == (len(df), 2)
    assert mixed_spec(df, "y x || g:")[0].terms[0].covariance == "identity"
    spec, _, _ = mixed_spec(df, "y || _all: R.g")
    assert spec.terms[0].covariance == "identity" and spec.terms[0].names == ("R.g",)
    assert spec.terms[0].n_groups == 30
    spec, _, _ = mixed_spec(df, "y || g: x, nocons")
    assert spec.terms[0].names == ("x",)


def test_nesting_codes_distinguish_repeated_inner_ids(mixed_spec):
    df = pd.DataFrame({"y": np.arange(12.0), "school": np.repeat([1.0, 2.0], 6),
                       "class": np.tile(np.repeat([1.0, 2.0, 3.0], 2), 2)})
    spec, _, _ = mixed_spec(df, "y || school: || class:")
    outer, inner = spec.terms
    assert outer.n_groups == 2 and inner.n_groups == 6
    assert list(inner.group) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_listwise_deletion_over_every_model_variable(mixed_spec):
    df = _two_level()
    df.loc[0, "x"] = np.nan          # RE slope variable (also fixed)
    df.loc[1, "g"] = np.nan          # level id
    df["w"] = 1.0
    df.loc[2, "w"] = np.nan          # weight
    df["z"] = 1.0
    df.loc[3, "z"] = np.nan          # unused variable: kept
    spec, _, sample = mixed_spec(df, "y [fw=w] || g: x")
    assert not sample[:3].any() and sample[3:].all()
    assert len(spec.y) == len(df) - 3


def test_if_in_restrict_the_sample(mixed_spec):
    df = _two_level()
    spec, _, sample = mixed_spec(df, "y x if k == 1 || g:")
    assert sample.sum() == (df["k"] == 1).sum()
    spec, _, sample = mixed_spec(df, "y x in 1/50 || g:")
    assert sample.sum() == 50 and sample[:50].all()


def test_string_level_ids_are_encoded(mixed_spec):
    df = _two_level()
    df["gs"] = "id" + df["g"].astype(int).astype(str)
    spec, _, _ = mixed_spec(df, "y x || gs:")
    assert spec.terms[0].n_groups == 30


def test_factor_variables_in_fixed_part(mixed_spec):
    df = _two_level()
    spec, design, _ = mixed_spec(df, "y c.x##i.k || g:")
    names = [lab.name for lab in spec.coef_labels]
    assert names == ["x", "0b.k", "1.k", "2.k", "0b.k#co.x", "1.k#c.x", "2.k#c.x", "_cons"]
    assert spec.X.shape[1] == 6


def test_weights_and_vce_in_spec(mixed_spec):
    df = _two_level()
    df["w"] = 2.0
    spec, _, _ = mixed_spec(df, "y x [pw=w] || g:, pweight(w) pwscale(size)")
    assert spec.pweight is not None and spec.terms[0].pweight is not None
    assert spec.pwscale == "size" and spec.vce == "robust" and spec.cluster_var == "g"
    spec, _, _ = mixed_spec(df, "y x || g:, vce(cluster g) reml")
    assert spec.vce == "cluster" and spec.method == "REML"


@pytest.mark.parametrize("text,rc", [
    ("nosuch || g:", 111),
    ("y nosuch || g:", 111),
    ("y || nosuch:", 111),
    ("s || g:", 2000),               # string depvar: marksample leaves no observation
    ("y || g: s", 198),              # string in a random-effects equation: _mixed_parsecmd's ChkNonNumeric "invalid syntax"
    ("y if y > 1e9 || g:", 2000),
    ("y [aw=x] || g:", 101),
    ("y [pw=w] || g:, reml", 101),    # REML not supported with weights (_xtmixed_estimate.ado)
    ("y [fw=w] || g:, reml", 101),
    ("y || g:, pweight(wv)", 407),   # weight not constant within groups
    ("y [pw=x] || g:", 402),          # negative weights
])
def test_errors(mixed_spec, text, rc):
    df = _two_level()
    df["s"] = "a"
    df["w"] = 1.0
    df["wv"] = np.arange(len(df)) + 1.0
    with pytest.raises(StataError) as ei:
        mixed_spec(df, text)
    assert ei.value.rc == rc


# ---------------------------------------------------------------- end to end


def test_fit_prints_and_stores_e(new_session):
    pytest.importorskip("mlmcli.sample")
    from mlmcli.commands.estimation.mixed import cmd_mixed

    s = new_session(_two_level())

    buf = s.out.stream
    cmd_mixed(s, Command(name="mixed", args="y x || g: x, cov(un)"))
    text = buf.getvalue()
    assert "Performing gradient-based optimization:" in text
    assert "Mixed-effects ML regression" in text and "g: Unstructured" in text
    e = s.e
    assert e.cmd == "mixed" and e.macros["depvar"] == "y" and e.macros["ivars"] == "g"
    assert e.scalars["N"] == 360 and e.scalars["k_f"] == 2 and e.scalars["k_r"] == 4
    assert e.scalars["k_rs"] == 2 and e.scalars["k_rc"] == 1
    assert e.matrices["N_g"].values[0, 0] == 30
    assert e.matrices["b"].colnames[:2] == ("y:x", "y:_cons")
    assert e.sample.sum() == 360
    assert np.isfinite(e.scalars["ll"]) and e.scalars["converged"] == 1


def test_nolog_and_replay(new_session):
    pytest.importorskip("mlmcli.sample")
    from mlmcli.commands.estimation.mixed import cmd_mixed

    s = new_session(_two_level())

    buf = s.out.stream
    with pytest.raises(StataError) as ei:
        cmd_mixed(s, Command(name="mixed", args=""))
    assert ei.value.rc == 301
    cmd_mixed(s, Command(name="mixed", args="y x || g:, nolog"))
    assert "Iteration" not in buf.getvalue()
    buf.truncate(0)
    buf.seek(0)
    cmd_mixed(s, Command(name="mixed", args=", stddev level(90)"))
    text = buf.getvalue()
    assert "sd(_cons)" in text and "[90% Conf. Interval]" in text


def test_omitted_note_printed_before_log(new_session):
    pytest.importorskip("mlmcli.sample")
    from mlmcli.commands.estimation.mixed import cmd_mixed

    df = _two_level()
    df["x2"] = 3 * df["x"]
    s = new_session(df)
    buf = s.out.stream
    cmd_mixed(s, Command(name="mixed", args="y x x2 || g:, nolog"))
    assert buf.getvalue().startswith("note: x2 omitted because of collinearity\n")
    assert s.e.matrices["b"].colnames[1] == "y:o.x2"


# ---------------------------------------------------------------- model families end to end


def test_fweights_equal_replicated_rows(mixed_fit):
    df = _two_level(groups=15, per=6)
    df["w"] = (np.arange(len(df)) % 3 + 1).astype(float)
    e_w, _ = mixed_fit(df, "y x [fw=w] || g:, nolog")
    rep = df.loc[df.index.repeat(df["w"].astype(int))].reset_index(drop=True)
    e_r, _ = mixed_fit(rep, "y x || g:, nolog")
    assert e_w.scalars["N"] == e_r.scalars["N"] == rep.shape[0]
    assert e_w.scalars["ll"] == pytest.approx(e_r.scalars["ll"], rel=1e-8)
    np.testing.assert_allclose(e_w.matrices["b"].values, e_r.matrices["b"].values, rtol=1e-5, atol=1e-7)


def test_three_level_and_crossed(mixed_fit):
    rng = np.random.default_rng(4)
    n = 240
    df = pd.DataFrame({"school": np.repeat(np.arange(8.0), 30), "cls": np.tile(np.repeat(np.arange(3.0), 10), 8),
                       "a": rng.integers(0, 6, n).astype(float), "b": rng.integers(0, 5, n).astype(float)})
    df["y"] = (rng.normal(size=8)[df.school.astype(int)] + rng.normal(size=24)[(df.school * 3 + df.cls).astype(int)]
               + rng.normal(size=6)[df.a.astype(int)] + rng.normal(size=n))
    e, text = mixed_fit(df, "y || school: || cls:, nolog")
    assert e.matrices["N_g"].values.tolist() == [[8.0, 24.0]]
    assert e.macros["ivars"] == "school cls"
    assert "school: Identity" in text and "cls: Identity" in text
    e, text = mixed_fit(df, "y || _all: R.a || _all: R.b, nolog")
    assert "var(R.a)" in text and "var(R.b)" in text
    assert e.macros["ivars"] == "_all _all"


@pytest.mark.parametrize("cov,label", [("ind", "Independent"), ("exc", "Exchangeable"),
                                       ("un", "Unstructured"), ("id", "Identity")])
def test_random_slopes_each_covariance(mixed_fit, cov, label):
    e, text = mixed_fit(_two_level(), f"y x || g: x, cov({cov}) nolog")
    assert f"g: {label}" in text
    assert e.macros["vartypes"] == label


def test_noconstant_at_both_levels(mixed_fit):
    e, text = mixed_fit(_two_level(), "y x, nocons || g: x, nocons nolog")
    assert e.matrices["b"].colnames[0] == "y:x" and "y:_cons" not in e.matrices["b"].colnames
    assert "var(x)" in text and "var(_cons)" not in text


@pytest.mark.parametrize("scale", ["size", "effective", "gk"])
def test_pweights_each_pwscale(mixed_fit, scale):
    df = _two_level()
    df["w1"] = 1.0 + (np.arange(len(df)) % 4)
    df["w2"] = 1.0 + df["g"] % 3
    e, text = mixed_fit(df, f"y x [pw=w1] || g:, pweight(w2) pwscale({scale}) nolog")
    assert "Log pseudolikelihood" in text and e.macros["vcetype"] == "Robust"
    assert e.macros["pwscale"] == scale and e.scalars["N_clust"] == 30


def test_vce_cluster_and_if_in(mixed_fit):
    df = _two_level()
    df["cl"] = (df["g"] - 1) // 3
    e, text = mixed_fit(df, "y x if k != 0 in 1/300 || g:, vce(cluster cl) nolog")
    assert e.sample.sum() == ((df["k"] != 0) & (df.index < 300)).sum()
    assert e.macros["clustvar"] == "cl" and e.scalars["N_clust"] == 9  # rows 1-300: groups 1-25
    assert "adjusted for 9 clusters in cl" in text


def test_not_converged_posts_results_with_a_warning(new_session, monkeypatch):
    """Stata: reaching iterate(#) presents the current results ([R] maximize), rc 0."""
    pytest.importorskip("mlmcli.sample")
    import dataclasses

    import mlmcli.mixed.estimate as fitmod  # the command fits through mixed.estimate
    from mlmcli.commands.estimation.mixed import cmd_mixed

    real = fitmod.fit_mixed

    def not_converged(spec, *a, **k):
        return dataclasses.replace(real(spec, *a, **k), converged=False)

    monkeypatch.setattr(fitmod, "fit_mixed", not_converged)
    s = new_session(_two_level())
    buf = s.out.stream
    cmd_mixed(s, Command(name="mixed", args="y x || g:"))
    text = buf.getvalue()
    assert "Mixed-effects ML regression" in text
    assert "\nconvergence not achieved\n\nComputing standard errors:" in text
    assert text.rstrip().endswith("Warning: convergence not achieved")
    assert s.e.scalars["converged"] == 0


def test_xtmixed_keeps_stata12_defaults(new_session):
    """xtmixed: ML by default since Stata 12 (REML under version < 12), sd metric."""
    pytest.importorskip("mlmcli.sample")
    from mlmcli.commands.estimation.mixed import cmd_mixed

    s = new_session(_two_level())

    buf = s.out.stream
    cmd_mixed(s, Command(name="xtmixed", args="y x || g:, nolog"))
    assert s.e.macros["method"] == "ML" and "sd(_cons)" in buf.getvalue()
    assert s.e.cmd == "xtmixed"
    cmd_mixed(s, Command(name="xtmixed", args="y x || g:, mle variance nolog"))
    assert s.e.macros["method"] == "ML" and "var(_cons)" in buf.getvalue()


@pytest.mark.parametrize("text, message", [("y x || id: x if x>3", "if not allowed"),
                                           ("y x || id: in 1/5", "in range not allowed"),
                                           ("y x || id: [fw=w]", "weights not allowed")])
def test_qualifiers_belong_to_the_fixed_part(text, message):
    """Left in an equation for the parser (mixed moves them to the fixed part first, as
    _mixed_parseifin; the me commands do not: _me_estimate's syntax refuses them, r(101))."""
    with pytest.raises(StataError) as ei:
        parse_mixed(text)
    assert ei.value.rc == 101 and ei.value.message == message


def test_weight_kind_is_canonical_and_abbreviations_follow_the_grammar():
    assert parse_mixed("y x [fw=w] || id:").weight.kind == "fweight"
    assert parse_mixed("y x [pwei = w] || id:").weight.kind == "pweight"
    assert parse_mixed("y x || id:, nolog").options == {"nolog": True}
    with pytest.raises(StataError, match="option NOLOG not allowed"):  # case counts, as in Stata
        parse_mixed("y x || id:, NOLOG")
