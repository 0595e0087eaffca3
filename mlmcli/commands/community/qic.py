"""``qic depvar [indepvars] [if] [in] [weight] [, options]``: Pan's (2001) QIC and QIC_u for
choosing a GEE working correlation (Jisheng Cui's SSC command, qic.ado 1.1.9 of 19 Sep 2008,
written from its public ado-file).

What the ado does, and so what this does:

1. ``xtgee`` with ``corr(independence)`` and the family, link, ``i()``/``t()`` and fitting
   options typed (shown unless ``nodisplay``); Omega = ``syminv`` of its conventional e(V).
2. ``xtgee`` with ``corr()`` (default ``exchangeable``) and always ``robust`` (shown unless
   ``nodisplay``); these are the e() results left behind.  p = e(df_m) + 1 and
   Trace = trace(Omega * e(V)).
3. mu from ``predict, mu`` -- for every observation predict fills, not only e(sample) -- and
   the quasi-likelihood Q = sum of q over them, q by family: Gaussian -(y - mu)^2 / 2,
   Bernoulli y ln(mu/(1 - mu)) + ln(1 - mu), Poisson y ln(mu) - mu, negative binomial (k the
   family's second word, default 1) y ln(k mu/(1 + k mu)) - ln(1 + k mu)/k, gamma
   -(y/mu + ln mu), inverse Gaussian -y/(2 mu^2) + 1/mu.
4. QIC = -2Q + 2 Trace, QIC_u = -2Q + 2p, shown in a small block and returned in r(qic),
   r(qicu), r(trace), r(p), r(corr), r(family), r(link); the ado's global scalars ``qic``,
   ``qicu``, ``par`` and ``off`` are left behind as it leaves them.

The family is recognised by its first letters, case-sensitively as the ado's substr() tests:
``gau``/``nor`` or none (Gaussian, link ``iden``), ``ig`` (inverse Gaussian, ``log``), ``b``
(binomial: fitted as ``family(bin)``, a denominator is not passed on; ``logit``), ``po``
(Poisson, ``log``), ``nb`` (``log``), ``gam`` (gamma, ``log``).  As in the ado, ``exposure()``
and ``offset()`` reach the fits of the Poisson, negative binomial, gamma and inverse Gaussian
families only, and the weights its syntax accepts are passed to neither fit.  Another family
matches no branch and the ado's display then fails on the missing scalar ``par`` (r(111)).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTIONS = [OptionSpec("i", 1, True), OptionSpec("t", 1, True), OptionSpec("family", 1, True),
            OptionSpec("link", 1, True), OptionSpec("corr", 1, True), OptionSpec("exposure", 1, True),
            OptionSpec("offset", 3, True), OptionSpec("force"), OptionSpec("noconstant", 6),
            OptionSpec("iterate", 4, True), OptionSpec("tolerance", 3, True), OptionSpec("eform"),
            OptionSpec("level", 3, True), OptionSpec("nodisplay", 5), OptionSpec("nolog", 4),
            OptionSpec("trace", 2), OptionSpec("robust", 1), OptionSpec("nmp", 3), OptionSpec("rgf", 3),
            OptionSpec("scale", 1, True)]

_FV = re.compile(r"(^|\s)(i|c|o|ib?\w*|b\w*)\.|#")


def _branch(family: str) -> tuple[str, str] | None:
    """(the ado's family word for xtgee, default link) of the branch the typed family takes."""
    if family[:3] in ("gau", "nor") or family[:1] == "":
        return "gau", "iden"
    if family[:2] == "ig":
        return "iga", "log"
    if family[:1] == "b":
        return "bin", "logit"
    if family[:2] == "po":
        return "poi", "log"
    if family[:2] == "nb":
        words = family.split()
        k = words[1] if len(words) > 1 and words[1][:1] else "1"
        return f"nbi {k}", "log"
    if family[:3] == "gam":
        return "gam", "log"
    return None


def _quasi(kind: str, y: np.ndarray, mu: np.ndarray, k: float) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "gau":
            return -0.5 * (y - mu) ** 2
        if kind == "iga":
            return -y / 2 / mu ** 2 + 1 / mu
        if kind == "bin":
            return y * np.log(mu / (1 - mu)) + np.log(1 - mu)
        if kind == "poi":
            return y * np.log(mu) - mu
        if kind == "nbi":
            return y * np.log(k * mu / (1 + k * mu)) - np.log(1 + k * mu) / k
        return -(y / mu + np.log(mu))  # gamma


def _where(cmd) -> str:
    parts = []
    if cmd.if_exp:
        parts.append(f"if {cmd.if_exp}")
    if cmd.in_range is not None:
        r = cmd.in_range
        parts.append(f"in {r.first}" + (f"/{r.last}" if r.last is not None else ""))
    return " ".join(parts)


def cmd_qic(session, cmd) -> None:
    from mlmcli.runner import Runner, current_runner

    words = cmd.args.split()
    if not words:
        raise StataError("varlist required", 100)
    if _FV.search(cmd.args):  # syntax varlist(ts): no factor variables
        raise StataError("factor-variable operators not allowed", 101)
    opts = resolve_options(cmd.options, _OPTIONS)
    family = str(opts.get("family") or "")
    branch = _branch(family)
    runner = current_runner(session) or Runner(session)
    if branch is None:  # no branch ran: the display's %15.0f par finds no scalar par
        if "par" not in session.scalars:
            raise StataError("par not found", 111)
        return _show(session, runner, family, str(opts.get("link") or ""), str(opts.get("corr") or ""))
    fam_word, default_link = branch
    if family[:1] == "":
        family = "gau"
    link = str(opts.get("link") or default_link)
    corr = str(opts.get("corr") or "exc")
    common = _common_options(opts, link, exposure=fam_word[:3] in ("iga", "poi", "nbi", "gam"))
    head = f"xtgee {cmd.args.strip()} {_where(cmd)}".rstrip()
    shown = "" if not opts.get("nodisplay") else " nodisplay"
    runner.execute(f"{head}, family({fam_word}) corr(ind) {common}{shown}")
    from mlmcli.expr.matrix_algebra import Mat, invsym

    V_ind = np.asarray(session.e.matrices["V"].values, float)
    omega = invsym(Mat(V_ind, (None,) * len(V_ind), (None,) * len(V_ind))).values  # syminv(e(V))
    runner.execute(f"{head}, family({fam_word}) robust corr({corr}) {common}{shown}")
    e = session.e
    par = float(e.scalars.get("df_m", 0.0)) + 1.0
    trace = float(np.trace(omega @ np.asarray(e.matrices["V"].values, float)))
    y, mu = _outcome_and_mean(session, runner, words[0])
    k = float(fam_word.split()[1]) if fam_word.startswith("nbi") else 1.0
    q = _quasi(fam_word[:3], y, mu, k)
    total = float(np.sum(q[np.isfinite(q)]))
    session.scalars.update({"par": par, "off": trace, "qic": -2 * total + 2 * trace, "qicu": -2 * total + 2 * par})
    _show(session, runner, family, link, corr)


def _common_options(opts: dict, link: str, *, exposure: bool) -> str:
    """The options the ado passes to both fits (its empty ones left out: ``i()``, ``t()``,
    ``scale()``, ``exposure()``, ``offset()`` not typed)."""
    parts = [f"{name}({opts[name]})" for name in ("i", "t") if opts.get(name)]
    parts.append(f"link({link})")
    if exposure:
        parts += [f"{name}({opts[name]})" for name in ("exposure", "offset") if opts.get(name)]
    parts += [name for name in ("nmp", "rgf") if opts.get(name)]
    if opts.get("scale"):
        parts.append(f"scale({opts['scale']})")
    parts += [name for name in ("force", "noconstant") if opts.get(name)]
    parts.append(f"iterate({opts.get('iterate', 100)}) tolerance({opts.get('tolerance', '1e-6')})")
    parts += [name for name in ("eform",) if opts.get(name)]
    if opts.get("level"):
        parts.append(f"level({opts['level']})")
    parts += [name for name in ("nolog", "trace") if opts.get(name)]
    return " ".join(parts)


def _outcome_and_mean(session, runner, depvar: str) -> tuple[np.ndarray, np.ndarray]:
    """The outcome and ``predict double <tmp>, mu`` over the whole dataset (the data are left
    as they were)."""
    from mlmcli.temp_names import fresh_names

    name = fresh_names(session, 1)[0]
    session.out.quiet += 1
    try:
        runner.execute(f"predict double {name}, mu")
        ds = session.data
        mu = np.asarray(ds.numeric(name), float)
        y = np.asarray(ds.numeric(ds.resolve(depvar)), float)
    finally:
        session.out.quiet -= 1
        if name in session.data.varnames:
            session.data.drop_variables([name])
    return y, mu


def _show(session, runner, family: str, link: str, corr: str) -> None:
    from mlmcli.render.numfmt import format_number

    s = session.scalars
    rule = "_" * 43
    rows = [("Corr =      ", f"{corr:>15}"), ("Family =    ", f"{family:>15}"), ("Link =      ", f"{link:>15}"),
            ("p =         ", format_number(s["par"], "%15.0f")), ("Trace =     ", format_number(s["off"], "%15.3f")),
            ("QIC =       ", format_number(s["qic"], "%15.3f")), ("QIC_u =     ", format_number(s["qicu"], "%15.3f"))]
    runner.execute("display _newline")
    session.print("\n".join([" " * 14 + "QIC and QIC_u", rule, *(label + value for label, value in rows), rule]))
    session.set_r({"qic": s["qic"], "qicu": s["qicu"], "trace": s["off"], "p": s["par"],
                   "link": link, "family": family, "corr": corr})
