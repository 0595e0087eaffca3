"""``psacalc`` (Emily Oster's SSC package, ``ssc install psacalc``): bounds on a treatment
effect under proportional selection on observables and unobservables (Oster 2019, JBES).  A
compatible implementation written from psacalc.ado 2.1 (12May2017; read, not copied):

    psacalc beta|delta treatvar [, model(linear regression) rmax(#) delta(#) beta(#) mcontrol(varlist)]

The inputs come from three auxiliary regressions on the controlled model's e(sample), as the
ado runs them: the uncontrolled regression of the depvar on the treatment (and the unrelated
controls mcontrol()) gives beta_o and R_o (areg's is a plain regress; xtreg's keeps fe|be), the
regression of the treatment on mcontrol() gives the variance sigma_xx of its residuals, and the
regression of the treatment on the model's other regressors (areg absorbing the same
variable) the variance t_x of its residuals; sigma_yy is the unweighted variance of the
depvar.  ``beta`` solves for beta* given delta and R_max: with delta = 1 the quadratic's two
roots (the one nearer the controlled beta, switched when it reverses the direction of the
bias), otherwise the cubic's roots by the trigonometric method when its discriminant is
negative (ordered by squared distance from the controlled beta, a root reversing the bias
sent last) and Cardano's single real root otherwise.  ``delta`` gives the delta at which
beta* equals beta().  The tables and r() are the ado's; its est store under a tempname is
dropped afterwards.
"""
from __future__ import annotations

import math
import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, real_option, resolve_options

HELP = {"psacalc": "psacalc beta|delta treatvar [, model() rmax(#) delta(#) beta(#) mcontrol(varlist)]"}

OPTIONS = [OptionSpec("mcontrol", None, takes_arg=True), OptionSpec("rmax", None, takes_arg=True),
           OptionSpec("delta", None, takes_arg=True), OptionSpec("beta", None, takes_arg=True),
           OptionSpec("model", None, takes_arg=True)]
_TMP = ("__psacalc_touse", "__psacalc_treat", "__psacalc_tres", "__psacalc_ehat")
_STORE = "__psacalc_model"


def cmd_psacalc(session, cmd) -> None:
    from mlmcli.runner import Runner, current_runner

    opts = resolve_options(cmd.options, OPTIONS)
    words = cmd.args.split()
    if len(words) > 2:
        raise StataError("Too many variables", 103)
    kind = words[0] if words else ""
    treatment = words[1] if len(words) > 1 else ""
    rmax, delta, beta = real_option(opts, "rmax", 1.0), real_option(opts, "delta", 1.0), real_option(opts, "beta", 0.0)
    mcontrol = " ".join(str(opts.get("mcontrol") or "").split())
    runner = current_runner(session) or Runner(session)
    if opts.get("model"):
        runner.execute("quietly " + str(opts["model"]).strip())
    elif session.e is None or not session.e.macros.get("cmd"):
        raise StataError("Previous estimation results not found", 301)
    existing = [v for v in _TMP if v in session.data.varnames]
    if existing:
        session.data.drop_variables(existing)
    try:
        _psacalc(session, runner, kind, treatment, rmax, delta, beta, mcontrol)
    finally:
        left = [v for v in _TMP if v in session.data.varnames]
        if left:
            session.data.drop_variables(left)


