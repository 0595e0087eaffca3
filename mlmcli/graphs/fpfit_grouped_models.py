"""``twoway fpfit``/``fpfitci``'s ``estcmd(clogit|xtgee|mlogit)``: what Stata 13's fracpoly
(frac_154, frac_dv) and fracpred do with these commands, fitted by mlm's own engines.

- ``clogit`` (``mlmcli.conditional_likelihood``): every model is fitted with the groups of
  ``estopts(group(v))`` (or ``strata(v)``), no constant (frac_154 refuses ``noconstant``:
  "invalid with command clogit"); the powers are those of the smallest deviance -2 ll, the
  conditional log likelihood (frac_dv).  clogit drops the rows whose group is missing and
  the groups whose outcome (y != 0) does not vary; fracpoly's shift, scale and centring
  still use every row of the plot (its own sample).  fracpred's x b is the centred terms
  times b (there is no constant), its stdp sqrt(x V x'), drawn only where e(sample) holds:
  twoway__fpfit_serset keeps, of the rows sorted by x and y, the first at each distinct x,
  and fracpred predicts ``if e(sample)`` -- a point whose kept row clogit dropped is missing
  (rows tied in x and y: the first in the data's order).  ``dresid`` is fracpred's error
  "dresid option of fracpred not supported for clogit".  Without ``group()`` clogit fails
  inside fracpoly (Stata's note, nothing drawn).
- ``xtgee`` (``mlmcli.panel.gee``): the panels of ``xtset`` or ``i()``, the families,
  links and working correlations mlm's xtgee fits; there is no likelihood, and frac_dv's
  deviance is -e(chi2), the model's Wald chi2 (robust with ``vce(robust)``): the powers
  with the largest Wald statistic win.  fracpred's x b and stdp as after regress (with the
  constant), the band with the normal quantile; ``dresid``: fracpred computes nothing for
  xtgee (its residuals are missing: nothing drawn).
- ``mlogit`` (``mlmcli.glm.multinomial``): fracpoly fits (the deviance -2 ll), but fracpred
  refuses every multinomial model: "mlogit not yet supported by fracpred" r(198) -- the
  graph fails with that error, unless fracpoly itself failed (the note).

Options Stata's commands take that mlm does not fit with (weights and vce(robust|cluster)
with clogit, offset(), exposure(), scale(), constraints() ...) are refused; options the
command would reject make it fail inside fracpoly: ``FracpolyFailed`` (the note).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.fpfit_models import GROUPED_COMMANDS as COMMANDS, FracpolyFailed
# options that change nothing drawn
_REPORTING = {"clogit": ("or", "nolog", "log", "level"), "xtgee": ("eform", "nolog", "log", "level", "nodisplay"),
              "mlogit": ("rrr", "nolog", "log", "level", "baseoutcome")}
# the commands' own options fpfit does not fit with
_NOT_FITTED = {"clogit": ("offset", "iterate", "tolerance", "ltolerance", "nrtolerance", "from", "difficult",
                          "technique", "score", "nonest"),
               "xtgee": ("offset", "exposure", "scale", "nmp", "rgf", "iterate", "tolerance"),
               "mlogit": ("constraints", "iterate", "tolerance", "ltolerance", "nrtolerance", "from", "difficult",
                          "technique")}
_MODEL = {"clogit": ("group", "strata"), "xtgee": ("family", "link", "corr", "i", "t"), "mlogit": ()}
_CORR = (("exchangeable", 3), ("independent", 3), ("unstructured", 3), ("ar", 2), ("stationary", 3),
         ("nonstationary", 3), ("fixed", 3))


def _word(name: str, table) -> str | None:
    from mlmcli.syntax.abbreviation import resolve_choice

    return resolve_choice(name.lower(), table)


def read_options(typed: list, command: str, settings: dict) -> list:
    """estopts() after estcmd(clogit|xtgee|mlogit): the model's options into
    ``settings["model"]`` (name -> text), the reporting ones dropped, those fpfit does not fit
    with refused; what is left (noconstant, robust, vce(), cluster()) for
    ``fit_options.estimation_options``, checked here against what the command accepts."""
    model = settings.setdefault("model", {})
    kept = []
    own = [(w, 2 if w in ("or", "rrr", "log") else 1) for w in _MODEL[command] + _REPORTING[command]
           + _NOT_FITTED[command]]
    for option in typed:
        name = option.name.lower()
        word = _word(name, own) if name not in ("robust", "vce", "cluster", "noconstant", "nocons") else None
        if word in _REPORTING[command]:
            continue
        if word in _NOT_FITTED[command]:
            raise StataError(f"estopts(): option {option.name} not supported by mlmcli with estcmd({command})", 198)
        if word in _MODEL[command]:
            model[word] = option.arg
            continue
        kind = str(option.arg or "").strip().lower()
        if name == "vce" and (kind in ("oim", "conventional") or "conventional".startswith(kind) and len(kind) >= 4):
            continue  # the default variance
        if command == "clogit" and (name in ("robust", "vce") or "cluster".startswith(name) and len(name) >= 2):
            raise StataError(f"estopts(): {option.name} not supported by mlmcli with estcmd(clogit): fpfit "
                             "fits clogit's observed-information variance", 198)
        if command == "clogit" and name.startswith("nocons"):  # frac_154: noconstant invalid with clogit
            raise FracpolyFailed("option noconstant invalid with command clogit")
        if command == "xtgee" and (("cluster".startswith(name) and len(name) >= 2)
                                   or (name == "vce" and kind.startswith("cl"))):
            raise FracpolyFailed("option cluster() not allowed")  # xtgee has vce(robust), not cluster
        kept.append(option)
    return kept


def _rows_by_first_point(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """twoway__fpfit_serset's rows: sorted by x and y, the first at each distinct x (x ascending)."""
    order = np.lexsort((y, x))
    return order[np.r_[True, np.diff(x[order]) != 0]]


