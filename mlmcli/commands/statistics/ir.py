"""``ir``/``iri``: tables for incidence-rate data ([ST] epitab), with ``by()``'s
Mantel-Haenszel rate ratio.  Numbers in ``mlmcli.incidence_rates`` and
``mlmcli.epitab_strata``, tables in ``mlmcli.render.epitab``."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options


IR_OPTIONS = [OptionSpec(*row) for row in (
    ("level", 1, True), ("tb", 2), ("by", 2, True), ("pool", 1), ("nocrude", 3), ("nohom", 5), ("nohet", 5),
    ("estandard", 2), ("istandard", 2), ("standard", 1, True), ("ird", 3), ("fast", 1))]


def _incidence(session, cells, opts: dict, stub: str = "", rows=("Cases", "Person-time")) -> None:
    from mlmcli.incidence_rates import incidence_rates
    from mlmcli.render.epitab import render_incidence

    level = confidence_level(opts, getattr(session, "level", 95.0))
    result = incidence_rates(*cells, level, tb=bool(opts.get("tb")))
    session.print(render_incidence(result, format(level, "g"), stub, rows))
    session.set_r({"ird": result.difference.value, "lb_ird": result.difference.lb, "ub_ird": result.difference.ub,
                   "irr": result.ratio.value, "lb_irr": result.ratio.lb, "ub_irr": result.ratio.ub,
                   "p": result.p, "afe": result.afe.value, "lb_afe": result.afe.lb, "ub_afe": result.afe.ub,
                   "afp": result.afp})


def cmd_iri(session, cmd) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("level", 1, True), OptionSpec("tb", 2)])
    words = re.sub(r"\s+", " ", cmd.args or "").strip().split()
    if len(words) != 4:
        raise StataError("invalid syntax", 198)
    cells = []
    for k, word in enumerate(words):
        try:
            value = float(word)
        except ValueError:
            raise StataError(f"'{word}' found where {'integer' if k < 2 else 'number'} expected", 7) from None
        if k < 2 and value != int(value):
            raise StataError(f"'{word}' found where integer expected", 7)
        cells.append(value)
    if min(cells) < 0:
        raise StataError("negative numbers invalid", 498)
    _incidence(session, tuple(cells), opts)


def cmd_ir(session, cmd) -> None:
    """``ir casevar exposedvar timevar``: cases and person-time summed by exposure (nonzero)."""
    from mlmcli.commands.statistics.epitab_sample import epitab_sample

    opts = resolve_options(cmd.options, IR_OPTIONS)
    for name in ("estandard", "istandard", "standard", "ird", "fast"):
        if opts.get(name):   # standardized tables: not yet
            raise StataError(f"option {name}() not allowed" if name == "standard" else f"option {name} not allowed", 198)
    if not opts.get("by"):
        for name in ("pool", "nocrude", "nohom", "nohet"):
            if opts.get(name):
                raise StataError(f"option {name} not allowed", 198)
    ds = session.data
    names, by_name, rows, count = epitab_sample(session, cmd, 3, str(opts.get("by") or "").strip())
    by_names = [by_name] if by_name else []
    case, exposed, time = (ds.numeric(n)[rows] for n in names)
    if (case < 0).any() or (time < 0).any():
        raise StataError(f"{names[0]} or {names[2]} takes on negative values", 499)
    on = exposed != 0

    def rate_cells(inside):   # ir.ado: case counts rounded, int(x + .5)
        return (float(np.floor((count * case)[inside & on].sum() + 0.5)),
                float(np.floor((count * case)[inside & ~on].sum() + 0.5)),
                float((count * time)[inside & on].sum()), float((count * time)[inside & ~on].sum()))

    cells = rate_cells(np.ones(case.size, dtype=bool))
    if by_names:
        return _incidence_strata(session, opts, cells, by_names[0], rows, rate_cells)

    def heading(name: str) -> str:   # _crcvarl
        label = ds.var_labels.get(name, "") or name
        return label.replace("(", "[").replace(")", "]").strip() if ("(" in label or ")" in label) else label

    _incidence(session, cells, opts, heading(names[1]), (heading(names[0]), heading(names[2])))


def _incidence_strata(session, opts: dict, crude_cells, by: str, rows, rate_cells) -> None:
    """ir by(): the strata's rate ratios, crude, pooled and M-H, and the tests."""
    from mlmcli.commands.data.common import value_text
    from mlmcli.epitab_strata import rate_ratio_strata
    from mlmcli.incidence_rates import incidence_rates
    from mlmcli.render.epitab import abbreviate_label, render_strata

    ds = session.data
    level = confidence_level(opts, getattr(session, "level", 95.0))
    raw = np.asarray(ds.column(by))[rows] if ds.is_string(by) else ds.numeric(by)[rows]
    tables = [(value_text(ds, by, g), rate_cells(raw == g)) for g in np.unique(raw)]
    tb = bool(opts.get("tb"))
    result = rate_ratio_strata(tables, level, tb=tb, pool=bool(opts.get("pool")))
    crude = incidence_rates(*crude_cells, level, tb=tb)
    by_label = ds.var_labels.get(by, "") or abbreviate_label(by, 12)
    session.print(render_strata(result, by_label, format(level, "g"), crude.ratio, crude.ratio.label,
                                case_control=True, show_crude=not opts.get("nocrude"),
                                show_tests=not (opts.get("nohom") or opts.get("nohet"))))
    r = {"irr": result.combined.value, "lb_irr": result.combined.lb, "ub_irr": result.combined.ub}
    if not opts.get("nocrude"):
        r.update(crude=crude.ratio.value, lb_crude=crude.ratio.lb, ub_crude=crude.ratio.ub, afp=crude.afp)
    if result.pooled is not None:
        r.update(pooled=result.pooled.value, lb_pooled=result.pooled.lb, ub_pooled=result.pooled.ub)
    if not (opts.get("nohom") or opts.get("nohet")):
        for test in result.tests:
            if test.df > 0:
                r["df"] = test.df
                r["chi2_mh" if test.name == "M-H" else "chi2_p"] = test.chi2
    session.set_r(r)
