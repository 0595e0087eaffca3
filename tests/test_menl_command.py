"""menl: a linear model gives mixed's numbers (ML and REML, random intercept and independent
random coefficients), Stata's layout, e(), estat ic, replay, and Stata's errors."""
import numpy as np
import pandas as pd
import pytest


def _data(seed: int = 12, groups: int = 40, per: int = 10) -> pd.DataFrame:
    rs = np.random.default_rng(seed)
    gid = np.repeat(np.arange(1, groups + 1), per)
    x1 = rs.normal(size=groups * per)
    f = 1 + np.arange(groups * per) % 3
    u0 = rs.normal(0, 0.7, groups)[gid - 1]
    u1 = rs.normal(0, 0.4, groups)[gid - 1]
    t = np.tile(np.arange(per, dtype=float), groups)
    y = 1 + (0.5 + u1) * x1 + 0.3 * f + u0 + rs.normal(0, 0.5, groups * per)
    growth = (4 + u0) * np.exp(-0.2 * t) + rs.normal(0, 0.1, groups * per)
    return pd.DataFrame({"id": gid.astype(float), "x1": x1, "f": f.astype(float), "y": y, "t": t,
                         "growth": growth, "s": ["a"] * (groups * per)})


DF = _data()


def _table_lines(text: str) -> list[str]:
    """The numeric rows of both tables (names dropped: U0 vs _cons), in order."""
    out = []
    for line in text.splitlines():
        if "|" in line and "Conf." not in line and any(ch.isdigit() for ch in line.split("|")[1]):
            out.append(line.split("|")[1].strip())
    return out


def _same_rows(a: list[str], b: list[str]) -> None:
    """Printed rows equal: estimates, SEs and test statistics digit for digit; a confidence
    limit of a variance may differ by one unit in its 7th digit (both programs take the SE
    from a numerical Hessian, good to ~1e-8)."""
    assert len(a) == len(b)
    for ra, rb in zip(a, b):
        wa, wb = ra.split(), rb.split()
        assert len(wa) == len(wb), (ra, rb)
        if len(wa) == 4:  # variance row: estimate, se, lo, hi
            assert wa[:2] == wb[:2], (ra, rb)
            for x, y in zip(wa[2:], wb[2:]):
                unit = 10.0 ** (np.floor(np.log10(abs(float(y)))) - 6)  # the 7th significant digit
                assert abs(float(x) - float(y)) <= 1.01 * unit, (ra, rb)
        else:
            assert wa == wb, (ra, rb)


@pytest.mark.parametrize("method", ["", "reml"])
def test_random_intercept_model_gives_mixed_numbers(do, method):
    rc, menl, s = do(f"menl y = {{U0[id]}} + {{xb:}}, define(xb: x1 i.f) nolog {method}", DF)
    assert rc == 0, menl
    ll_menl, rank = s.e.scalars["ll"], s.e.scalars["rank"]
    rc, mixed, s2 = do(f"mixed y x1 i.f || id:, nolog {method}", DF)
    assert rc == 0
    _same_rows(_table_lines(menl), _table_lines(mixed)[:len(_table_lines(menl))])
    assert format(ll_menl, ".6f") == format(s2.e.scalars["ll"], ".6f")
    assert rank == 6  # 4 coefficients, var(U0), var(Residual)
    title = "Mixed-effects REML nonlinear regression" if method else "Mixed-effects ML nonlinear regression"
    assert title in menl
    crit = "Linear. log restricted-likelihood" if method else "Linearization log likelihood"
    assert f"{crit} = {s2.e.scalars['ll']:10.8g}".replace("  ", " ") in menl.replace("  ", " ")


def test_independent_random_coefficients_give_mixed_numbers(do):
    rc, menl, _ = do("menl y = {xb:} + {U0[id]} + {U1[id]}*x1, define(xb: x1 i.f) nolog", DF)
    assert rc == 0, menl
    rc, mixed, _ = do("mixed y x1 i.f || id: x1, nolog", DF)
    a, b = _table_lines(menl), _table_lines(mixed)
    # fixed effects; var(U0) = var(_cons), var(U1) = var(x1); residual
    _same_rows(a, b[:4] + [b[5], b[4], b[6]])
    assert "id: Independent              |" in menl


def test_layout_of_header_and_random_effects_table(do):
    rc, out, s = do("menl growth = {phi:}*exp(-{k=0.1}*t), define(phi: U1[id]) nolog", DF)
    assert rc == 0, out
    lines = out.splitlines()
    head = lines.index("Mixed-effects ML nonlinear regression           Number of obs     =        400")
    assert lines[head + 1] == "Group variable: id                              Number of groups  =         40"
    assert lines[head + 3] == " " * 48 + "Obs per group:"
    assert lines[head + 4] == " " * 62 + "min =         10"
    assert lines[head + 5] == " " * 62 + "avg =       10.0"
    assert lines[head + 8].startswith("Linearization log likelihood = ")  # no Wald test: no covariates
    assert "Wald" not in out
    assert "phi          |" in out and "          /k |" in out
    assert "  Random-effects Parameters  |   Estimate   Std. Err.     [95% Conf. Interval]" in out
    assert "id: Identity                 |" in out
    assert lines[-1] == "-" * 78
    assert s.e.macros["cmd"] == "menl" and s.e.macros["ivars"] == "id"
    assert tuple(s.e.matrices["b"].colnames) == ("phi:_cons", "/:k", "/id:lnsd(U1)", "/Residual:lnsigma")
    k = s.e.matrices["b"].values[0, 1]
    assert k == pytest.approx(0.2, abs=0.01)


