"""The fits fracpoly runs with ``estcmd(clogit)`` and ``estcmd(xtgee)`` inside ``twoway
fpfit``/``fpfitci`` (``graphs.fpfit_grouped_models`` reads estopts() and draws): mlm's own
clogit and xtgee engines with the options those commands take.

- clogit: ``group()``/``strata()``, ``offset()``, fweights/iweights/pweights (constant within
  group), ``vce(robust|cluster v)`` (``mlmcli.conditional_robust``), ``nonest`` (clusters that
  cross groups: the rows' scores summed by cluster), ``vce(opg)`` and ``technique(bhhh)`` alone
  (ml's OPG variance); the deviance is -2 ll, the weighted conditional log likelihood;
- xtgee: ``family()``, ``link()``, ``corr()`` (every structure; ``fixed`` reads the session's
  matrix), ``i()``, ``t()``, ``force``, ``offset()``/``exposure()``, ``scale()``, ``nmp``,
  ``rgf``, ``iterate()``, ``tolerance()`` (reached with the tolerance unmet: xtgee's r(430)
  from its display, so the fit fails), fweights/iweights/pweights (constant within panel); the
  deviance is -e(chi2);
- clogit's maximisation options (``clogit_maximize_options``): ``iterate()`` (reached: ml's
  warning, the estimates kept), ``tolerance()``/``ltolerance()``/``nrtolerance()``/
  ``nonrtolerance`` (ml's stopping rule, ``conditional_likelihood.maximise``), ``from()``
  (``fpfit_ml_start``'s init_specs; the others start at 0), ``difficult``, ``technique()``.

clogit's sample drops the rows where vce(cluster)'s variable is missing (clogit.ado marks it
out before checking that the groups nest within the clusters and before dropping the groups
whose outcome does not vary among the rows left), while fracpoly's sample keeps them
(``graphs.fpfit_command_sample``).
The same holds for an offset() (clogit, xtgee) or exposure() (xtgee: missing or <= 0, as
xtgee.ado takes ln(exposure) and marks that offset out) variable missing in the plot's sample.
What makes the command fail (a group split by clusters, weights varying within a group or
panel, an outcome outside the family's range, ...) fails inside fracpoly:
``FracpolyFailed`` (Stata's note, nothing drawn).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.fpfit_models import FracpolyFailed
from mlmcli.panel.replicates import constant_within


def variable_codes(ctx, name: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(nonmissing mask over ``rows``, integer codes of the variable there)."""
    values = ctx.data.column(name).to_numpy()[rows]
    if ctx.data.is_string(name):
        ok = np.array([v not in ("", None) for v in values])
        return ok, np.unique(values[ok].astype(str), return_inverse=True)[1]
    values = np.asarray(values, float)
    ok = np.isfinite(values)
    return ok, np.unique(values[ok], return_inverse=True)[1]


def cluster_over_rows(ctx, name: str, rows: np.ndarray) -> np.ndarray:
    """cluster(v)'s codes over ``rows``, -1 where v is missing (the command marks those rows out);
    FracpolyFailed when v is no variable (the command fails inside fracpoly)."""
    try:
        ok, codes = variable_codes(ctx, ctx.data.resolve(name), rows)
    except StataError:
        raise FracpolyFailed(f"variable {name} not found") from None
    out = np.full(len(rows), -1)
    out[ok] = codes
    return out


def offset_over_rows(ctx, command: str, model_options: dict, rows: np.ndarray) -> np.ndarray | None:
    """offset(v) or ln(exposure(v)) on the plot's rows (None without them), missing where v is
    and, for xtgee's exposure(), where v <= 0 (xtgee.ado: ``gen double offset = ln(exposure)``):
    the command marks those rows out of its sample (clogit.ado's and xtgee.ado's ``markout``)."""
    given = [k for k in ("offset", "exposure") if model_options.get(k)]
    if not given:
        return None
    if len(given) > 1:
        raise FracpolyFailed("only one of offset() or exposure() can be specified")
    name = str(model_options[given[0]]).strip()
    try:
        values = np.asarray(ctx.data.numeric(ctx.data.resolve(name))[rows], float)
    except StataError:
        raise FracpolyFailed(f"variable {name} not found") from None
    if given[0] == "exposure":
        logged = np.full(values.shape, np.nan)
        positive = values > 0  # missing is not
        logged[positive] = np.log(values[positive])
        values = logged
    return values


