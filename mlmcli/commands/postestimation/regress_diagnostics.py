"""Diagnostics after ``regress`` (and ``anova``): ``estat vif``, ``estat hettest``, ``estat
ovtest``, ``estat imtest``, ``estat szroeter`` and their old names ``vif``, ``hettest``,
``ovtest``, ``imtest``, ``szroeter`` ([R] regress postestimation).  The numbers are
``mlmcli.postest.ols_diagnostics``'s; the refusals are those of Stata's ado files:

- after any command but regress and anova: ``estat X`` is estat's ``invalid subcommand X``
  r(321); the old names follow _isfit (``last estimates not found`` r(301); vif: ``not
  appropriate after regress, nocons; ...`` as vif.ado reaches it through _isfit's r(301)),
  imtest/szroeter: ``X is only possible after regress`` r(301);
- without a constant: _isfit's ``not appropriate after regress, nocons`` r(301) (vif:
  unless ``uncentered``);
- hettest after pweights r(101) or e(vcetype) Robust r(498); imtest and szroeter refuse
  weights r(101) and cluster() r(498); vif after bootstrap, jackknife or svy r(322).

Not done (refused, not ignored): ``vif`` with ``uncentered`` after a command that is not
regress or anova (vif.ado would go on to compute VIFs of that model's regressors; mlm
stops with ``last estimates not found`` r(301)).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.postest.wald import mtest_method
from mlmcli.syntax.options import OptionSpec, resolve_options

_REGRESSION = ("regress", "anova")


@dataclass
class FittedRegression:
    """The fit on e(sample) in the current row order."""

    e: object
    sample: np.ndarray  # bool over the rows of the data
    X: np.ndarray  # estimable columns at the sample rows, the constant last when present
    labels: tuple  # their CoefLabels
    constant: bool
    y: np.ndarray
    fitted: np.ndarray
    weight: np.ndarray | None
    weight_kind: str | None

    @property
    def residuals(self) -> np.ndarray:
        return self.y - self.fitted

    @property
    def regressors(self) -> np.ndarray:
        """The non-constant estimable columns."""
        return self.X[:, :-1] if self.constant else self.X

    @property
    def regressor_labels(self) -> tuple:
        return tuple(lab for lab in self.labels if lab.name != "_cons")

    @property
    def factor_variables(self) -> bool:
        """Factor variables in e(b) (vif.ado's fvops: no sorting); time-series operators
        (a level such as ``L1.``) are not."""
        return any(lab.term is not None and not (lab.level or "").endswith(".") for lab in self.e.model.coef_labels)

    @property
    def grouped_names(self) -> bool:
        """Some coefficient shows under a heading (factor variables, time-series operators)."""
        return any(lab.term is not None for lab in self.e.model.coef_labels)

    def coef_row(self, name: str):
        return next((r for r in self.e.model.coef_rows() if r.name == name), None)


def fitted_regression(session, e) -> FittedRegression:
    """e(sample), the design, y, fitted values and weights of ``e`` on the data in memory."""
    from mlmcli.estimation.rows import fixed_design_all_rows, sample_in_current_order

    sample = sample_in_current_order(session, e)
    if sample is None:
        raise StataError("the data have changed since estimation; the estimation sample cannot be found", 459)
    sample = np.asarray(sample, bool)
    fit = e.model
    X = fixed_design_all_rows(session, e)[sample]
    labels = tuple(lab for lab in fit.coef_labels if not (lab.base or lab.omitted))
    y = session.data.numeric(e.macros["depvar"])[sample]
    kind = e.macros.get("wtype") or None
    weight = None
    if kind:
        from mlmcli.commands.estimation.common import evaluate_weight

        weight = np.asarray(evaluate_weight(session, e.macros["wexp"].lstrip("= ").strip()), float)[sample]
    return FittedRegression(e, sample, X, labels, any(lab.name == "_cons" for lab in labels), y,
                            X @ fit.b, weight, kind)


def isfit(session, nocons_ok: bool = False):
    """_isfit cons: regress or anova results from OLS with a constant."""
    e = active(session)
    if e.cmd not in _REGRESSION:
        raise StataError("last estimates not found", 301)
    if e.macros.get("model", "ols") != "ols":
        raise StataError("not appropriate after IV estimation", 301)
    has_cons = any(lab.name == "_cons" and not lab.omitted for lab in e.model.coef_labels)
    if not has_cons and not nocons_ok:
        raise StataError(f"not appropriate after {e.cmd}, nocons", 301)
    return e


def estat_only_after_regression(session, name: str):
    """``estat name`` after another command: that command's estat has no such subcommand."""
    e = active(session)
    if e.cmd not in _REGRESSION or e.macros.get("prefix") == "svy":
        raise StataError(f"invalid subcommand {name}", 321)
    return e


def no_if_in(cmd) -> None:
    if cmd.if_exp is not None or cmd.in_range is not None:
        raise StataError(f"{'if' if cmd.if_exp is not None else 'in'} not allowed", 101)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)