def test_stddeviations_level_and_replay(do):
    rc, out, s = do("menl y = {U0[id]} + {xb:}, define(xb: x1) nolog stddev level(90)\nmenl\nmenl, level(99) noheader",
                    DF)
    assert rc == 0, out
    assert "sd(U0) |" in out and "sd(Residual) |" in out and "[90% Conf. Interval]" in out
    assert "var(U0) |" in out  # replay shows variances, Stata's default
    assert "[99% Conf. Interval]" in out
    assert out.count("Mixed-effects ML nonlinear regression") == 2


def test_nogroup_noheader_nofetable_noretable(do):
    rc, out, _ = do("menl y = {U0[id]} + {xb:}, define(xb: x1) nolog nogroup", DF)
    assert rc == 0 and "Group variable" not in out and "id: Identity" in out
    rc, out, _ = do("menl y = {U0[id]} + {xb:}, define(xb: x1) nolog noheader nofetable", DF)
    assert "Number of obs" not in out and "Coef." not in out and "var(U0) |" in out
    rc, out, _ = do("menl y = {U0[id]} + {xb:}, define(xb: x1) nolog noretable", DF)
    assert "Random-effects Parameters" not in out and "Coef." in out


def test_estat_ic_uses_the_linearization_log_likelihood(do):
    rc, out, s = do("menl y = {U0[id]} + {xb:}, define(xb: x1 i.f) nolog\nestat ic", DF)
    assert rc == 0, out
    ll = s.e.scalars["ll"]
    S = s.r["S"].values[0]
    assert S[2] == pytest.approx(ll) and S[3] == 6
    assert S[4] == pytest.approx(-2 * ll + 12)
    assert S[5] == pytest.approx(-2 * ll + np.log(400) * 6)


def test_expression_functions_constants_and_free_parameters(do):
    """The corpus forms: log(4*c(pi)/3) + 3*log({xb:}) and log({a0}) - exp(-{xb:})."""
    df = DF.assign(lg=np.log(np.abs(DF.y) + 2))
    rc, out, s = do("menl lg = {U[id]} + log(4 * c(pi) / 3) + 3 * log({xb:}), define(xb: x1 i.f) nolog", df)
    assert rc == 0, out
    assert "var(U) |" in out and np.isfinite(s.e.scalars["ll"])
    rc, out, s = do("menl lg = {U0[id]} + log({a0}) - exp(-{xb:}), define(xb: x1 i.f) nolog", df)
    assert rc == 0, out
    assert "         /a0 |" in out


def test_inline_linear_combination_and_named_expression(do):
    rc, a, _ = do("menl y = {U0[id]} + {xb: x1 i.f}, nolog", DF)
    rc2, b, _ = do("menl y = {U0[id]} + {lin:}, define(lin: {xb:}) define(xb: x1 i.f) nolog", DF)
    assert rc == rc2 == 0, a + b
    assert _table_lines(a) == _table_lines(b)


def test_iterate_limit_posts_results_unconverged(do):
    rc, out, s = do("menl growth = {phi:}*exp(-{k=0.1}*t), define(phi: U1[id]) iterate(1)", DF)
    assert rc == 0, out
    assert s.e.scalars["converged"] == 0
    assert out.rstrip().endswith("Warning: convergence not achieved")


@pytest.mark.parametrize("line, rc, message", [
    ("menl y {U0[id]} + {xb:}, define(xb: x1)", 198, "equal sign required"),
    ("menl y = {U0[id]} + {xb:}", 198, "{xb:} not defined"),
    ("menl y = {U0[id]} + {xb:}, define(xb: x1) covariance(U0, unstructured)", 198, "option covariance() not allowed"),
    ("menl y = {U0[id]} + {xb:}, define(xb: x1) rescovariance(ar 1)", 198, "option rescovariance() not allowed"),
    ("menl y = {U0[id]} + {xb:}, define(xb: x1) bogus", 198, "option bogus not allowed"),
    ("menl y = {U0[id>f]} + {xb:}, define(xb: x1)", 198, "nested"),
    ("menl y = {U0[id]} + {U1[f]} + {xb:}, define(xb: x1)", 198, "more than one level"),
    ("menl y = {U0[id]} + {xb:}, define(xb: nosuch)", 111, "variable nosuch not found"),
    ("menl s = {U0[id]} + {xb:}, define(xb: x1)", 109, "type mismatch"),
    ("menl y = {U0[id]} + {xb:} [fw=id], define(xb: x1)", 101, "weights not allowed"),
    ("menl y = {U0[id]} + {xb:}, define(xb: x1) quadrature", 119, "not implemented"),
    ("menl y = {U0[id]} + {xb:}, define(xb: x1) mle reml", 184, "may not be combined"),
    ("menl y = {U0[id]} + {1bad}, define(xb: x1)", 198, "invalid substitutable expression"),
    ("menl y = {U0[id]}", 198, "no model parameters"),
    ("menl y = {U0[id]} + {a} + {b}", 498, "not identified"),
    ("menl y = {U0[id]} + log({a} - 5) + {xb:}, define(xb: x1)", 1400, "initial values not feasible"),
    ("menl y = {U0[id]} + {a} + nosuchfn(x1)", 133, "unknown function"),
    ("menl y = {U0[id]} + {xb:}, define(xb: x1) iterate(1) nolog\npredict p", 198, "not implemented"),
])
def test_errors_are_statas(do, line, rc, message):
    got_rc, out, s = do(line, DF)
    assert got_rc == rc, out
    assert message in out, out
    assert list(s.data.df.columns) == list(DF.columns)  # the data are as they were


def test_replay_without_results_and_after_other_estimates(do):
    rc, out, _ = do("menl", DF)
    assert rc == 301 and "last estimates not found" in out
    rc, out, _ = do("regress y x1\nmenl", DF)
    assert rc == 301