def offset_variable(ctx, model_options: dict) -> tuple[str | None, bool]:
    """(the offset() or exposure() variable's name, whether it is exposure()); (None, False)
    without them or when the name is not found (the command fails on it: ``offset_over_rows``)."""
    for key in ("offset", "exposure"):
        if model_options.get(key):
            try:
                return ctx.data.resolve(str(model_options[key]).strip()), key == "exposure"
            except StataError:
                return None, False
    return None, False


def maximize_settings(options: dict, failed) -> tuple[int, bool, tuple | None]:
    """ml's iterate() and tolerances as clogit reads them (here and in ``commands.estimation.
    conditional``): (iterate, whether typed, (tolerance, ltolerance, nrtolerance) when one is
    typed else None); ``technique()``'s words checked.  ``options``: the typed texts by name
    (``nonrtolerance``: any true value); ``failed(message)``: the exception of a bad value."""
    def number(name, default):
        text = options.get(name)
        if text is None:
            return default
        try:
            return float(str(text).strip())
        except ValueError:
            raise failed(f"option {name}() incorrectly specified") from None

    iterate = number("iterate", 300)
    if iterate < 0 or iterate != int(iterate):
        raise failed("option iterate() incorrectly specified")
    technique = str(options.get("technique") or "nr").lower().split()
    if not technique or technique[0].isdigit() or any(w not in ("nr", "bhhh", "dfp", "bfgs") and not w.isdigit()
                                                      for w in technique):
        raise failed(f"option technique() invalid: {options.get('technique')}")
    tolerances = None
    if any(options.get(k) is not None for k in ("tolerance", "ltolerance", "nrtolerance", "nonrtolerance")):
        tolerances = (number("tolerance", 1e-6), number("ltolerance", 1e-7),
                      float("inf") if options.get("nonrtolerance") else number("nrtolerance", 1e-5))
    return int(iterate), options.get("iterate") is not None, tolerances


def clogit_maximize_options(ctx, model_options: dict, y_name: str, x_name: str):
    """clogit's ml options inside fpfit: ``maximize_settings``' three and from()'s
    ``fpfit_ml_start.ModelOptions`` or None.  difficult and technique() change the path only
    (the conditional likelihood is concave), but technique(bhhh) alone makes ml's default
    variance OPG (``opg_default``).  An ill-formed value makes clogit fail (``FracpolyFailed``)."""
    from mlmcli.graphs.fpfit_ml_start import ModelOptions, read_from

    settings = maximize_settings(model_options, FracpolyFailed)
    start = None
    if model_options.get("from") is not None:
        hooks = getattr(ctx, "jackknife_hooks", None)
        if hooks is None or not hasattr(hooks, "session"):
            raise StataError("estopts(from()) not supported by mlmcli here", 198)
        try:
            read = read_from(hooks.session, str(model_options["from"]))
        except StataError as failure:  # a matrix not found ...: clogit fails
            raise FracpolyFailed(failure.message) from None
        start = ModelOptions(y_name, x_name, (), read)
    return settings + (start,)


def opg_default(model_options: dict) -> bool:
    """ml's variance is OPG under vce(opg) or technique(bhhh) alone."""
    technique = [w for w in str(model_options.get("technique") or "").lower().split() if not w.isdigit()]
    return bool(model_options.get("opg")) or (bool(technique) and all(w == "bhhh" for w in technique))