def _words_after(cmd, estat: bool) -> str:
    """The arguments after the subcommand (estat X ...) or the command name."""
    text = cmd.args.strip()
    if estat:
        parts = text.split(None, 1)
        text = parts[1] if len(parts) > 1 else ""
    return text


def variable_columns(session, fitted: FittedRegression, text: str) -> tuple[np.ndarray, list[str], list]:
    """A numeric varlist (factor variables and time-series operators allowed) as columns at the
    sample rows: (columns, their names, their CoefRows for the name column)."""
    from mlmcli.factor_terms import parse_terms
    from mlmcli.factor_variables import build_design
    from mlmcli.postest.coefficient_rows import coefficient_rows

    design = build_design(session.data, parse_terms(session.data, text), fitted.sample, constant=False)
    labels = [lab for lab in design.labels if not (lab.base or lab.omitted)]
    zeros = np.zeros(len(labels))
    rows = [r for r in coefficient_rows(tuple(labels), zeros, zeros, zeros, zeros, zeros, zeros)]
    return np.asarray(design.X, float), [lab.name for lab in labels], rows


# ---------------------------------------------------------------------- vif
def cmd_vif(session, cmd, estat: bool = False) -> None:
    """``vif [, uncentered]`` / ``estat vif``."""
    from mlmcli.postest.ols_diagnostics import variance_inflation
    from mlmcli.render.regress_diagnostics import render_vif
    from mlmcli.results.regress_diagnostics import VifResult, VifRow

    if estat:
        estat_only_after_regression(session, "vif")
    if _words_after(cmd, estat):
        raise StataError("varlist not allowed", 101)
    no_if_in(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("uncentered", 3), OptionSpec("nosort", 6)])
    uncentered = bool(opts.get("uncentered"))
    e = active(session)
    if e.cmd not in _REGRESSION or not any(lab.name == "_cons" for lab in e.model.coef_labels):
        if not uncentered or e.cmd not in _REGRESSION:  # vif.ado: any r(301) of _isfit
            raise StataError(f"not appropriate after {e.cmd if e.cmd in _REGRESSION else 'regress'}, "
                             "nocons;\nuse option uncentered to get uncentered VIFs", 301)
    isfit(session, nocons_ok=True)
    if e.macros.get("prefix") in ("bootstrap", "jackknife", "svy"):
        raise StataError(f"estat vif is not allowed after {e.macros['prefix']}", 322)
    fitted = fitted_regression(session, e)
    labels = fitted.regressor_labels
    if not labels and not (uncentered and fitted.constant):
        raise StataError("no observations", 2000)  # no regressor: nothing to regress
    sort = not fitted.factor_variables and not opts.get("nosort")
    rows = variance_inflation(fitted.regressors, [lab.name for lab in labels], fitted.weight,
                              fitted.weight_kind, uncentered=uncentered, constant=fitted.constant, sort=sort)
    result = VifResult(tuple(VifRow(name, v, fitted.coef_row(name) if fitted.grouped_names else None)
                             for name, v in rows))
    session.print(render_vif(result))
    r: dict = {}
    for i, row in enumerate(result.rows, start=1):
        r[f"vif_{i}"] = row.vif
        r[f"name_{i}"] = row.name
    session.set_r(r)