def _psacalc(session, runner, kind, treatment, rmax, delta, beta, mcontrol) -> None:
    from mlmcli.expr import evaluate_scalar

    e = session.e
    command = e.macros.get("cmd", "")
    runner.execute(f"quietly generate byte {_TMP[0]} = e(sample)")
    weight = f"[{e.macros['wtype']} {e.macros.get('wexp', '')}]" if e.macros.get("wtype") else ""
    fetype = e.macros.get("model", "") if command == "xtreg" else ""
    absorb = f"absorb({e.macros.get('absvar', '')})" if command == "areg" else ""
    runner.execute(f"quietly estimates store {_STORE}")
    try:
        names = list(e.matrices["b"].colnames)
        if kind == "delta" and delta != 1:
            session.print("User entered delta ignored")
        if kind == "beta" and beta != 0:
            session.print("User entered beta ignored")
        joined = " ".join(names)
        if "_cons" not in joined:
            raise StataError("Model does not have a constant", 5001)
        if len(names) == 2 and treatment in joined:
            raise StataError("Model does not have controls", 5001)
        if command not in ("regress", "xtreg", "areg"):
            raise StataError("This command only works after linear regression\n\nEstimate a linear regression before "
                             "running this command\n\nOr specify a full linear regression model in options", 5001)
        if command == "xtreg" and fetype not in ("fe", "be"):
            raise StataError("Only fe or be allowed for xtreg", 5001)
        if rmax > 1:
            raise StataError("The maximum possible R-squared is 1", 5001)
        r_tilde = float(e.scalars["r2"])
        if rmax < r_tilde:
            raise StataError("Maximum R-squared provided is less than controlled R-squared", 5001)
        if kind not in ("beta", "delta"):
            raise StataError("Invalid type: must be beta or delta", 5001)
        if treatment not in joined:
            if treatment not in e.macros.get("cmdline", ""):
                raise StataError("Specified treatment variable missing from model", 5001)
            raise StataError("Specified treatment variable is not an independent variable in the model", 5001)
        beta_tilde = float(evaluate_scalar(session, f"_b[{treatment}]"))
        if mcontrol:
            if treatment in mcontrol.split():
                raise StataError("Treatment can not be an unrelated control", 5001)
            if not set(mcontrol.split()) & set(names):
                raise StataError("Unrelated control not in regression", 5001)
        depvar = e.macros.get("depvar", "")
        indepvars = [n for n in names if n != "_cons"]
        command2 = "regress" if command == "areg" else command
        touse = f"if {_TMP[0]}"
        fe_opt = f", {fetype}" if fetype else ""
        runner.execute(f"quietly {command2} {depvar} {treatment} {mcontrol} {weight} {touse}{fe_opt}")
        beta_o = float(evaluate_scalar(session, f"_b[{treatment}]"))
        r_o = float(session.e.scalars["r2"])
        sigma_yy = _variance(session, depvar)
        res = "e" if fetype == "fe" else "ue" if fetype == "be" else "resid"
        treat2 = treatment
        if "." in treatment:  # a factor-variable treatment: regressed through a copy, as the ado
            runner.execute(f"quietly generate double {_TMP[1]} = {treatment}")
            treat2 = _TMP[1]
        runner.execute(f"quietly {command2} {treat2} {mcontrol} {weight} {touse}{fe_opt}")
        runner.execute(f"quietly predict {_TMP[2]} {touse}, {res}")
        sigma_xx = _variance(session, _TMP[2])
        # base and omitted columns (1b.g, 3o.g, o.x) are zero in the fit: left out of the
        # regression, which is the same fit as Stata's with them typed
        rest = " ".join(n for n in indepvars if n != treatment and not _empty_column(n))
        options = " ".join(o for o in (fetype, absorb) if o)
        runner.execute(f"quietly {command} {treat2} {rest} {weight} {touse}{', ' + options if options else ''}")
        runner.execute(f"quietly predict {_TMP[3]} {touse}, {res}")
        t_x = _variance(session, _TMP[3])
    finally:
        runner.execute(f"quietly estimates restore {_STORE}")
        runner.execute(f"quietly estimates drop {_STORE}")
    out = solve(beta_o, beta_tilde, r_o, r_tilde, sigma_yy, sigma_xx, t_x, delta, beta, rmax)
    _report(session, kind, treatment, depvar, indepvars, mcontrol, rmax, delta, beta, beta_o, beta_tilde,
            r_o, r_tilde, out)


def _empty_column(name: str) -> bool:
    """A base-level or omitted coefficient name: an operator ``#b``/``b``/``#o``/``o``/``co`` on a part."""
    for part in name.split("#"):
        op = part.rsplit(".", 1)[0].lower() if "." in part else ""
        if re.fullmatch(r"\d*b|\d*o|co|oc|o", op):
            return True
    return False


def _variance(session, name: str) -> float:
    ds = session.data
    x = ds.numeric(name)[ds.numeric(_TMP[0]) == 1]
    x = x[~np.isnan(x)]
    return float(np.var(x, ddof=1)) if x.size > 1 else math.nan


def _sign(x: float) -> float:
    return math.nan if math.isnan(x) else float(np.sign(x))


