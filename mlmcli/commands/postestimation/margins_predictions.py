"""``margins`` with several ``predict()`` options: the margins of each prediction, stacked
along a ``_predict`` dimension.

Evidence: Stata 16's _marg_report.ado (opensafely-core/cohort-extractor, commit 1b3e58ab):
with e(k_predict) > 1 the header has no ``Expression`` line; after the ``dy/dx w.r.t.``,
``over``, ``within`` and ``Margins`` lines its ``PredLegend`` prints one line per prediction,
``k._predict   : <label>, predict(<options>)`` (e(predict#_label), e(predict#_opts)), unless
``nopredictlegend``; e(predict_label) is empty and e(expression) ``predict()`` (the only
values for which that ado prints the legend and no Expression line).  A Stata log of
``margins, predict(pr outcome(1)) predict(pr outcome(2)) predict(pr outcome(3))`` after ologit
(vincentarelbundock/marginaleffects' tests) shows that legend and the rows ``_predict`` /
``1`` ``2`` ``3``; r(b)'s names lead with the prediction (``1._predict#2._at#1.covered`` in a
public do-file).  Each prediction's margins are those of a margins run with it alone; their
covariance is the whole Jacobian's (the predictions share e(b)), so the stack is one r(V).

Ordering: _marg_stat computes each cell's predictions side by side, then _marg.mata's
``st__marg_reorder`` transposes the columns of each equation so that the prediction is the
outer dimension within it: without derivatives every margin of prediction 1 comes first (a
public log of ``margins, at(GTIa=(0(1)10))`` after ologit lists ``_predict#_at`` 1 1 ... 1 11,
2 1 ...); with dydx() each derivative's equation holds every prediction's rows (names
``x:1bn._predict#...``; _marg_work keeps the equation even for a single cell when there are
several predictions).
"""
from __future__ import annotations

from dataclasses import replace

from mlmcli.errors import StataError
from mlmcli.results.margins import LegendLine

SEVERAL = "margins with several predict() options"


def typed_predictions(typed: list) -> list[str]:
    """predict() as typed, each once: a repeat of the same options is Stata's r(198)
    (_marg_work's ._parse_predict); the same means the same text up to spacing and case."""
    seen = [" ".join(str(t).lower().split()) for t in typed]
    if len(set(seen)) < len(seen):
        raise StataError("redundant predict() option;\n"
                         "more than one predict option produces the same prediction", 198)
    return [str(t).strip() for t in typed]


def refuse_with_several(opts: dict, marginlist, over_ops, within_ops) -> None:
    """What mlm does not combine with several predictions (no Stata output to follow)."""
    if any(t.has_operator or t.within for t in marginlist) or over_ops or within_ops \
            or opts.get("contrast") is not None or opts.get("pwcompare") is not None:
        raise StataError(f"{SEVERAL} and contrasts or pairwise comparisons not supported by mlmcli", 198)
    if opts.get("mcompare") is not None and str(opts["mcompare"]).strip().lower() not in ("noadjust", "noadj"):
        raise StataError(f"{SEVERAL} and mcompare() not supported by mlmcli", 198)
    if opts.get("saving") is not None:
        raise StataError(f"{SEVERAL} and saving() not supported by mlmcli", 198)


def stacked(per_prediction: list[list]) -> list:
    """Every prediction's margins in r(b)'s order (module docstring); their ``_predict`` dims
    carry ``predict(opts)``, the margins file's value label of the dimension."""
    equations = list(dict.fromkeys(m.eq for m in per_prediction[0]))
    return [m for eq in equations for margins in per_prediction for m in margins if m.eq == eq]


def predict_dims(margins: list, options: list[str]) -> list:
    """The ``_predict`` coordinate labelled ``predict(opts)`` (marginsplot's tick labels)."""
    out = []
    for m in margins:
        dims = tuple((d, v, f"predict({options[int(v) - 1]})" if d == "_predict" else t) for d, v, t in m.dims)
        out.append(replace(m, dims=dims))
    return out


def legend(expressions: list[str]) -> tuple[LegendLine, ...]:
    """PredLegend: ``k._predict   : Pr(y==1), predict(outcome(1))``."""
    return tuple(LegendLine(f"{k}._predict", text) for k, text in enumerate(expressions, 1))


def stored_macros(predictions: list, options: list[str]) -> dict:
    """r(predict#_opts), r(predict#_label) (PredLegend reads them); r(predict_label) empty and
    r(expression) ``predict()``."""
    out = {"predict_label": "", "expression": "predict()"}
    for k, (pred, opt) in enumerate(zip(predictions, options), 1):
        out[f"predict{k}_opts"] = opt
        out[f"predict{k}_label"] = getattr(pred, "label", "")
    return out