# ---------------------------------------------------------------------- hettest
_HETTEST_OPTIONS = [OptionSpec("rhs", 1), OptionSpec("mtest", 1, takes_arg=True, arg_optional=True),
                    OptionSpec("normal", 2), OptionSpec("iid", 2), OptionSpec("fstat", 2)]


def cmd_hettest(session, cmd, estat: bool = False) -> None:
    """``hettest [varlist] [, rhs normal|iid|fstat mtest[(method)]]`` / ``estat hettest``."""
    from mlmcli.postest.ols_diagnostics import breusch_pagan
    from mlmcli.postest.wald import adjusted_p_values
    from mlmcli.render.regress_diagnostics import render_hettest
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.regress_diagnostics import HettestResult, MultipleTestRow

    if estat:
        estat_only_after_regression(session, "hettest")
    e = isfit(session)
    no_if_in(cmd)
    opts = resolve_options(cmd.options, _HETTEST_OPTIONS)
    if e.macros.get("wtype") == "pweight":
        raise StataError("hettest not appropriate with pweighted data", 101)
    if e.macros.get("vcetype") == "Robust":
        raise StataError("hettest not appropriate after robust cluster()", 498)
    if opts.get("normal") and (opts.get("iid") or opts.get("fstat")):
        raise StataError("normal cannot be specified with iid or fstat", 498)
    method = None
    if "mtest" in opts:
        if opts.get("iid"):
            raise StataError("iid may not be specified with mtest or mtest2()", 498)
        if opts.get("fstat"):
            raise StataError("fstat may not be specified with mtest or mtest2()", 498)
        method = mtest_method(opts.get("mtest"))
    fitted = fitted_regression(session, e)
    depvar = e.macros["depvar"]
    text = _words_after(cmd, estat)
    columns, names, rows = (variable_columns(session, fitted, text) if text
                            else (np.empty((len(fitted.y), 0)), [], []))
    if opts.get("rhs"):
        seen = set(names)
        for j, lab in enumerate(fitted.regressor_labels):
            if lab.name not in seen:
                columns = np.column_stack([columns, fitted.regressors[:, j]])
                names.append(lab.name)
                rows.append(fitted.coef_row(lab.name))
    typed = text.split()
    if opts.get("rhs"):  # hettest.ado: e(b)'s column names but _cons, as they are written there
        typed += [c for c in e.matrices["b"].colnames if c != "_cons"]
    typed = list(dict.fromkeys(typed))
    if depvar in typed and len(typed) > 1:
        raise StataError(f"{depvar} may not be specified", 499)
    if not names:
        columns, variables = fitted.fitted.reshape(-1, 1), f"fitted values of {depvar}"
    else:
        variables = " ".join(typed)
    if columns.shape[1] == 1:
        method = None
    kind = "iid" if opts.get("iid") else "fstat" if opts.get("fstat") else "normal"
    test = breusch_pagan(fitted.residuals, columns, float(e.scalars["N"]), float(e.scalars["rss"]),
                         fitted.weight, fitted.weight_kind, kind=kind, each=method is not None)
    r: dict = {"p": test.p}
    if kind == "fstat":
        r.update(F=test.value, df_m=float(test.df), df_r=float(test.df_r))
    else:
        r.update(chi2=test.value, df=float(test.df))
    mrows: tuple = ()
    if method is not None:
        p_each = [p for _, _, p in test.each]
        shown = p_each if method == "noadjust" else list(adjusted_p_values(p_each, method))
        mrows = tuple(MultipleTestRow(row, chi2, df, p) for row, (chi2, df, _), p in zip(rows, test.each, shown))
        values = [[chi2, df, p] + ([] if method == "noadjust" else [a])
                  for (chi2, df, p), a in zip(test.each, shown)]
        cols = ("chi2", "df", "p") + (() if method == "noadjust" else ("adjustp",))
        r["mtest"] = Matrix(np.array(values, float), tuple(names), cols)
        r["mtmethod"] = method
    session.print(render_hettest(HettestResult(test, variables, method, mrows), session.linesize))
    session.set_r(r)