def solve(beta_o, beta_tilde, r_o, r_tilde, sigma_yy, sigma_xx, t_x, delta, beta, rmax) -> dict:
    """The ado's Mata: the delta bound for beta(), and beta* (with the alternative roots, their
    squared distances from the controlled beta and the marks of roots reversing the bias)."""
    bo_m_bt = beta_o - beta_tilde
    rt_m_ro = (r_tilde - r_o) * sigma_yy
    rm_m_rt = (rmax - r_tilde) * sigma_yy
    bt_m_b = beta_tilde - beta
    num = (bt_m_b * rt_m_ro * t_x + bt_m_b * sigma_xx * t_x * bo_m_bt ** 2
           + 2 * bt_m_b ** 2 * (t_x * bo_m_bt * sigma_xx) + bt_m_b ** 3 * (t_x * sigma_xx - t_x ** 2))
    den = (rm_m_rt * bo_m_bt * sigma_xx + bt_m_b * rm_m_rt * (sigma_xx - t_x)
           + bt_m_b ** 2 * (t_x * bo_m_bt * sigma_xx) + bt_m_b ** 3 * (t_x * sigma_xx - t_x ** 2))
    out = {"bound": num / den if den != 0 else math.nan, "betax": math.nan, "alt1": math.nan, "alt2": math.nan,
           "distx": math.nan, "dist1": math.nan, "dist2": math.nan, "marks": ["", "", ""]}
    wrong = _sign(beta_tilde - beta_o)  # a root whose bias runs the other way violates assumption 3

    def mark(b):
        return "Yes" if _sign(b - beta_tilde) != wrong else ""
    if delta == 1:
        theta = rm_m_rt * (sigma_xx - t_x) - rt_m_ro * t_x - sigma_xx * t_x * bo_m_bt ** 2
        d1 = 4 * rm_m_rt * bo_m_bt ** 2 * sigma_xx ** 2 * t_x
        d2 = -2 * t_x * bo_m_bt * sigma_xx
        root = math.sqrt(theta ** 2 + d1) if theta ** 2 + d1 >= 0 else math.nan
        b1, b2 = beta_tilde - (-theta - root) / d2, beta_tilde - (-theta + root) / d2
        betax, alt1 = (b1, b2) if (b1 - beta_tilde) ** 2 < (b2 - beta_tilde) ** 2 else (b2, b1)
        if _sign(betax - beta_tilde) != wrong:
            betax, alt1 = alt1, betax
        out.update(betax=betax, alt1=alt1, distx=(betax - beta_tilde) ** 2, dist1=(alt1 - beta_tilde) ** 2,
                   marks=[mark(betax), mark(alt1), ""])
        return out
    scale = (delta - 1) * (t_x * sigma_xx - t_x ** 2)
    A = t_x * bo_m_bt * sigma_xx * (delta - 2) / scale
    B = (delta * rm_m_rt * (sigma_xx - t_x) - rt_m_ro * t_x - sigma_xx * t_x * bo_m_bt ** 2) / scale
    C = rm_m_rt * delta * bo_m_bt * sigma_xx / scale
    Q = (A ** 2 - 3 * B) / 9
    R = (2 * A ** 3 - 9 * A * B + 27 * C) / 54
    D = R ** 2 - Q ** 3
    if D < 0:
        theta = math.acos(R / math.sqrt(Q ** 3))
        roots = [-2 * math.sqrt(Q) * math.cos(t) - A / 3
                 for t in (theta / 3, (theta + 2 * math.pi) / 3, (theta - 2 * math.pi) / 3)]
        sols = [beta_tilde - r for r in roots]
        dists = [(s - beta_tilde) ** 2 for s in sols]
        for i in range(3):  # the ado: a root reversing the bias goes past every other (max + 1, in turn)
            if _sign(sols[i] - beta_tilde) != wrong:
                dists[i] = max(dists) + 1
        order = sorted(range(3), key=lambda i: dists[i])  # Mata's minindex: ties keep their order
        out.update(betax=sols[order[0]], alt1=sols[order[1]], alt2=sols[order[2]], distx=dists[order[0]],
                   dist1=dists[order[1]], dist2=dists[order[2]], marks=[mark(sols[k]) for k in order])
        return out
    t1, t2 = -R + math.sqrt(D), -R - math.sqrt(D)
    root = math.copysign(abs(t1) ** (1 / 3), t1) + math.copysign(abs(t2) ** (1 / 3), t2) - A / 3
    out["betax"] = beta_tilde - root
    return out


