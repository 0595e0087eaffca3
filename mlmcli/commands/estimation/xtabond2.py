"""``xtabond2``: Roodman's difference and system GMM (SSC; Roodman 2009, "How to do
xtabond2", Stata Journal 9(1):86-136).

    xtabond2 depvar varlist [if] [in], gmmstyle(varlist[, laglimits(# #) collapse
        equation(diff|level|both)]) ivstyle(varlist[, equation(diff|level|both) passthru mz])
        [twostep robust small noleveleq noconstant nodiffsargan artests(#) h(1|2|3) nomata level(#)]

gmm()/iv() may be repeated and abbreviated (gmm(), iv()).  Engine:
``mlmcli.panel.xtabond2_gmm``; layout: ``mlmcli.render.xtabond2``.  orthogonal (forward
orthogonal deviations) with noleveleq and robust or twostep only;
split, gmm()'s passthru, cluster(), weights, arlevels and factor variables other than
i.varname are refused with r(198) (not available in mlmcli).  As xtabond2 does, if/in restrict the estimation sample,
not the rows lagged instruments are read from; regressors collinear in levels (with the
constant, even under noleveleq: the paper's "yr1976 dropped due to collinearity") are
dropped.  Decisions without evidence: docs/xtabond2.md.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, parse_options, resolve_options

_OPTIONS = [
    OptionSpec("gmmstyle", 3, takes_arg=True, repeatable=True), OptionSpec("ivstyle", 2, takes_arg=True, repeatable=True),
    OptionSpec("twostep", 3), OptionSpec("robust", 1), OptionSpec("small", 2), OptionSpec("noleveleq", 5),
    OptionSpec("noconstant", 5), OptionSpec("nodiffsargan", 5), OptionSpec("artests", 2, takes_arg=True),
    OptionSpec("h", 1, takes_arg=True), OptionSpec("nomata", 4), OptionSpec("level", 1, takes_arg=True),
    OptionSpec("orthogonal", 2), OptionSpec("cluster", 2, takes_arg=True), OptionSpec("arlevels", 4),
    OptionSpec("svmat", 5), OptionSpec("svvar", 5), OptionSpec("pca", 3), OptionSpec("components", 4, takes_arg=True),
]
_REFUSED = ("cluster", "arlevels", "svmat", "svvar", "pca", "components")
_GMM_SUB = [OptionSpec("laglimits", 3, takes_arg=True), OptionSpec("collapse", 1),
            OptionSpec("equation", 2, takes_arg=True), OptionSpec("passthru", 1), OptionSpec("split", 2),
            OptionSpec("orthogonal", 2)]
_IV_SUB = [OptionSpec("equation", 2, takes_arg=True), OptionSpec("passthru", 1), OptionSpec("mz", 2)]


@dataclass
class _Gmm:
    names: list[str]
    first: int
    last: int | None
    collapse: bool
    equation: str


@dataclass
class _Iv:
    names: list[str]
    equation: str
    passthru: bool
    mz: bool


@dataclass
class Xtabond2Model:
    problem: object
    depvar: str
    names: list[str]
    ivar: str
    tvar: str
    counted: np.ndarray
    sample: np.ndarray
    constant: bool
    system: bool
    gmms: list = field(default_factory=list)
    ivs: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    orthogonal: bool = False


def _equation(text, default="both") -> str:
    if text is None:
        return default
    t = str(text).strip().lower()
    for full in ("diff", "level", "both"):
        if t and full.startswith(t):
            return full
    raise StataError(f"equation({text}) invalid", 198)


def _split(text: str):
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            return text[:i], text[i + 1:]
    return text, ""


def expand_varlist(ds, text: str, fv: dict) -> list[str]:
    """A varlist with time-series operators and i.var factor variables: i.var is every level of
    var, the first the base ``1976b.year`` (a column of zeros, so dropped as collinear: the
    published log's "0b.bin4 dropped due to collinearity"), the others indicators ``1977.year``;
    their columns go to ``fv``."""
    from mlmcli.textscan import split_words
    from mlmcli.time_series_ops import expand_ts_varlist

    out: list[str] = []
    for token in split_words(text):
        m = re.fullmatch(r"[iI]\.(?:\((.*)\)|(\S+))", token)
        if m is None:
            if "#" in token or re.match(r"(?i)(c|o|i?b\d*|i\d+)\.", token):
                raise StataError(f"{token}: only i.varname factor variables are available with xtabond2 in mlmcli", 198)
            out += expand_ts_varlist(ds, token)
            continue
        for var in ds.expand_varlist(m.group(1) or m.group(2)):
            vals = ds.numeric(var)
            levels = np.unique(vals[np.isfinite(vals)])
            if np.any(levels != np.round(levels)) or np.any(levels < 0):
                raise StataError("factor variables may not contain noninteger or negative values", 452)
            for j, lv in enumerate(levels):
                name = f"{int(lv)}{'b' if j == 0 else ''}.{var}"
                fv[name] = np.where(np.isfinite(vals), (vals == lv) & (j > 0), np.nan).astype(float)
                out.append(name)
    return out


def _required(names: list[str]) -> list[str]:
    if not names:
        raise StataError("varlist required", 100)
    return names


def _values(ds, name: str, fv: dict) -> np.ndarray:
    return fv[name] if name in fv else ds.numeric(name)


def _parse_gmm(ds, text, fv) -> _Gmm:
    body, rest = _split(str(text))
    sub = parse_options(rest, _GMM_SUB)
    for name in ("split", "orthogonal", "passthru"):
        if sub.get(name):
            raise StataError(f"gmmstyle() suboption {name} is not available with xtabond2 in mlmcli", 198)
    first, last = 1, None
    if sub.get("laglimits") is not None:
        parts = str(sub["laglimits"]).replace(",", " ").split()
        try:
            vals = [None if p == "." else int(p) for p in parts]
        except ValueError:
            raise StataError(f"laglimits({sub['laglimits']}) invalid", 198) from None
        if len(vals) != 2:
            raise StataError(f"laglimits({sub['laglimits']}) invalid", 198)
        first, last = (1 if vals[0] is None else vals[0]), vals[1]  # "." : the defaults 1 and every lag
        if last is not None and last < first:
            first, last = last, first  # xtabond2 swaps reversed limits
    if first < 0:
        raise StataError("laglimits() may not be negative", 198)
    return _Gmm(_required(expand_varlist(ds, body, fv)), first, last, bool(sub.get("collapse")), _equation(sub.get("equation")))


def _parse_iv(ds, text, fv) -> _Iv:
    body, rest = _split(str(text))
    sub = parse_options(rest, _IV_SUB)
    return _Iv(_required(expand_varlist(ds, body, fv)), _equation(sub.get("equation")), bool(sub.get("passthru")),
               bool(sub.get("mz")))


def cmd_xtabond2(session, cmd) -> None:
    if not cmd.args.strip() and cmd.if_exp is None and cmd.in_range is None:
        from mlmcli.estimation.active import replay_results

        e = replay_results(session, ("xtabond2",))
        display(session, e, resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True)]))
        return
    if cmd.weight is not None:
        raise StataError("weights are not available with xtabond2 in mlmcli", 101)
    opts = resolve_options(cmd.options, _OPTIONS)
    for name in _REFUSED:
        if opts.get(name) is not None:
            raise StataError(f"option {name} is not available with xtabond2 in mlmcli", 198)
    h = str(opts.get("h") or "3").strip()
    if h not in ("1", "2", "3"):
        raise StataError(f"h({opts['h']}) invalid: h(1), h(2) or h(3)", 198)
    model, prob = build_model(session, cmd, opts)
    prob = dataclasses.replace(prob, h=int(h))
    from mlmcli.panel.xtabond2_gmm import fit_xtabond2

    twostep, robust, small = bool(opts.get("twostep")), bool(opts.get("robust")), bool(opts.get("small"))
    artests = _artests(opts)
    fit = fit_xtabond2(prob, twostep=twostep, robust=robust, small=small, artests=artests,
                       diffsargan=not opts.get("nodiffsargan"), constant=model.constant)
    from mlmcli.commands.estimation.xtabond2_results import post_results

    e = post_results(session, cmd, model, fit, twostep=twostep, robust=robust, small=small)
    session.e = e
    display(session, e, opts, fresh=True)


def _artests(opts) -> int:
    if opts.get("artests") is None:
        return 2
    try:
        n = int(str(opts["artests"]).strip())
    except ValueError:
        raise StataError("artests() invalid", 198) from None
    if n < 0:
        raise StataError("artests() invalid", 198)
    return n


def display(session, e, opts, fresh: bool = False) -> None:
    """The table; a replay (fresh False) without the fit's notes and warnings."""
    from mlmcli.commands.estimation.xtabond2_results import result_of
    from mlmcli.render.xtabond2 import render_xtabond2

    level = confidence_level(opts, getattr(session, "level", 95.0))
    session.print(render_xtabond2(result_of(e, level, fresh), linesize=getattr(session, "linesize", 80)))


def build_model(session, cmd, opts):
    from mlmcli.collinear_columns import independent_candidates
    from mlmcli.commands.data.panel_settings import recorded_delta
    from mlmcli.commands.estimation.panel_common import time_variable
    from mlmcli.panel.time_settings import panel_setting
    from mlmcli.panel.xtabond2_gmm import Xtabond2Problem
    from mlmcli.sample import mark_sample
    from mlmcli.time_series_ops import split_operated

    ds = session.data
    ivar, tvar = panel_setting(ds), time_variable(session)
    if not ivar or not tvar:
        raise StataError("must specify panelvar and timevar; use xtset", 459)
    fv: dict = {}
    words = expand_varlist(ds, cmd.args, fv)
    if not words:
        raise StataError("varlist required", 100)
    depvar, regressors = words[0], list(dict.fromkeys(words[1:]))
    if split_operated(depvar) or depvar in fv:
        raise StataError("depvar may not contain time-series operators", 198)
    gmms = [_parse_gmm(ds, t, fv) for t in opts.get("gmmstyle") or []]
    ivs = [_parse_iv(ds, t, fv) for t in opts.get("ivstyle") or []]
    system = not opts.get("noleveleq")
    constant = system and not opts.get("noconstant")
    panel_values, time_values = ds.numeric(ivar), ds.numeric(tvar)
    period = (time_values - np.nanmin(time_values)) / recorded_delta(ds)
    if np.any(np.isfinite(period) & (period != np.round(period))):
        raise StataError("normalized time variable contains noninteger values", 498)
    codes = np.unique(np.where(np.isfinite(panel_values), panel_values, np.inf), return_inverse=True)[1].ravel()
    time = np.where(np.isfinite(period), period, -1e9).astype(np.int64)
    y = ds.numeric(depvar)
    X = np.column_stack([_values(ds, v, fv) for v in regressors]) if regressors else np.zeros((len(y), 0))
    touse = np.asarray(mark_sample(session, cmd, []), bool) & np.isfinite(y) & np.isfinite(X).all(axis=1)
    touse &= np.isfinite(panel_values) & np.isfinite(time_values)
    for iv in ivs:
        if not iv.mz:
            for v in iv.names:
                touse &= np.isfinite(_values(ds, v, fv))
    notes = []
    keep = np.asarray(independent_candidates(X[touse], True), bool) if X.shape[1] else np.zeros(0, bool)
    for name, kept in zip(regressors, keep):
        if not kept:
            notes.append(f"{name} dropped due to collinearity")
    regressors = [r for r, k in zip(regressors, keep) if k]
    X = X[:, keep]
    from mlmcli.time_series_ops import apply_operator

    def op(o, v):
        return apply_operator(o, v, codes.astype(float), time.astype(float), 1.0)

    orthogonal = bool(opts.get("orthogonal"))
    if orthogonal and system:  # Stata 18's system-GMM numbers were not reproduced: refused
        raise StataError("orthogonal with system GMM is not available with xtabond2 in mlmcli; "
                         "orthogonal needs noleveleq", 198)
    if orthogonal and not (opts.get("robust") or opts.get("twostep")):
        raise StataError("orthogonal without robust or twostep is not available with xtabond2 in mlmcli", 198)
    fod_extra = {}
    if orthogonal:
        from mlmcli.panel.xtabond2_gmm import forward_deviations

        def transform(o, v):  # the transformed equation's operator: deviations, not D.
            return forward_deviations(v, codes, time, touse) if o == "D" else op(o, v)

        ar_dy = op("D", y)
        ar_dX = np.column_stack([op("D", X[:, j]) for j in range(X.shape[1])]) if X.shape[1] else X
        fod_extra = dict(orthogonal=True, ar_dy=ar_dy, ar_dX=ar_dX,
                         ar_rows=touse & np.isfinite(ar_dy) & np.isfinite(ar_dX).all(axis=1))
    else:
        transform = op
    dy = transform("D", y)
    dX = np.column_stack([transform("D", X[:, j]) for j in range(X.shape[1])]) if X.shape[1] else X
    deq = touse & np.isfinite(dy) & np.isfinite(dX).all(axis=1)
    for iv in ivs:  # iv-style missing values are not 0: the row leaves that equation
        if not iv.mz and iv.equation in ("diff", "both") and not iv.passthru:
            for v in iv.names:
                deq &= np.isfinite(transform("D", _values(ds, v, fv)))
    if not deq.any():
        raise StataError("no observations", 2000)
    if constant:
        X = np.column_stack([X, np.ones(len(y))])
        dX = np.column_stack([dX, np.zeros(len(y))])
        if orthogonal:
            fod_extra["ar_dX"] = np.column_stack([fod_extra["ar_dX"], np.zeros(len(y))])
    names = regressors + (["_cons"] if constant else [])
    blocks, groups, level_blocks = _instrument_blocks(lambda v: _values(ds, v, fv), gmms, ivs, op, transform,
                                                      time, deq, touse, system, constant)
    if level_blocks:
        groups.insert(0, ("GMM instruments for levels", tuple(level_blocks)))
    prob = Xtabond2Problem(panel=codes, time=time, y=y, X=X, dy=dy, dX=dX, diff_rows=deq,
                           level_rows=touse if system else None, blocks=tuple(blocks), groups=tuple(groups),
                           **fod_extra)
    counted = touse if system else deq
    model = Xtabond2Model(prob, depvar, names, ivar, tvar, counted, touse if system else deq, constant, system,
                          gmms, ivs, notes, orthogonal)
    return model, prob


def _instrument_blocks(values, gmms, ivs, op, transform, time, deq, touse, system, constant):
    from mlmcli.panel.xtabond2_gmm import InstrumentBlock

    blocks, groups, level_blocks = [], [], []
    tmax = int(time[touse].max()) if touse.any() else 0
    tmin = int(time[time > -1e9].min())
    for g in gmms:
        own = []
        for v in g.names:
            vals = values(v)
            if g.equation in ("diff", "both"):
                last = g.last if g.last is not None else tmax - tmin
                cols = []
                for j in range(g.first, last + 1):
                    lagged = op(f"L{j}" if j else "", vals) if j else vals
                    cols += [lagged] if g.collapse else [np.where(time == t, lagged, np.nan)
                                                         for t in np.unique(time[deq])]
                if cols:
                    blocks.append(InstrumentBlock(np.column_stack(cols), None))
                    own.append(len(blocks) - 1)
            if system and g.equation in ("level", "both"):
                cols = []
                for j in level_lags(g, tmax - tmin):
                    dl = op(f"L{j}D" if j else "D", vals)
                    cols += [dl] if g.collapse else [np.where(time == t, dl, np.nan) for t in np.unique(time[touse])]
                blocks.append(InstrumentBlock(None, np.column_stack(cols)))
                own.append(len(blocks) - 1)
                level_blocks.append(len(blocks) - 1)
        groups.append((gmm_label(g), tuple(own)))
    for iv in ivs:
        lev = np.column_stack([values(v) for v in iv.names])
        if iv.mz:
            lev = np.nan_to_num(lev)
        diff = lev if iv.passthru else np.column_stack([transform("D", lev[:, j]) for j in range(lev.shape[1])])
        d_part = diff if iv.equation in ("diff", "both") else None
        l_part = lev if system and iv.equation in ("level", "both") else None
        if d_part is None and l_part is None:
            continue
        blocks.append(InstrumentBlock(d_part, l_part))
        groups.append((iv_label(iv), (len(blocks) - 1,)))
    if constant:
        blocks.append(InstrumentBlock(None, np.ones((len(time), 1))))
    return blocks, groups, level_blocks


def level_lags(g: _Gmm, max_lag: int) -> list[int]:
    """The lags of D.v instrumenting the levels equation (Roodman 2009, section 4.1): lag a-1
    alongside the transformed equation (lag 0, the contemporaneous difference, when a is 0);
    with equation(level) alone every lag a..b (xtabond2 2.0.0 and later, footnote 23)."""
    if g.equation == "level":
        return list(range(g.first, (g.last if g.last is not None else max_lag) + 1))
    return [max(g.first - 1, 0)]


def gmm_label(g: _Gmm) -> str:
    """gmm(L.y, collapse lag(2 .)) as xtabond2's difference-in-Hansen heading (published logs)."""
    opts = ("collapse " if g.collapse else "") + (f"eq({g.equation}) " if g.equation != "both" else "")
    return f"gmm({' '.join(g.names)}, {opts}lag({g.first} {'.' if g.last is None else g.last}))"


def iv_label(iv: _Iv) -> str:
    extra = (f", eq({iv.equation})" if iv.equation != "both" else "") + (" passthru" if iv.passthru else "")
    if extra.startswith(" "):
        extra = "," + extra
    return f"iv({' '.join(iv.names)}{extra})"
