"""``margins, expression(exp)``: margins of a function of predictions and variables,
``expression(exp(predict(xb)))``, ``expression(predict(pr)*2)``, ``expression(xb() * x)``.

Every ``predict(options)`` (and ``xb()``) in the expression is the fit's margins
prediction p_k = h_k(eta; a); the expression E(p_1 .. p_m, variables) is evaluated by the
expression engine on the margins rows with the covariates as the margin sets them.  Its
derivatives with respect to the coefficients follow the chain rule,

    dE/dbeta = sum_k (dE/dp_k) h_k'(eta) x,   dE/da = sum_k (dE/dp_k) dh_k/da,

with dE/dp_k by Richardson-extrapolated central differences (step 1e-5 (|p_k| + 1e-3));
dy/dx and elasticities of an expression are differences in the covariate
(``MarginCalculator._numeric_effect``), as Stata's margins computes them numerically.  ``_b[]``/``_se[]`` inside the expression are refused (their
derivatives would be missing from the delta method).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.textscan import matching_close

_PREDICT = re.compile(r"\b(predict|xb)\s*\(", re.I)


def _substitute(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The expression with predict(...)/xb() replaced by placeholder names, and (name, options)."""
    out, found, i = [], [], 0
    while True:
        m = _PREDICT.search(text, i)
        if not m:
            out.append(text[i:])
            break
        close = matching_close(text, m.end() - 1, "(")
        if close < 0:
            raise StataError("invalid expression", 198)
        opts = text[m.end():close].strip()
        if m.group(1).lower() == "xb":
            if opts:
                raise StataError("invalid expression", 198)
            opts = "xb"
        name = f"__margins_p{len(found) + 1}"
        found.append((name, opts))
        out.append(text[i:m.start()] + name)
        i = close + 1
    return "".join(out), found


class _DataView:
    """The session with another dataset in memory (for the expression engine)."""

    def __init__(self, session, data):
        self._session = session
        self.data = data

    def __getattr__(self, name):
        return getattr(self._session, name)


class ExpressionPrediction:
    """A margins prediction for ``expression()`` (duck-types ``MarginsPrediction`` with the
    per-row ``row_response`` the engine calls, and numerical derivatives in covariates)."""

    linear = False
    numeric_derivatives = True

    def __init__(self, session, text: str, compiled: str, parts, variables):
        self.session = session
        self.label = ""
        self.text = text
        self.compiled = compiled
        self.parts = parts  # [(placeholder, prediction)]
        self.variables = variables
        anc: list[str] = []
        for _, p in parts:
            anc += [a for a in p.ancillary if a not in anc]
        self.ancillary = tuple(anc)

    def _moved_parts(self, shift, scale):
        """[(name, prediction, positions of its ancillary parameters, whether the fitted metric
        moves their columns)] over ``shift`` and ``scale`` of this prediction's ancillary ones."""
        where = {n: i for i, n in enumerate(self.ancillary)}
        out = []
        for name, pred in self.parts:
            idx = [where[n] for n in pred.ancillary]
            out.append((name, pred, idx, bool(idx) and bool(np.any(shift[idx] != 0) or np.any(scale[idx] != 1))))
        return out

    def reads_fitted_metric(self, shift, scale) -> bool:
        """Every prediction whose other equations' columns a fit on shifted columns moves reads
        them in its fitted metric (``margins.estimate.reads_metric``)."""
        return all(hasattr(pred, "in_fitted_metric") for _, pred, _, moved in self._moved_parts(shift, scale)
                   if moved)

    def in_fitted_metric(self, shift, scale) -> "ExpressionPrediction":
        """This expression over its predictions in the fitted metric (``margins.equations``)."""
        import copy

        shift, scale = np.asarray(shift, float), np.asarray(scale, float)
        out = copy.copy(self)
        out.parts = [(name, pred.in_fitted_metric(shift[idx], scale[idx]) if moved else pred)
                     for name, pred, idx, moved in self._moved_parts(shift, scale)]
        return out

    def _evaluate(self, design, setting, values: dict) -> np.ndarray:
        import pandas as pd

        from mlmcli.dataset import Dataset
        from mlmcli.expr import evaluate

        cols = {}
        for v in self.variables:
            val = design.value(setting, v) if v in design.sample.values else None
            if val is None:
                continue
            cols[v] = np.broadcast_to(np.asarray(val, float), (design.n,)).copy()
        for name, val in values.items():
            cols[name] = np.broadcast_to(np.asarray(val, float), (design.n,)).copy()
        out = evaluate(_DataView(self.session, Dataset(df=pd.DataFrame(cols))), self.compiled)
        if out.dtype == object:
            from mlmcli.errors import type_mismatch

            raise type_mismatch()
        return np.asarray(out, float)

    def row_response(self, design, setting, eta, a):
        a = np.asarray(a, float)
        where = {n: i for i, n in enumerate(self.ancillary)}
        resp = []
        for name, pred in self.parts:
            ak = a[[where[n] for n in pred.ancillary]] if pred.ancillary else np.zeros(0)
            # a prediction that reads the rows (an offset, streg's _t) answers through row_response
            p, d1, _, da, _ = (pred.row_response(design, setting, eta, ak) if hasattr(pred, "row_response")
                               else pred.response(eta, ak))
            resp.append((name, np.broadcast_to(np.asarray(p, float), (design.n,)), d1, da, pred))
        base = {name: p for name, p, _, _, _ in resp}
        value = self._evaluate(design, setting, base)
        d1_total = 0.0
        da_total = np.zeros((design.n, len(self.ancillary))) if self.ancillary else None
        for name, p, d1, da, pred in resp:
            h = 1e-5 * (np.abs(p) + 1e-3)

            def central(step):
                up = self._evaluate(design, setting, {**base, name: p + step})
                dn = self._evaluate(design, setting, {**base, name: p - step})
                return (up - dn) / (2 * step)

            g = (4 * central(h / 2) - central(h)) / 3  # Richardson: error O(h^4)
            d1_total = d1_total + g * d1
            if da is not None and da_total is not None:
                da_total[:, [where[n] for n in pred.ancillary]] += g[:, None] * np.asarray(da)
        return value, d1_total, None, da_total, None


def expression_prediction(session, setup, text: str):
    """(prediction, Expression text) for ``expression(text)``."""
    if re.search(r"\b_(b|se|coef)\s*\[", text):
        raise StataError("expression() may not contain _b[] or _se[]", 198)
    compiled, found = _substitute(text)
    if not found:
        raise StataError("expression() must contain predict() or xb()", 198)
    fit = setup.e.model
    parts = [(name, fit.margins_prediction(opts)) for name, opts in found]
    for _, part in parts:
        if hasattr(part, "bind_session"):  # nl's yhat (margins_nl)
            part.bind_session(session)
    data = session.data
    names = set(re.findall(r"[^\W\d]\w*", compiled)) - {n for n, _ in found}
    variables = [v for v in data.varnames if v in names]
    pred = ExpressionPrediction(session, text, compiled, parts, variables)
    from mlmcli.expr.compiler import compile_expression

    compile_expression(compiled)  # a syntax error is reported before any margin is computed
    return pred, text