def _line(*parts) -> str:
    """display's _col(#) segments: (column, text) pairs, 1-based columns."""
    text = ""
    for col, piece in parts:
        if col is not None and len(text) < col - 1:
            text += " " * (col - 1 - len(text))
        text += piece
    return text.rstrip()


def _fmt(value: float, fmt: str) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(value, fmt)


RULE = "-" * 13 + "+" + "-" * 64


def _report(session, kind, treatment, depvar, indepvars, mcontrol, rmax, delta, beta, beta_o, beta_tilde,
            r_o, r_tilde, out) -> None:
    p = session.print
    alt1, alt2 = out["alt1"], out["alt2"]
    if kind == "beta":
        if delta == 1:
            count = 2
        elif math.isnan(alt1) and math.isnan(alt2):
            count = 1
        elif math.isnan(alt1) and not math.isnan(alt2):
            count = 2
        else:
            count = 3
        marks = out["marks"]
        p()
        p(_line((18, "---- Treatment Effect Estimate ----")))
        p(_line((14, "|"), (20, "Estimate"), (39, "Sq. difference"), (59, "Bias changes")))
        p(_line((14, "|"), (37, "from controlled beta"), (61, "direction")))
        p(RULE)
        p(_line((1, "Beta"), (14, "|"), (18, _fmt(out["betax"], "%11.5f")), (39, _fmt(out["distx"], "%11.3g")),
                (63, marks[0])))
        p(_line((1, "Alt. sol. 1"), (14, "|"), (18, _fmt(alt1, "%11.5f")), (39, _fmt(out["dist1"], "%11.3g")),
                (63, marks[1])))
        if delta == 1:  # the ado never sets these locals when delta is 1: the row stays empty
            p(_line((1, "Alt. sol. 2"), (14, "|")))
        else:
            p(_line((1, "Alt. sol. 2"), (14, "|"), (18, _fmt(alt2, "%11.5f")), (39, _fmt(out["dist2"], "%11.3g")),
                    (63, marks[2])))
        p(RULE)
        coeff_col = 39
    else:
        p()
        p(_line((18, "---- Bound Estimate ----")))
        p(RULE)
        p(_line((1, "delta"), (14, "|"), (18, _fmt(out["bound"], "%11.5f"))))
        p(RULE)
        coeff_col = 49
    p()
    p(_line((18, "---- Inputs from Regressions ----")))
    p(_line((14, "|"), (21, "Coeff."), (coeff_col, "R-Squared")))
    p(RULE)
    p(_line((1, "Uncontrolled"), (14, "|"), (18, _fmt(beta_o, "%12.5f")), (coeff_col, _fmt(r_o, "%5.3f"))))
    p(_line((1, "Controlled"), (14, "|"), (18, _fmt(beta_tilde, "%12.5f")), (coeff_col, _fmt(r_tilde, "%5.3f"))))
    p(RULE)
    p()
    p(_line((18, "---- Other Inputs ----")))
    p(RULE)
    p(_line((1, "R_max"), (14, "|"), (18, _fmt(rmax, "%5.3f"))))
    if kind == "beta":
        p(_line((1, "Delta"), (14, "|"), (18, _fmt(delta, "%5.3f"))))
    else:
        p(_line((1, "Beta"), (14, "|"), (18, _fmt(beta, "%9.6f"))))
    p(_line((1, "Unr. Controls"), (14, "|"), (18, mcontrol)))
    p(RULE)
    r: dict = {}
    if kind == "beta":
        r.update(beta=out["betax"], dist=out["distx"])
        if count in (2, 3):
            r.update(altsol1=alt1, altdist1=out["dist1"])
        if count == 3:
            r.update(altsol2=alt2, altdist2=out["dist2"])
        r.update(root_count=float(count), delta=delta)
    else:
        r.update(delta=out["bound"], beta=beta)
    r.update(rmax=rmax, cmd=session.e.macros.get("cmd", ""), depvar=depvar, treatment=treatment,
             indepvars=" ".join(indepvars), mcontrol=mcontrol, type=kind)
    session.set_r(r)