def _codes(ctx, name: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(nonmissing mask over ``rows``, integer codes of the variable there)."""
    values = ctx.data.column(name).to_numpy()[rows]
    if ctx.data.is_string(name):
        ok = np.array([v not in ("", None) for v in values])
        return ok, np.unique(values[ok].astype(str), return_inverse=True)[1]
    values = np.asarray(values, float)
    ok = np.isfinite(values)
    return ok, np.unique(values[ok], return_inverse=True)[1]


class ConditionalLogitFP:
    """clogit's pieces: the estimation rows (informative groups), the fit on a design."""

    def __init__(self, ctx, model_options: dict, rows: np.ndarray, y: np.ndarray):
        from mlmcli.conditional_likelihood import group_index
        from mlmcli.panel.groups import Panels

        given = [k for k in ("group", "strata") if model_options.get(k)]
        if len(given) != 1:  # clogit: "group() required" / "strata() and group() may not be ..."
            raise FracpolyFailed("group() required")
        name = ctx.data.resolve(str(model_options[given[0]]).strip())
        ok, codes = _codes(ctx, name, rows)
        outcome = (y[ok] != 0).astype(float)
        panels = Panels(codes)
        totals = panels.sums(outcome)
        informative = ((totals > 0) & (totals < panels.sizes))[codes]
        if not informative.any():  # clogit: "outcome does not vary in any group" r(2000)
            raise FracpolyFailed("outcome does not vary in any group")
        self.used = np.flatnonzero(ok)[informative]
        self.y = outcome[informative]
        self.groups = group_index(np.unique(codes[informative], return_inverse=True)[1])

    def fit(self, X: np.ndarray):
        """(b, V, -2 ll) on the estimation rows of the design X (every row of the plot)."""
        from mlmcli.conditional_likelihood import clogit_derivatives, maximise

        Xs = X[self.used]
        b, ll, H, _, converged = maximise(clogit_derivatives, Xs, self.y, self.groups)
        if not converged or not np.isfinite(ll):
            raise np.linalg.LinAlgError("clogit did not converge")
        return b, np.linalg.inv(-H), -2.0 * ll


class PopulationAveragedFP:
    """xtgee's pieces: panels (sorted by panel and time), the family, link and correlation."""

    def __init__(self, ctx, model_options: dict, rows: np.ndarray, y: np.ndarray, robust: bool):
        from mlmcli.dataset import panel_setting, time_setting
        from mlmcli.glm.exponential_family import family_from_option, link_from_option

        family = family_from_option(model_options.get("family") or "gaussian", None, np.ones(len(y), bool))
        if family.name not in ("gaussian", "binomial", "poisson"):
            raise StataError(f"estopts(family({family.name})) not supported by mlmcli with estcmd(xtgee): mlm's "
                             "xtgee fits gaussian, binomial and poisson", 198)
        words = str(model_options.get("family") or "").split()
        if family.name == "binomial" and len(words) > 1 and words[1:] != ["1"]:
            raise StataError("estopts(family(binomial #|varname)) not supported by mlmcli with estcmd(xtgee)", 198)
        link = link_from_option(model_options.get("link"), family)
        if link.name not in ("identity", "log", "logit", "probit", "cloglog"):
            raise StataError(f"estopts(link({link.name})) not supported by mlmcli with estcmd(xtgee)", 198)
        corr = "exchangeable"
        if model_options.get("corr"):
            corr = _word(str(model_options["corr"]).split()[0], _CORR) if str(model_options["corr"]).split() else None
            if corr is None:
                raise FracpolyFailed("corr() invalid")
            if corr not in ("exchangeable", "independent", "unstructured"):
                raise StataError(f"estopts(corr({corr})) not supported by mlmcli with estcmd(xtgee) (exchangeable, "
                                 "independent and unstructured are)", 198)
        ivar = (ctx.data.resolve(str(model_options["i"]).strip()) if model_options.get("i")
                else panel_setting(ctx.data))
        if not ivar:  # xtgee: "panel variable not set; use xtset varname ..." r(459)
            raise FracpolyFailed("panel variable not set")
        tvar = ctx.data.resolve(str(model_options["t"]).strip()) if model_options.get("t") else time_setting(ctx.data)
        ok, codes = _codes(ctx, ivar, rows)
        tval = np.zeros(len(rows))
        if corr == "unstructured":
            if not tvar:
                raise FracpolyFailed("time variable not set")
            tval = np.asarray(ctx.data.numeric(tvar), float)[rows]
            ok &= np.isfinite(tval)
            codes = np.unique(np.asarray(ctx.data.column(ivar).to_numpy()[rows])[ok], return_inverse=True)[1]
        yy = y[ok]
        if family.name == "binomial" and np.any((yy < 0) | (yy > 1)):
            raise FracpolyFailed("outcome must be between 0 and 1")
        if family.name == "poisson" and np.any(yy < 0):
            raise FracpolyFailed("outcome must be nonnegative")
        used = np.flatnonzero(ok)
        order = np.lexsort((np.arange(len(used)), tval[ok], codes))
        self.used, self.y, self.codes = used[order], yy[order], codes[order]
        self.pos = (np.unique(tval[ok], return_inverse=True)[1][order] if corr == "unstructured"
                    else np.zeros(len(used), int))
        if corr == "unstructured" and np.any((np.diff(self.codes) == 0) & (np.diff(self.pos) == 0)):
            raise FracpolyFailed("repeated time values within panel")
        self.family, self.link, self.corr, self.robust = family.name, link.name, corr, robust

    def fit(self, X: np.ndarray, constant: bool):
        """(b, V, -e(chi2)) on the design X (every row of the plot; the constant first)."""
        from mlmcli.panel.design import slopes_wald
        from mlmcli.panel.gee import fit_gee

        # the conventional variance's scale: phi for the Gaussian, 1 for binomial and Poisson (xtgee's default)
        fit = fit_gee(self.y, X[self.used], self.codes, self.pos, family=self.family, link=self.link, corr=self.corr,
                      robust=self.robust, fixed_scale=None if self.family == "gaussian" else 1.0)
        if not fit.converged:
            raise np.linalg.LinAlgError("xtgee did not converge")
        names = ["_cons" if constant and j == 0 else f"_fp{j}" for j in range(X.shape[1])]
        chi2, _, _ = slopes_wald(names, fit.b, fit.V)
        return fit.b, fit.V, -chi2 if np.isfinite(chi2) else 0.0


def _multinomial_fails(y, X, w, weight_kind, constant: bool, outcomes):
    """mlogit on the design: -2 ll (None when the fit fails)."""
    from mlmcli.glm.multinomial import MultinomialSpec, fit_multinomial
    from mlmcli.mixed.spec import CoefLabel

    labels = tuple(CoefLabel(f"_fp{j}") for j in range(X.shape[1] - constant)) + (
        (CoefLabel("_cons"),) if constant else ())
    Xc = np.column_stack([X[:, 1:], X[:, :1]]) if constant else X
    codes = np.searchsorted(outcomes, y)
    counts = np.bincount(codes, weights=w, minlength=len(outcomes))
    spec = MultinomialSpec("y", codes, tuple(outcomes), tuple(str(v) for v in outcomes), int(np.argmax(counts)),
                           Xc, labels, fweight=w if weight_kind == "fweight" else None,
                           pweight=w if weight_kind == "pweight" else None, constant=constant)
    fit = fit_multinomial(spec)
    return -2.0 * fit.loglik if np.isfinite(fit.loglik) and fit.converged else None


def _mlogit(y, x, w, weight_kind, fp_settings) -> None:
    """fracpoly with mlogit, then fracpred's refusal (module docstring)."""
    from mlmcli.fractional_polynomials import best_fp

    if weight_kind == "iweight":
        raise StataError("iweights not supported by mlmcli with estcmd(mlogit)", 101)
    outcomes = np.unique(y)
    if len(outcomes) < 2 or len(outcomes) > 50 or weight_kind == "aweight":  # mlogit fails inside fracpoly
        raise FracpolyFailed("mlogit failed")
    ww = np.ones(len(y)) if w is None else np.asarray(w, float)

    def deviance(X):
        try:
            return _multinomial_fails(y, X, ww, weight_kind, fp_settings["constant"], outcomes)
        except (np.linalg.LinAlgError, StataError):
            return None
    try:
        best_fp(y, x, **fp_settings, criterion=deviance)
    except StataError:  # no candidate fitted: fracpoly fails
        raise FracpolyFailed("mlogit failed") from None
    raise StataError("mlogit not yet supported by fracpred", 198)


def grouped_fit(ctx, command: str, rows: np.ndarray, y, x, w, weight_kind, vce, se, dresid, fp_settings, settings):
    """(b, V, the FP, the points drawn) of fracpoly with ``command`` on the plot's rows
    ``rows`` (indices into the data), or None when fracpoly fails (Stata's note).  The
    points: a mask over the distinct x (fracpred's ``if e(sample)``)."""
    from mlmcli.fractional_polynomials import best_fp

    if se in ("stdf", "stdr"):  # fracpred has stdp only
        raise StataError(f"option {se} not allowed", 198)
    try:
        if command == "mlogit":
            return _mlogit(y, x, w, weight_kind, fp_settings)
        if weight_kind is not None:
            if weight_kind == "aweight":  # neither clogit nor xtgee takes aweights
                raise FracpolyFailed("aweights not allowed")
            raise StataError(f"weights not supported by mlmcli with estcmd({command})", 101)
        if dresid and command == "clogit":  # fracpred.ado
            raise StataError("dresid option of fracpred not supported for clogit", 198)
        if vce.kind not in ("ols", "robust"):
            raise StataError(f"estopts(): vce({vce.kind}) not supported by mlmcli with estcmd({command})", 198)
        constant = fp_settings["constant"]
        if command == "clogit":
            engine = ConditionalLogitFP(ctx, settings.get("model", {}), rows, y)
            fit = engine.fit
        else:
            engine = PopulationAveragedFP(ctx, settings.get("model", {}), rows, y, vce.kind == "robust")

            def fit(X, _fit=engine.fit):
                return _fit(X, constant)

        def deviance(X):
            try:
                return fit(X)[2]
            except np.linalg.LinAlgError:
                return None
        try:
            model = best_fp(y, x, **fp_settings, criterion=deviance)
        except StataError:
            raise FracpolyFailed("no model fitted") from None
        X = model.terms(x)
        try:
            b, V, _ = fit(X)
        except np.linalg.LinAlgError:
            raise FracpolyFailed("the final model failed") from None
    except FracpolyFailed:
        return None
    if constant:  # fpfit_plot's order: the terms, then the constant
        b, V = np.r_[b[1:], b[:1]], V[np.ix_(list(range(1, len(b))) + [0], list(range(1, len(b))) + [0])]
    in_sample = np.zeros(len(y), bool)
    in_sample[engine.used] = True
    drawn = in_sample[_rows_by_first_point(x, y)]
    if dresid:  # fracpred leaves xtgee's deviance residuals missing
        drawn = np.zeros_like(drawn)
    return b, V, model, drawn
