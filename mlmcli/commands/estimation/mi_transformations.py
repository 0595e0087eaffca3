"""``mi estimate (name: exp) (exp) ... : command``: MI estimates of transformed coefficients
([MI] mi estimate, syntax 2).  Each exp is evaluated as ``nlcom`` evaluates it on every
imputation's results (the delta-method variance, ``nlcom``'s ``nonlinear_combination``), and
the M estimates and variances are combined by Rubin's rules as the coefficients are.  Shown
after the coefficient table: a "Transformations" header (average RVI, largest FMI, complete DF,
the df adjustment and the df range), the legend ``name: exp`` and the table of the combined
transformations; stored in e(b_Q_mi) and e(V_Q_mi) with e(k_exp_mi) and e(exp1_mi) ...
(e(expnames_mi)).  An unnamed exp is named ``_mi_#`` (#: its position)."""
from __future__ import annotations

from mlmcli.errors import StataError


def parse_transformations(body: str) -> list[tuple[str, str]]:
    """(name, exp) pairs of ``(name: exp) (exp) ...``; names unique."""
    from mlmcli.commands.postestimation.nlcom import parse_terms

    text = body.strip()
    if not text.startswith("("):
        raise StataError("invalid syntax", 198)
    terms = parse_terms(text)
    named = [(n or f"_mi_{k}", x) for k, (n, x) in enumerate(terms, 1)]
    names = [n for n, _ in named]
    if len(set(names)) != len(names):
        raise StataError("duplicate names in the specification of transformations", 198)
    return named


def evaluate_transformations(session, fits, terms: list[tuple[str, str]]) -> tuple[list, list]:
    """Each imputation's (estimates, variances) of the transformations, nlcom on its e() with its
    completed data in memory -- before anything is shown, as mi_cmd_estimate.ado runs nlcom on
    each imputation before it combines: an exp that fails shows no table."""
    from mlmcli.commands.postestimation.nlcom import nonlinear_combination

    exps = [x for _, x in terms]
    posted, data = session.e, session.data
    estimates, variances = [], []
    try:
        for m, e, completed in fits:
            session.data = completed
            try:
                b, V = nonlinear_combination(session, e, exps)
            except StataError as err:
                raise StataError(f"{err.message}\nan error occurred when mi estimate executed nlcom on m={m}",
                                 err.rc) from None
            estimates.append(b)
            variances.append(V)
    finally:
        session.e, session.data = posted, data
    return estimates, variances


def combine_transformations(session, evaluated: tuple[list, list], terms: list[tuple[str, str]], *,
                            complete_df: float | None, level: float, show: bool) -> None:
    """Pool the imputations' transformations (``evaluate_transformations``), show them and add
    them to the mi estimate results in session.e."""
    from mlmcli.mi.combination import coefficient_inference, header_summary, pool
    from mlmcli.render.mi_display import render_mi_transformations
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.mixed import CoefRow

    names = tuple(n for n, _ in terms)
    posted = session.e
    estimates, variances = evaluated
    pooled = pool(estimates, variances, complete_df)
    inference = coefficient_inference(pooled, level)
    rows = tuple(CoefRow(name, float(pooled.b[j]), *inference[j], df=float(pooled.df[j]))
                 for j, name in enumerate(names))
    header = header_summary(pooled)
    if show:
        depvar = (posted.macros.get("depvar") or "").split()
        session.print(render_mi_transformations(header, complete_df, terms, rows, depvar[0] if len(depvar) == 1 else "",
                                                level))
    posted.matrices["b_Q_mi"] = Matrix(pooled.b.reshape(1, -1), ("y1",), names)
    posted.matrices["V_Q_mi"] = Matrix(pooled.T, names, names)
    posted.scalars["k_exp_mi"] = float(len(terms))
    posted.macros["expnames_mi"] = " ".join(names)
    for k, (_, x) in enumerate(terms, 1):
        posted.macros[f"exp{k}_mi"] = x
