"""``ivhettest [varlist] [, ivlev ivsq ivcp fitlev fitsq ph phnorm phsym nr2 bpg all]`` (SSC; Schaffer)
after ``ivreg2``: Pagan-Hall and related heteroskedasticity tests (engine
``mlmcli.instrumental.ivhettest``; layout and messages ivhettest.ado 1.1.9's).  mlmcli runs it after
ivreg2 only (after regress it is refused by name); if/in are accepted and, as in the ado, the
estimation sample is used.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_SETS = ("ivlev", "ivsq", "ivcp", "fitlev", "fitsq")
_TESTS = ("ph", "phsym", "phnorm", "nr2", "bpg")
OPTIONS = [OptionSpec(name, len(name)) for name in _SETS + _TESTS + ("all",)]
LABELS = {"ph": "Pagan-Hall general test statistic   : ", "phsym": "Pagan-Hall test w/assumed symmetry  : ",
          "phnorm": "Pagan-Hall test w/assumed normality : ", "nr2": "White/Koenker nR2 test statistic    : ",
          "bpg": "Breusch-Pagan/Godfrey/Cook-Weisberg : "}


def cmd_ivhettest(session, cmd) -> None:
    from mlmcli.estimation.active import active
    from mlmcli.instrumental.ivhettest import independent_columns, pagan_hall
    from mlmcli.render.numfmt import format_number

    e = active(session)
    if e.cmd == "regress":
        raise StataError("ivhettest after regress is not implemented in mlmcli", 198)
    if e.cmd != "ivreg2":
        raise StataError("last estimates not found", 301)
    if e.macros.get("partial") or e.scalars.get("partialcons"):
        raise StataError("ivhettest not allowed after ivreg2 with partial (previously fwl) option", 499)
    opts = resolve_options(cmd.options, OPTIONS)
    ols = not e.macros.get("instd")
    tests = [t for t in _TESTS if opts.get(t)]
    if ols:
        if any(t in tests for t in ("ph", "phnorm", "phsym")):
            raise StataError("Pagan-Hall test not applicable to OLS", 197)
        tests = ["nr2", "bpg"] if opts.get("all") else (tests or ["nr2"])
    else:
        tests = ["ph", "phnorm", "nr2", "bpg"] if opts.get("all") else (tests or ["ph"])
    tests = [t for t in _TESTS if t in tests]
    chosen = [s for s in _SETS if opts.get(s)]
    varlist = cmd.args.split()
    if len(chosen) > 1 or (chosen and varlist):
        raise StataError("Incompatible choice of options; may specify one set of indicators only", 197)
    if e.macros.get("wtype"):
        raise StataError("Weights not allowed in current implementation", 197)
    kind = chosen[0] if chosen else ("varlist" if varlist else "ivlev")
    d = e.model.data
    b = e.model.b
    X = d.X
    resid = d.y - X @ b
    insts = np.column_stack([d.X1[:, :d.X1.shape[1] - (1 if d.constant else 0)], d.Z1])
    ones = np.ones((len(d.y), 1))
    Zc = np.column_stack([insts, ones])
    Yh = Zc @ np.linalg.lstsq(Zc, d.Y, rcond=None)[0]  # regress each endogenous regressor on the instruments
    Xh = np.column_stack([Yh, d.X1])
    if kind == "varlist":
        names = [session.data.resolve(w) for w in varlist]
        rows = e.sample_positions(session.data)
        if rows is None or (rows < 0).any():  # mlmcli's message: the fit's rows are gone
            raise StataError("the estimation sample is no longer in the data", 459)
        psi = np.column_stack([session.data.numeric(n)[rows] for n in names])
    elif kind in ("ivlev", "ivsq"):
        psi = insts if kind == "ivlev" else np.column_stack(
            [c for j in range(insts.shape[1]) for c in (insts[:, j], insts[:, j] ** 2)])
    elif kind == "ivcp":
        full = np.column_stack([ones, insts])
        psi = np.column_stack([full[:, i] * full[:, j] for i in range(full.shape[1])
                               for j in range(i, full.shape[1])])[:, 1:]
    else:
        yhat = Xh @ b
        psi = yhat[:, None] if kind == "fitlev" else np.column_stack([yhat, yhat ** 2])
    if kind != "fitlev" and kind != "fitsq":
        psi = psi[:, independent_columns(psi)]
    r = pagan_hall(resid, X, Xh, psi, tuple(tests))
    what = "IV" if not ols else "OLS"
    fit = "fitted value (X*beta-hat)" if ols else "fitted value (X-hat*beta-hat)"
    title = {"varlist": "using user-supplied indicator variables", "ivlev": "using levels of IVs only",
             "ivsq": "using levels and squares of IVs", "fitlev": f"using {fit}",
             "fitsq": f"using {fit} & its square", "ivcp": "using levels and cross products of all IVs"}[kind]
    lines = [f"{what} heteroskedasticity test(s) {title}", "Ho: Disturbance is homoskedastic"]
    df = format_number(r["df"], "%9.0g").strip()
    for t in tests:
        lines.append("    " + LABELS[t] + format_number(r[t], "%7.3f") + f"  Chi-sq({df}) P-value = "
                     + format_number(r[t + "p"], "%5.4f"))
    session.print("\n".join(lines))
    session.set_r({k: float(v) for k, v in r.items()})