# ---------------------------------------------------------------------- ovtest
def cmd_ovtest(session, cmd, estat: bool = False) -> None:
    """``ovtest [, rhs]`` / ``estat ovtest``: Ramsey's RESET."""
    from mlmcli.postest.ols_diagnostics import reset_test
    from mlmcli.render.regress_diagnostics import render_ovtest
    from mlmcli.results.regress_diagnostics import ResetResult

    if estat:
        estat_only_after_regression(session, "ovtest")
    e = isfit(session)
    if _words_after(cmd, estat):
        raise StataError("varlist not allowed", 101)
    no_if_in(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("rhs", 1)])
    fitted = fitted_regression(session, e)
    depvar = e.macros["depvar"]
    regressors = None
    if opts.get("rhs"):
        if any(lab.level is not None and lab.level.endswith(".") for lab in fitted.regressor_labels):
            raise StataError("cannot use rhs option with models that contain time-series operators", 321)
        regressors = [(lab.name, fitted.regressors[:, j], _stored_double(session, lab.name))
                      for j, lab in enumerate(fitted.regressor_labels)]
    test = reset_test(fitted.y, fitted.regressors, fitted.fitted, fitted.weight, fitted.weight_kind,
                      constant=fitted.constant, regressors=regressors, depvar=depvar)
    if test is None:
        session.print("powers of fitted values collinear with explanatory variables" if regressors is None
                      else "powers of all explanatory variables collinear")
        session.print("(typically because all explanatory variables are indicator variables)")
        raise StataError("test not possible", 499)
    subline = f"fitted values of {depvar}" if regressors is None else "independent variables"
    session.print(render_ovtest(ResetResult(test, subline)))
    session.set_r({"p": test.p, "F": test.F, "df": float(test.df), "df_r": float(test.df_r)})


def _stored_double(session, name: str) -> bool:
    """Whether ovtest's rescaled copy of a regressor keeps a double's precision: a variable
    stored as double (others are replaced in their float or promoted type), or an interaction
    (Do_FV_Reg generates it as a double)."""
    return "#" in name or session.data.types.get(name, "") == "double"


# ---------------------------------------------------------------------- imtest
def _unweighted_regression(session, name: str, estat: bool, verb: str):
    """imtest.ado's and szroeter.ado's checks: regress or anova, no weights, no cluster()."""
    e = estat_only_after_regression(session, name) if estat else active(session)
    if e.cmd not in _REGRESSION:
        raise StataError(f"{name} is only possible after regress", 301)
    if e.macros.get("wtype"):
        raise StataError(f"{name} {verb} weights", 101)
    if e.macros.get("clustvar"):
        raise StataError(f"{name} {verb} cluster()", 498)
    return e