class ConditionalLogitFP:
    """clogit's pieces: the estimation rows (informative groups), the fit on a design."""

    def __init__(self, ctx, model_options: dict, rows: np.ndarray, y: np.ndarray, w=None, weight_kind=None,
                 vce_kind: str = "ols", cluster: np.ndarray | None = None, y_name: str = "y", x_name: str = "x"):
        from mlmcli.conditional_likelihood import group_index
        from mlmcli.conditional_robust import group_values
        from mlmcli.panel.groups import Panels

        given = [k for k in ("group", "strata") if model_options.get(k)]
        if len(given) != 1:  # clogit: "group() required" / "strata() and group() may not be ..."
            raise FracpolyFailed("group() required")
        name = ctx.data.resolve(str(model_options[given[0]]).strip())
        offset = offset_over_rows(ctx, "clogit", model_options, rows)
        ok, codes = variable_codes(ctx, name, rows)
        marked = np.ones(len(ok), bool)  # clogit.ado: markout `touse' `offset', then `cluster', strok
        if offset is not None:
            marked &= np.isfinite(offset)
        if cluster is not None:
            marked &= cluster >= 0
        if not marked.all():
            kept = marked[ok]
            ok[ok] = kept
            codes = np.unique(codes[kept], return_inverse=True)[1]
        if not ok.any():
            raise FracpolyFailed("no observations")
        self.nonest = bool(model_options.get("nonest"))
        if self.nonest and cluster is None:  # clogit.ado
            raise FracpolyFailed("option nonest requires the vce(cluster ...) option")
        # CheckClusters and CheckGroups' weight check: over the marked rows, before the groups
        # whose outcome does not vary are dropped
        if cluster is not None and not self.nonest and not constant_within(cluster[ok].astype(float), codes):
            raise FracpolyFailed("groups (strata) are not nested within clusters")
        if w is not None and not constant_within(np.asarray(w, float)[ok], codes):
            raise FracpolyFailed("weight must be constant within group")
        outcome = (y[ok] != 0).astype(float)
        panels = Panels(codes)
        totals = panels.sums(outcome)
        informative = ((totals > 0) & (totals < panels.sizes))[codes]
        if not informative.any():  # clogit: "outcome does not vary in any group" r(2000)
            raise FracpolyFailed("outcome does not vary in any group")
        self.used = np.flatnonzero(ok)[informative]
        self.y = outcome[informative]
        group_codes = np.unique(codes[informative], return_inverse=True)[1]
        self.codes = group_codes  # the informative groups of the estimation rows, 0..G-1
        self.groups = group_index(group_codes)
        self.offset = None if offset is None else offset[self.used]
        self.offset_name = offset_variable(ctx, model_options)[0]  # keep idcluster() may renumber it
        self.w_group = self.cluster_of_group = None
        if w is not None:
            self.w_group = group_values(np.asarray(w, float)[self.used], self.groups)
        self.cluster_of_row = None if cluster is None else cluster[self.used]
        if cluster is not None and not self.nonest:
            self.cluster_of_group = group_values(cluster[self.used], self.groups)
        self.weight_kind = weight_kind
        self.w_rows = None if w is None else np.asarray(w, float)[self.used]
        self.robust = vce_kind in ("robust", "cluster") or weight_kind == "pweight"
        self.maximize = clogit_maximize_options(ctx, model_options, y_name, x_name)
        if model_options.get("opg") and weight_kind == "pweight":  # _vce_parse (bhhh: robust wins)
            raise FracpolyFailed("vce(opg) not allowed with pweights")
        self.opg = opg_default(model_options) and not self.robust
        self.constraint_options = None  # xtlogit, fe's constraints(): fpfit_ml_start.ModelOptions

    def fit(self, X: np.ndarray, final: bool = False):
        """(b, V, -2 ll) on the estimation rows of the design X (every row of the plot);
        ``final``: fracpoly's final model (its terms fracgen's, for from()'s names)."""
        from mlmcli.conditional_likelihood import maximise
        from mlmcli.conditional_robust import (group_terms, opg_variance, robust_variance, score_index,
                                               weighted_derivatives)

        Xs = X[self.used]
        iterate, typed, tolerances, start_options = self.maximize
        start = None
        if start_options is not None:  # from(): the values given, 0 (clogit's start) the others
            from mlmcli.graphs.fpfit_ml_start import constraints_and_start

            try:
                start = constraints_and_start(start_options, X.shape[1], False, final)[1]
            except StataError as failure:  # ml's error: the command fails
                raise np.linalg.LinAlgError(failure.message) from None
            start = np.nan_to_num(start)
        derivatives, cmap = weighted_derivatives(self.w_group, self.offset), self._constraint_map(X.shape[1], final)
        if cmap is not None:  # ml's fit over gamma (conditional_likelihood.reduced_derivatives)
            from mlmcli.conditional_likelihood import reduced_derivatives

            start, derivatives = cmap.gamma(np.zeros(X.shape[1]) if start is None else start), \
                reduced_derivatives(derivatives, cmap)
        with np.errstate(all="ignore"):  # a from() far out overflows the first evaluation; steps back off
            b, ll, H, log, converged = maximise(derivatives, Xs, self.y,
                                                self.groups, max_iter=iterate, start=start, tolerances=tolerances)
        if not converged and not (typed and len(log) - 1 >= iterate):  # iterate() reached: ml's warning only
            raise np.linalg.LinAlgError("clogit did not converge")
        if not np.isfinite(ll):
            raise np.linalg.LinAlgError("clogit did not converge")
        if cmap is not None:
            from mlmcli.conditional_likelihood import constrained_estimates

            b, V = constrained_estimates(cmap, b, H)
        else:
            V = np.linalg.inv(-H)
        if self.robust and self.nonest:  # clogit.ado's Robust: the rows' scores u_t x_t by cluster
            u = score_index(Xs, self.y, self.groups, b, self.offset)
            V = robust_variance(V, u[:, None] * Xs, self.w_rows, self.weight_kind, self.cluster_of_row)[0]
        elif self.robust:
            scores = group_terms(Xs, self.y, self.groups, b, self.offset)[1]
            V = robust_variance(V, scores, self.w_group, self.weight_kind, self.cluster_of_group)[0]
        elif self.opg:
            V = opg_variance(group_terms(Xs, self.y, self.groups, b, self.offset)[1], self.w_group)
        return b, V, -2.0 * ll


    def _constraint_map(self, k: int, final: bool):
        """constraints()' ``glm.inference.ConstraintMap`` over this fit's k terms, or None; ml's
        error (inconsistent constraints) fails the fit."""
        if self.constraint_options is None:
            return None
        from mlmcli.glm.inference import ConstraintMap
        from mlmcli.graphs.fpfit_ml_start import constraints_and_start

        try:
            cns = constraints_and_start(self.constraint_options, k, False, final)[0]
            return None if cns is None else ConstraintMap(k, cns.R, cns.r)
        except StataError as failure:
            raise np.linalg.LinAlgError(failure.message) from None