def cmd_imtest(session, cmd, estat: bool = False) -> None:
    """``imtest [, white preserve double]`` / ``estat imtest``."""
    from mlmcli.postest.ols_diagnostics import information_matrix_test
    from mlmcli.render.regress_diagnostics import render_imtest

    e = _unweighted_regression(session, "imtest", estat, "does not support")
    if _words_after(cmd, estat):
        raise StataError("varlist not allowed", 101)
    no_if_in(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("double", 1), OptionSpec("preserve", 1),
                                         OptionSpec("white", 1)])
    fitted = fitted_regression(session, e)
    if not fitted.regressor_labels:
        session.print("(imtest not allowed without covariates)")
        session.set_r({})
        return
    result = information_matrix_test(fitted.residuals, fitted.regressors, float(e.scalars["rss"]),
                                     float(e.scalars["N"]), white=bool(opts.get("white")),
                                     double=bool(opts.get("double")))
    session.print(render_imtest(result))
    r: dict = {}
    if result.white is not None:
        r.update(chi2=result.white[0], df=float(result.white[1]), p=result.white[2])
    for key, (_, chi2, df, _) in zip(("h", "s", "k"), result.rows):
        r[f"chi2_{key}"], r[f"df_{key}"] = chi2, float(df)
    r["chi2_t"], r["df_t"] = result.total[0], float(result.total[1])
    session.set_r(r)


# ---------------------------------------------------------------------- szroeter
def cmd_szroeter(session, cmd, estat: bool = False) -> None:
    """``szroeter [varlist] [, rhs mtest[(method)]]`` / ``estat szroeter``."""
    from mlmcli.postest.ols_diagnostics import szroeter_statistic
    from mlmcli.postest.wald import adjusted_p_values
    from mlmcli.render.regress_diagnostics import render_szroeter
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.regress_diagnostics import MultipleTestRow, SzroeterResult

    e = _unweighted_regression(session, "szroeter", estat, "does not allow")
    no_if_in(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("rhs", 1),
                                         OptionSpec("mtest", 1, takes_arg=True, arg_optional=True)])
    method = mtest_method(opts.get("mtest")) if "mtest" in opts else "noadjust"
    fitted = fitted_regression(session, e)
    text = _words_after(cmd, estat)
    names: list[str] = []
    columns = np.empty((len(fitted.y), 0))
    rows: list = []
    if text:
        columns, names, rows = variable_columns(session, fitted, text)
    if opts.get("rhs"):
        for j, lab in enumerate(fitted.regressor_labels):
            if lab.name not in names:
                columns = np.column_stack([columns, fitted.regressors[:, j]])
                names.append(lab.name)
                rows.append(fitted.coef_row(lab.name))
    if not names:
        raise StataError("you must specify either varlist or option rhs", 198)
    tests = [szroeter_statistic(columns[:, j], fitted.residuals) for j in range(len(names))]
    p = [t[1] for t in tests]
    one = len(names) == 1
    shown = p if one or method == "noadjust" else list(adjusted_p_values(p, method))  # noadjust: p again
    result = SzroeterResult(tuple(MultipleTestRow(row, q, 1, pp) for row, (q, _), pp in zip(rows, tests, shown)),
                            None if one else method, names[0])
    session.print(render_szroeter(result))
    # szroeter.ado appends _mtest's column whenever there is more than one variable
    values = [[q, 1.0, pv] + ([] if one else [a]) for (q, pv), a in zip(tests, shown)]
    cols = ("chi2", "df", "p") + (() if one else ("adjustp",))
    r: dict = {"mtest": Matrix(np.array(values, float), tuple(names), cols)}
    if one:
        r.update(chi2=tests[0][0], df=1.0, p=tests[0][1])
    else:
        r["mtmethod"] = method
    session.set_r(r)


# ---------------------------------------------------------------------- estat's subcommands
def estat_vif(session, cmd) -> None:
    cmd_vif(session, cmd, estat=True)


def estat_hettest(session, cmd) -> None:
    cmd_hettest(session, cmd, estat=True)


def estat_ovtest(session, cmd) -> None:
    cmd_ovtest(session, cmd, estat=True)


def estat_imtest(session, cmd) -> None:
    cmd_imtest(session, cmd, estat=True)


def estat_szroeter(session, cmd) -> None:
    cmd_szroeter(session, cmd, estat=True)