class PopulationAveragedFP:
    """xtgee's pieces: panels (sorted by panel and time), the family, link and correlation."""

    def __init__(self, ctx, model_options: dict, rows: np.ndarray, y: np.ndarray, robust: bool, w=None,
                 weight_kind=None):
        from mlmcli.panel.gee_options import fixed_scale_option
        from mlmcli.panel.gee_options import (build_family, build_link, correlation_option,
                                                            family_and_link_text, time_positions)
        from mlmcli.panel.time_settings import panel_setting, time_setting

        try:  # xtgee's own errors in these options fail inside fracpoly
            family_name, rest, link_text = family_and_link_text(model_options, None, None)
            corr = correlation_option(ctx, model_options.get("corr"))
            fixed_scale_option(model_options, family_name, 1.0, 1.0, 2, 1)
        except StataError as failure:
            if "mlmcli" in failure.message:
                raise
            raise FracpolyFailed(failure.message) from None
        ivar = (ctx.data.resolve(str(model_options["i"]).strip()) if model_options.get("i")
                else panel_setting(ctx.data))
        if not ivar:  # xtgee: "panel variable not set; use xtset varname ..." r(459)
            raise FracpolyFailed("panel variable not set")
        tvar = ctx.data.resolve(str(model_options["t"]).strip()) if model_options.get("t") else time_setting(ctx.data)
        mask = np.zeros(ctx.data.nobs, bool)
        mask[rows] = True
        try:
            family = build_family(ctx.data, mask, family_name, rest)  # binomial denominators over ``rows``
            link = build_link(link_text, family)
        except StataError as failure:
            if "mlmcli" in failure.message:
                raise
            raise FracpolyFailed(failure.message) from None
        offset = offset_over_rows(ctx, "xtgee", model_options, rows)
        ok, _ = variable_codes(ctx, ivar, rows)
        if offset is not None:  # xtgee.ado: markout `touse' `offset' ...
            ok &= np.isfinite(offset)
        tval = np.zeros(len(rows))
        if corr.time_indexed:
            if not tvar:
                raise FracpolyFailed("time variable not set")
            tval = np.asarray(ctx.data.numeric(tvar), float)[rows]
            ok &= np.isfinite(tval)
        if family.m is not None:
            ok &= np.isfinite(family.m)
        codes = np.unique(np.asarray(ctx.data.column(ivar).to_numpy()[rows])[ok], return_inverse=True)[1]
        yy = y[ok]
        self._check_outcome(family, yy)
        used = np.flatnonzero(ok)
        order = np.lexsort((np.arange(len(used)), tval[ok], codes))
        self.used, self.y, self.codes, self.ivar = used[order], yy[order], codes[order], ivar
        if corr.time_indexed:
            if np.any((np.diff(self.codes) == 0) & (np.diff(tval[self.used]) == 0)):
                raise FracpolyFailed("repeated time values within panel")
            if corr.kind not in ("unstructured", "fixed") and not model_options.get("force"):
                self._keep_modal_spacing(tval)
            try:
                self.pos = time_positions(tval[self.used], self.codes, corr, bool(model_options.get("force")), tvar)
            except StataError as failure:  # unequal spacing without force: xtgee fails
                raise FracpolyFailed(failure.message) from None
            T = int(self.pos.max()) + 1
            if corr.kind in ("ar", "stationary", "nonstationary") and corr.order >= T or \
                    corr.kind == "fixed" and corr.matrix.shape != (T, T):
                raise FracpolyFailed("corr() does not fit the panels")
        else:
            self.pos = np.zeros(len(used), int)
        self.w = None
        if w is not None:
            if not constant_within(np.asarray(w, float)[self.used], self.codes):
                raise FracpolyFailed("weight must be constant within panel")
            self.w = np.asarray(w, float)[self.used]
        if family.m is not None:
            from dataclasses import replace

            family = replace(family, m=np.asarray(family.m, float)[self.used])
        self.family, self.link, self.corr = family, link, corr
        self.offset = None if offset is None else offset[self.used]
        self.offset_name, self.exposure = offset_variable(ctx, model_options)  # keep idcluster() may renumber it
        self.robust = robust or weight_kind == "pweight"
        self.weight_kind, self.options = weight_kind, model_options
        try:  # xtgee's iterate(#) (default 100) and tolerance(#) (1e-6); ill-formed: xtgee fails
            self.iterate = int(str(model_options.get("iterate") or 100).strip())
            self.tolerance = float(str(model_options.get("tolerance") or 1e-6).strip())
        except ValueError:
            raise FracpolyFailed("option iterate() or tolerance() incorrectly specified") from None

    def _keep_modal_spacing(self, tval: np.ndarray) -> None:
        """xtgee.ado's KeepMode, as the plain xtgee applies it (``panel.gee_options.modal_spacing``):
        unequally spaced times drop every panel off the modal step from each fit fracpoly makes
        (xtgee's note is under fracpoly's quietly), so fracpred's ``if e(sample)`` leaves their
        points undrawn; none left is xtgee's "no observations": the fit fails."""
        from mlmcli.panel.gee_options import modal_spacing

        found = modal_spacing(tval[self.used], self.codes)
        if found is None:
            return
        kept = found[0]
        if not kept.any():
            raise FracpolyFailed("no observations")
        self.used, self.y = self.used[kept], self.y[kept]
        self.codes = np.unique(self.codes[kept], return_inverse=True)[1]

    @staticmethod
    def _check_outcome(family, y: np.ndarray) -> None:
        if family.bernoulli and np.any((y < 0) | (y > 1)):
            raise FracpolyFailed("outcome must be between 0 and 1")
        try:
            family.check_outcome(y)
        except StataError as failure:
            raise FracpolyFailed(failure.message) from None

    def fit(self, X: np.ndarray, constant: bool):
        """(b, V, -e(chi2)) on the design X (every row of the plot; the constant first)."""
        from mlmcli.panel.gee_options import fixed_scale_option, rescaled_model_variance, rescaled_variance
        from mlmcli.panel.gee import fit_gee

        Xs = X[self.used]
        try:  # iterate() reached with the tolerance unmet: xtgee's r(430), the fit failing (below)
            fit = fit_gee(self.y, Xs, self.codes, self.pos, family=self.family, link=self.link, corr=self.corr,
                          offset=self.offset, robust=self.robust, weights=self.w, weight_kind=self.weight_kind,
                          nmp=bool(self.options.get("nmp")), rgf=bool(self.options.get("rgf")),
                          tol=self.tolerance, max_iter=self.iterate)
        except (FloatingPointError, ValueError):
            raise np.linalg.LinAlgError("xtgee failed") from None
        if not fit.converged or not np.all(np.isfinite(fit.b)):
            raise np.linalg.LinAlgError("xtgee did not converge")
        n_eff = len(self.y) if self.w is None else float(self.w.sum())
        scale = fixed_scale_option(self.options, self.family.name, fit.pearson, fit.deviance, n_eff, Xs.shape[1])
        if scale is not None:
            fit = rescaled_model_variance(fit, scale) if self.robust else rescaled_variance(fit, scale)
        return fit.b, fit.V, self.deviance(fit.b, fit.V, constant)

    @staticmethod
    def deviance(b: np.ndarray, V: np.ndarray, constant: bool) -> float:
        """frac_dv's -e(chi2), 0 when e(chi2) is missing."""
        from mlmcli.panel.design import slopes_wald

        names = ["_cons" if constant and j == 0 else f"_fp{j}" for j in range(len(b))]
        chi2, _, _ = slopes_wald(names, b, V)
        return -chi2 if np.isfinite(chi2) else 0.0

    def refit_rows(self, X: np.ndarray, rows: np.ndarray, new_codes: np.ndarray, frequencies=None) -> np.ndarray:
        """b of a replicate: the GEE on the estimation rows ``rows`` (panel and time order kept),
        panels ``new_codes``; ``frequencies``: the rows' fweights there (jackknife's copy less)."""
        weights = frequencies if frequencies is not None else None if self.w is None else self.w[rows]
        return self._gee(X[self.used], rows, new_codes, weights, robust=False).b

    def estimate(self, X: np.ndarray, keep, names: list[str], scalars: bool):
        """(e(b), e(V), e()'s scalars or {}) of xtgee on the design X (over the plot's rows, in
        ``names``' order) and the estimation rows ``keep`` (None: all; a mask; or each row's
        weight under the jackknife's weighted loops, 0 where left out): the fit a replicate
        prefix runs, its e() what reject() and n() read (``panel.gee.stored_scalars``; e(chi2)
        the Wald test of every coefficient but ``_cons``)."""
        from mlmcli.panel.design import slopes_wald
        from mlmcli.panel.gee import stored_scalars
        from mlmcli.panel.gee_options import fixed_scale_option, rescaled_model_variance, rescaled_variance

        if keep is None:
            rows, weights = np.arange(len(self.y)), self.w
        elif keep.dtype == bool:
            rows = np.flatnonzero(keep)
            weights = None if self.w is None else self.w[rows]
        else:
            rows = np.flatnonzero(keep > 0)
            weights = np.asarray(keep, float)[rows]
        codes = np.unique(self.codes[rows], return_inverse=True)[1]
        Xs = X[self.used]
        fit = self._gee(Xs, rows, codes, weights, self.robust)
        n_eff = float(len(rows)) if weights is None else float(weights.sum())
        scale = fixed_scale_option(self.options, self.family.name, fit.pearson, fit.deviance, n_eff, Xs.shape[1])
        if scale is not None:
            fit = rescaled_model_variance(fit, scale) if self.robust else rescaled_variance(fit, scale)
        if not scalars:
            return fit.b, fit.V, {}
        chi2, df_m, p = slopes_wald(names, fit.b, fit.V)
        N = n_eff if self.weight_kind == "fweight" else float(len(rows))
        return fit.b, fit.V, stored_scalars(fit, N, codes, chi2, df_m, p)

    def _gee(self, Xs: np.ndarray, rows: np.ndarray, codes: np.ndarray, weights, robust: bool):
        """The GEE on the estimation rows ``rows`` (of ``Xs``, the design over them), panels
        ``codes``; np.linalg.LinAlgError when xtgee fails or does not converge."""
        from dataclasses import replace

        from mlmcli.panel.gee import fit_gee

        family = self.family if self.family.m is None else replace(self.family, m=self.family.m[rows])
        try:
            with np.errstate(all="ignore"):
                fit = fit_gee(self.y[rows], Xs[rows], codes, self.pos[rows], family=family, link=self.link,
                              corr=self.corr, offset=None if self.offset is None else self.offset[rows], robust=robust,
                              weights=weights, weight_kind=self.weight_kind, nmp=bool(self.options.get("nmp")),
                              rgf=bool(self.options.get("rgf")), tol=self.tolerance, max_iter=self.iterate)
        except (FloatingPointError, ValueError):
            raise np.linalg.LinAlgError("xtgee failed") from None
        if not fit.converged or not np.all(np.isfinite(fit.b)):
            raise np.linalg.LinAlgError("xtgee did not converge")
        return fit
