"""The bootstrap prefix around each fit of a twoway fit (``graphs.fpfit_bootstrap``'s settings):
reject(), saving() and the replicates, the same for every estcmd.

fracpoly (frac_154) fits, each time with the options typed, (1) the model without x, not
captured, (2) every candidate under ``capture``, (3) the final model on fracgen's ``Ix__1 ...``,
not captured; twoway__fpfit_serset captures fracpoly.  So, with ``saving(f)``
(bootstrap.ado's ``postfile ... using f, replace`` after the full-sample run):

- with ``replace``: every fit writes f, which holds the final model's replicates (``_b_Ix__1
  _b_Ix__2 _b_cons``; after the ML commands ``y_b_Ix__1 ... y_b_cons``, nbreg's
  ``lnalpha_b_cons`` ...: ``fileformats.replicates.equation_statistics``); when the final fit
  fails (reject()'s r(9) on its full-sample e(b), or fewer than two replicates left), the last
  fit that ran before it: with reject() each fit before the final one runs under the prefix
  (``check_fit``) and writes f (a candidate's e(b) on frac_154's temporary names);
- without it: f existing, the first fit fails (r(602)) -- fracpoly fails, the note; else the
  first fit writes f (the model without x: ``_b_cons``) and every candidate fails on it (r(602))
  under capture, so fracpoly keeps no powers, fracgen stops, the note: f holds the model without
  x.  ``BootstrapPrefix.first_fit`` does this; the callers draw nothing.

lfit/qfit run one regress: f holds its replicates (``_b_x _b_cons``; qfit's x^2 its temporary
name's), never over a file without ``replace`` (r(602)).

reject(exp) (_prefix_reject, _loop_bs): asserted with the full-sample e() over the data (true in
every observation: "bootstrap rejected results from <cmd> while using the entire dataset" r(9),
the command failing), then each replicate whose e() makes exp true (or fails to evaluate) is
missing, out of V and posted missing to f -- in every fit fracpoly makes (``check_fit`` before the
final one: ``graphs.fpfit_prefix_fits``).  The e() it sees: e(b) (e(V) zeros), e(N) (the rows
drawn), e(cmd), e(depvar); another e() is missing (``fit_jackknife_hooks.fit_results``).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal
from mlmcli.graphs import fpfit_bootstrap as boot


class BootstrapPrefix:
    """The prefix of one command in a twoway fit: ``ctx`` (its ``jackknife_hooks``: e() for
    reject()), ``vce``, the ``draws`` over the command's rows, ``cmdname``/``depvar`` (e(),
    the file's label), ``n_obs`` (the file's _dta[N])."""

    def __init__(self, ctx, vce, draws: boot.Draws, cmdname: str, depvar: str, n_obs: int,
                 names: list[str] | None = None):
        self.ctx, self.vce, self.draws = ctx, vce, draws
        self.settings = boot.settings_of(vce)
        self.cmdname, self.depvar, self.n_obs = cmdname, depvar, n_obs
        self.names = names  # e(b)'s columns where one fit is made (lfit, qfit)

    # -- fracpoly's first fit --------------------------------------------------------------
    failure = None  # bsample's error (size()): the command fails in every fit

    def first_fit(self, b0: np.ndarray | None = None, refit0: Callable | None = None,
                  names0: list[str] | None = None, equations0: list[str] | None = None) -> None:
        """saving() at frac_154's first fit (module docstring): raises FracpolyFailed when that
        fit fails on the file or when, without replace, every later fit will; writes the model
        without x's replicates (``b0``, ``refit0(rows, numbers)``) first when it can."""
        from mlmcli.fileformats.safe_write import check_writable
        from mlmcli.graphs.fpfit_models import FracpolyFailed

        if self.failure:
            raise FracpolyFailed(self.failure)
        saving = self.settings["saving"]
        if saving is None:
            return
        try:
            check_writable(saving["filename"], saving["replace"])
        except StataError:
            raise FracpolyFailed("file already exists") from None
        if saving["replace"]:
            return
        if b0 is not None and refit0 is not None:
            self.variance(np.asarray(b0, float), refit0, names0 or ["_cons"], equations0)
        raise FracpolyFailed("file already exists")  # every candidate's postfile: r(602)

    # -- one fit ------------------------------------------------------------------------------
    def variance(self, b: np.ndarray, refit: Callable, names: list[str], equations: list[str] | None = None,
                 rng=None, on_draw: Callable | None = None, posted: np.ndarray | None = None) -> np.ndarray:
        """V of the fit with coefficients ``b`` under the prefix; the file written when saving()
        is typed.  ``refit(rows, numbers)``: b on the rows drawn (raising when the command fails);
        ``posted``: M with e(b) = M b (``centring_map``: b over uncentred terms, e(b) over
        fracgen's centred ones), e(b)'s columns ``equations:names`` -- what reject() and the
        file see; V is b's (the replicates' covariance is M V M' in e(b)'s terms)."""
        from mlmcli.graphs.fpfit_models import FracpolyFailed

        if self.failure:
            raise FracpolyFailed(self.failure)
        M = np.eye(np.asarray(b).size) if posted is None else np.asarray(posted, float)
        rng = rng if rng is not None else boot.generator(self.vce, self.ctx)
        saving = self.settings["saving"]
        if saving is not None:  # postfile: a file this fracpoly wrote, or one there before, without replace
            from mlmcli.fileformats.safe_write import check_writable
            from mlmcli.graphs.fpfit_models import FracpolyFailed

            try:
                check_writable(saving["filename"], saving["replace"])
            except StataError as failure:
                raise FracpolyFailed(failure.message) from None
        check = self._reject_check(M @ np.asarray(b, float), names, equations)
        usable = None if check is None else (lambda theta, rows: check(M @ theta, rows))
        V, B = boot.bootstrap_variance(self.vce, b, refit, self.draws, rng, usable, on_draw)
        if self.settings["saving"] is not None:
            self.write(M @ np.asarray(b, float), _mapped(B, M), names, equations)
        return V

    def check_fit(self, b: np.ndarray, refit: Callable, names: list[str], equations: list[str] | None = None) -> None:
        """A fit before the final one (``graphs.fpfit_prefix_fits``): _prefix_reject with its
        full-sample e(b) (r(9), or FracpolyFailed), then its replicates, reject()'s rejected
        missing; fewer than two left: bootstrap's r(2000), the fit failing (FracpolyFailed).
        ``saving(f, replace)``: this fit's postfile writes f (its e(b): the candidate's
        temporary names), so f holds the last fit that ran when the final one fails."""
        from mlmcli.graphs.fpfit_models import FracpolyFailed

        check = self._reject_check(np.asarray(b, float), names, equations)
        if check is None:
            return
        B = boot.replicates(self.settings, refit, self.draws, np.asarray(b).size, boot.generator(self.vce, self.ctx),
                            check)
        saving = self.settings["saving"]
        if saving is not None and saving["replace"]:  # _loop_bs posts every replicate before bootstrap's r(2000)
            self.write(np.asarray(b, float), B, names, equations)
        if int(np.all(np.isfinite(B), axis=1).sum()) < 2:
            raise FracpolyFailed("insufficient observations to compute bootstrap standard errors")

    def _reject_check(self, b, names, equations):
        reject = self.settings["reject"]
        if not reject:
            return None
        hooks = getattr(self.ctx, "jackknife_hooks", None)
        if hooks is None:
            raise StataError("estopts(): vce(bootstrap, reject()) not supported by mlmcli here", 198)
        unread = unread_results(reject)
        if unread:  # Stata reads them in every fit and replicate; mlm's would be missing (or 0): refused
            raise StataError(f"estopts(): vce(bootstrap, reject()) reading {unread} with estcmd({self.cmdname}) "
                             "not supported by mlmcli", 198)
        checks = hooks.result_checks({"reject": reject, "nfunc": None}, self.cmdname)
        labels = self._labels(names, equations)

        def results(theta, n):
            theta = np.asarray(theta, float)
            return hooks.fit_results(self.cmdname, self.depvar, labels, theta, np.zeros((theta.size,) * 2),
                                     {"N": float(n)})
        try:
            checks.check_full(results(b, self.n_obs))
        except StataError as failure:
            from mlmcli.graphs.fpfit_models import FracpolyFailed

            if failure.rc == 9:
                raise StataError(f"bootstrap rejected results from {self.cmdname} while using the entire dataset",
                                 9) from None
            raise FracpolyFailed(failure.message) from None
        return lambda theta, rows: checks.usable(results(theta, len(rows)), 0) is True

    @staticmethod
    def _labels(names, equations):
        if equations is None:
            return list(names)
        return [f"{e}:{n}" for e, n in zip(equations, names)]

    def write(self, b: np.ndarray, B: np.ndarray, names: list[str], equations: list[str] | None) -> None:
        """saving()'s file of this fit (``graphs.fpfit_bootstrap_saving``)."""
        from mlmcli.graphs.fpfit_bootstrap_saving import save_replicates

        save_replicates(self.settings, names, b, B, cmdname=self.cmdname, depvar=self.depvar,
                        n_obs=self.n_obs, equations=equations, draws=self.draws)


def unread_results(reject: str) -> str | None:
    """The first result in reject()'s ``exp`` that these fits do not compute -- an e() besides
    e(N), e(cmd), e(depvar), e(b), or ``_se[]`` (e(V) is not computed in a replicate) -- or None."""
    import re

    text = re.sub(r'"[^"]*"', " ", str(reject))
    for name in re.findall(r"\be\(\s*([^\W\d]\w*)\s*\)", text):
        if name not in ("N", "cmd", "depvar", "b"):
            return f"e({name})"
    return "_se[]" if re.search(r"\b_se\s*\[", text) else None


def regress_refit(y: np.ndarray, X: np.ndarray, w: np.ndarray | None = None) -> Callable:
    """regress's b on the rows drawn (``ols.replicate_coefficients``: a collinear draw fails --
    _loop_bs's "collinearity in replicate sample is not the same as the full sample"); ``w``:
    the weights bootstrap's force hands on (every kind's b is weighted least squares')."""
    from mlmcli.ols import replicate_coefficients

    if w is None:
        return lambda rows, numbers=None: replicate_coefficients(y[rows], X[rows])
    root = np.sqrt(np.asarray(w, float))
    return lambda rows, numbers=None: replicate_coefficients(y[rows] * root[rows], X[rows] * root[rows][:, None])


def centring_map(model, size: int, constant: bool) -> np.ndarray:
    """M with e(b) = M b: b over the FP terms of (x + shift)/scale then the constant (the fits'
    design), e(b) over fracgen's terms, each minus its value at the centring point, then _cons
    (= _cons + sum c_j b_j); without a constant the terms are centred already (identity)."""
    M = np.eye(size)
    if constant:
        k = len(model.powers)
        M[k, :k] = np.asarray(model.center, float).reshape(-1)[:k]
    return M


def regress_fp_variance(ctx, vce, plot, model, y: np.ndarray, X: np.ndarray, b: np.ndarray, data_rows: np.ndarray,
                        constant: bool, w=None, fracpoly: tuple | None = None) -> np.ndarray | None:
    """V of fracpoly regress's final ``model`` (design X, the constant last) under the prefix, its
    first fit's saving() checked first (module docstring); None: fracpoly failed (the note).
    ``data_rows``: the data's rows of y and X (strata() and cluster() read there); ``w``: the
    weights force hands on; ``fracpoly``: (x, fracpoly's settings), for noisily's runs of every
    fit (``graphs.fit_bootstrap_noisily.fracpoly_runs``)."""
    from mlmcli.graphs.fpfit_jackknife import fracgen_names
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    names = fracgen_names(plot.x, X.shape[1] - constant) + ["_cons"] * constant
    posted = centring_map(model, X.shape[1], constant)
    try:
        draws = boot.plan_draws(vce, ctx.data, data_rows)
        prefix = BootstrapPrefix(ctx, vce, draws, "regress", plot.ys[0], len(y))
        from mlmcli.graphs.fit_bootstrap_noisily import fracpoly_runs, prints_runs

        if prints_runs(prefix.settings) and w is None and fracpoly is not None and not prefix.settings.get("reject"):
            fracpoly_runs(ctx, vce, plot, model, y, fracpoly[0], fracpoly[1], draws)  # before the band's replicates
        # with weights or reject(): the plain regress's runs (graphs.fpfit_printed_runs, from fpfit_plot)
        ones = np.ones((len(y), 1))
        mean = float(np.mean(y) if w is None else np.sum(w * y) / np.sum(w))
        prefix.first_fit(np.array([mean]) if constant else None, regress_refit(y, ones, w))
        return prefix.variance(np.asarray(b, float), regress_refit(y, X, w), names, posted=posted)
    except FracpolyFailed:
        return None
    except StataError as failure:
        if is_mlm_refusal(failure):
            raise
        return None


def regress_allowed(ctx, vce, plot, y, x, w, rows, data_rows, fp_settings: dict) -> set | None:
    """The candidates fracpoly with regress may choose from under the prefix: reject() in each fit
    before the final one (``graphs.fpfit_prefix_fits.bootstrap_allowed``); None: all.  ``y``, ``x``,
    ``w`` over the plot's rows, ``rows`` regress's among them (None: all), ``data_rows`` the data's
    rows of regress's sample.  FracpolyFailed: fracpoly fails (the note)."""
    from mlmcli.graphs.fpfit_command_sample import subset
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.graphs.fpfit_prefix_fits import bootstrap_allowed

    if vce.kind != "bootstrap" or not boot.settings_of(vce).get("reject"):
        return None
    y_c, w_c = subset(y, rows), subset(w, rows)
    try:
        prefix = BootstrapPrefix(ctx, vce, boot.plan_draws(vce, ctx.data, data_rows), "regress", plot.ys[0], len(y_c))
        return bootstrap_allowed(prefix, x, fp_settings, lambda X: regress_refit(y_c, subset(X, rows), w_c)(
            np.arange(len(y_c))), lambda X: regress_refit(y_c, subset(X, rows), w_c), lambda names, size: (names, None))
    except StataError as failure:  # bsample's (size()): the first fit fails
        if is_mlm_refusal(failure):
            raise
        raise FracpolyFailed(failure.message) from None


def regress_fit_variance(vce, y: np.ndarray, X: np.ndarray, user: np.ndarray, b: np.ndarray,
                         prefix: BootstrapPrefix, rng, w: np.ndarray | None = None) -> np.ndarray:
    """V over the design X of lfit's/qfit's regress under the prefix: the replicates of regress's
    own columns ``user`` (x [x^2] [1]: the file's and reject()'s e(b)), mapped to X's (the fit's
    centred columns, X = user M: b_X = M^-1 b_user)."""
    M = np.linalg.lstsq(user, X, rcond=None)[0]
    refit = regress_refit(y, user, w)
    from mlmcli.graphs.fit_bootstrap_noisily import RegressEcho, prints_runs

    # each run of regress shown (graphs.fit_bootstrap_noisily); with weights the plain regress's
    # (graphs.fpfit_printed_runs, from fitted_plots)
    if prints_runs(prefix.settings) and w is None:
        echo = RegressEcho(prefix.ctx.messages, prefix.settings, y, user, prefix.names, prefix.depvar)
        if prefix.settings.get("noisily"):
            echo.first_call()
            refit = echo.wrap(refit)
        if prefix.settings.get("bca") and (prefix.settings.get("jackknife") or {}).get("noisily"):
            echo.jackknife(prefix.draws)
    V_user = prefix.variance(M @ np.asarray(b, float), refit, prefix.names, rng=rng)
    M_inv = np.linalg.inv(M)
    return M_inv @ V_user @ M_inv.T


def fit_prefix(ctx, plot, vce, sample: np.ndarray, degree: int, constant: bool) -> BootstrapPrefix:
    """lfit's/qfit's prefix over the plot's sample: e(b)'s columns x [qfit's x^2, a temporary
    name: ``fit_jackknife_hooks.temp_name``] [_cons]; its saving() file checked before regress."""
    from mlmcli.fileformats.safe_write import check_writable

    rows = np.flatnonzero(sample)
    names = [plot.x]
    if degree == 2:
        hooks = getattr(ctx, "jackknife_hooks", None)
        names.append(hooks.temp_name() if hooks is not None else "__000000")
    names += ["_cons"] * constant
    prefix = BootstrapPrefix(ctx, vce, boot.plan_draws(vce, ctx.data, rows), "regress", plot.ys[0], len(rows), names)
    if prefix.settings["saving"] is not None:
        check_writable(prefix.settings["saving"]["filename"], prefix.settings["saving"]["replace"])
    return prefix


def _mapped(B: np.ndarray, M: np.ndarray) -> np.ndarray:
    """The replicates in e(b)'s terms (B M'), a missing value missing only where it enters
    (ologit's cutpoints a replicate lacks: the others still posted)."""
    missing = np.isnan(B)
    out = np.where(missing, 0.0, B) @ M.T
    out[(missing.astype(float) @ (M.T != 0).astype(float)) > 0] = np.nan
    return out


class CommandPrefix(BootstrapPrefix):
    """The prefix of fracpoly's ML, glm, cnreg, streg or xtgee fits: e(b)'s columns the FP terms
    (fracgen's ``Ix__1 ...``) and ``_cons`` in equation ``equation``, then each ``ancillary``
    equation's ``_cons`` (nbreg's lnalpha, ologit's cut1 ..., cnreg's sigma, streg's ln_p)."""

    def __init__(self, ctx, vce, draws, cmdname: str, depvar: str, n_obs: int, xname: str, equation: str,
                 ancillary: tuple[str, ...] = (), constant: bool = True):
        super().__init__(ctx, vce, draws, cmdname, depvar, n_obs)
        self.xname, self.equation, self.ancillary, self.constant = xname, equation, ancillary, constant

    candidate_names = None  # frac_154's temporary names of a candidate's terms (xtgee's search), None: fracgen's

    def labels(self, size: int, terms: int | None = None) -> tuple[list[str], list[str]]:
        """(names, equations) of an e(b) of ``size`` columns (``terms`` FP terms: the rest)."""
        from mlmcli.graphs.fpfit_jackknife import fracgen_names

        if terms is None:
            terms = size - len(self.ancillary) - self.constant
        temp = self.candidate_names
        names = (fracgen_names(self.xname, terms) if temp is None else temp[len(temp) - terms:] if terms else []) + [
            "_cons"] * self.constant + ["_cons"] * len(self.ancillary)
        equations = [self.equation] * (terms + self.constant) + list(self.ancillary)
        return names[:size], equations[:size]

    def null_model(self, refit0: Callable, n: int) -> None:
        """saving() at frac_154's first fit, the model without x (``first_fit``): ``refit0(rows)``
        its b on rows (all n: the full sample's); FracpolyFailed when fracpoly fails on the file."""
        from mlmcli.graphs.fpfit_models import FracpolyFailed

        if self.settings["saving"] is None:
            return
        try:
            b0 = np.asarray(refit0(np.arange(n)), float) if self.constant or self.ancillary else None
        except (FracpolyFailed, StataError, np.linalg.LinAlgError, ValueError, ArithmeticError):
            b0 = None  # the command fails there: fracpoly fails (below, or on the file)
        names0, equations0 = self.labels(0 if b0 is None else b0.size, 0)
        self.first_fit(b0, None if b0 is None else (lambda rows, numbers=None: refit0(rows)), names0, equations0)
        if b0 is None:
            raise FracpolyFailed("the model without x failed")

    posted = None  # centring_map of the final model (set by the caller), None: b is e(b)

    def final_model(self, model, size: int, refit0: Callable) -> None:
        """Before the final model's replicates: e(b) over fracgen's centred terms (``posted``) and
        saving() at the first fit, the model without x refitted by ``refit0(rows)``."""
        self.posted = centring_map(model, size, self.constant)
        self.null_model(refit0, self.n_obs)

    def allowed(self, x, fp_settings: dict, estimate: Callable, refit_on: Callable, null_fit: bool | None = None):
        """``graphs.fpfit_prefix_fits.bootstrap_allowed`` with this command's e(b): the design's
        names in equation ``equation``, then each ancillary equation's ``_cons``."""
        from mlmcli.graphs.fpfit_prefix_fits import bootstrap_allowed

        def labels(names, size):
            names = list(names) + ["_cons"] * len(self.ancillary)
            return names[:size], ([self.equation] * (len(names) - len(self.ancillary)) + list(self.ancillary))[:size]
        return bootstrap_allowed(self, x, fp_settings, estimate, refit_on, labels, null_fit)

    def fp_variance(self, theta: np.ndarray, refit: Callable, rng=None, terms: int | None = None) -> np.ndarray:
        from mlmcli.graphs.fpfit_models import FracpolyFailed

        names, equations = self.labels(np.asarray(theta).size, terms)
        posted = self.posted
        if posted is not None and posted.shape[0] != np.asarray(theta).size:  # ancillary parameters after
            full = np.eye(np.asarray(theta).size)
            full[:posted.shape[0], :posted.shape[0]] = posted
            posted = full
        try:
            return self.variance(np.asarray(theta, float), refit, names, equations, rng=rng, posted=posted)
        except StataError as failure:  # inside fracpoly: the command failing (reject()'s r(9) ...)
            if is_mlm_refusal(failure):
                raise
            raise FracpolyFailed(failure.message) from None


def command_prefix(ctx, vce, data_rows: np.ndarray, cmdname: str, depvar: str, xname: str, equation: str | None = None,
                   ancillary: tuple[str, ...] = (), constant: bool = True) -> CommandPrefix | None:
    """A CommandPrefix over the data's ``data_rows`` (the command's sample) when vce() is
    bootstrap, else None; bsample's errors (size()) are the command failing (FracpolyFailed)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    if vce.kind != "bootstrap":
        return None
    draws, failure = None, None
    try:
        draws = boot.plan_draws(vce, ctx.data, np.asarray(data_rows))
    except StataError as error:  # bsample's (size()): the command fails in the first fit fracpoly makes
        if is_mlm_refusal(error):
            raise
        failure = error.message
    prefix = CommandPrefix(ctx, vce, draws, cmdname, depvar, len(data_rows), xname, equation or depvar, ancillary,
                           constant)
    prefix.failure = failure
    return prefix


def ml_ancillary(command: str, y: np.ndarray, ml=None) -> tuple[str, ...]:
    """The ancillary equations of the ML commands' e(b) (``fpfit_ml_prefixed.ml_prefixed``'s)."""
    from mlmcli.graphs.fpfit_models import ORDINAL_COMMANDS

    if command in ORDINAL_COMMANDS:
        return tuple(f"cut{j}" for j in range(1, np.unique(y[np.isfinite(y)]).size))
    if command == "nbreg":
        return ("lndelta",) if ml is not None and getattr(ml, "dispersion", None) == "constant" else ("lnalpha",)
    if command == "cnreg":
        return ("sigma",)
    return ()


def ml_command_prefix(ctx, vce, plot, command: str, sample: np.ndarray, in_sample, y: np.ndarray, ml,
                      constant: bool) -> CommandPrefix | None:
    """The ML commands', glm's and cnreg's prefix over the command's rows (``in_sample``: among the
    plot's ``sample``, None: all); e(b)'s equation the dependent variable (cnreg: ``model``)."""
    from mlmcli.graphs.fpfit_command_sample import subset

    rows = subset(np.flatnonzero(sample), in_sample)
    return command_prefix(ctx, vce, rows, command, plot.ys[0], plot.x, "model" if command == "cnreg" else None,
                          ml_ancillary(command, subset(y, in_sample), ml), constant)


def streg_prefix(ctx, vce, data_rows: np.ndarray, cluster_var: str | None, yname: str, labels: list[str],
                 failed) -> BootstrapPrefix:
    """streg's prefix over its records (``data_rows``): _vce_parserun's stdata clusters --
    cluster(), else shared(), else stset's id() (``cluster_var``) -- drawn whole; ``labels``:
    e(b)'s ``eq:name`` columns (``names``: (names, equations) for ``variance``)."""
    settings = dict(boot.settings_of(vce))
    settings["cluster"] = (cluster_var,) if cluster_var else None
    data = ctx.data
    try:
        draws = boot.Draws(len(data_rows), boot.group_codes(data, settings["strata"], data_rows),
                           boot.group_codes(data, settings["cluster"], data_rows), settings["size"])
    except StataError as failure:
        if is_mlm_refusal(failure):
            raise
        raise failed() from None
    prefix = BootstrapPrefix(ctx, vce, draws, "streg", "_t", len(data_rows))
    prefix.settings = settings
    prefix.names = ([label.split(":", 1)[1] for label in labels], [label.split(":", 1)[0] for label in labels])
    return prefix


def gee_prefix(ctx, vce, engine, rows: np.ndarray, names, constant: bool) -> CommandPrefix | None:
    """xtgee's prefix (``fpfit_grouped_replicates``): its panels the clusters (_vce_parserun's
    cluster(panelvar) idcluster()), strata() over its estimation rows (``engine.used`` among the
    plot's ``rows``, panel and time order kept); e(b)'s one equation unnamed (``_``)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    if vce.kind != "bootstrap":
        return None
    data_rows = np.asarray(rows)[engine.used]
    settings = boot.settings_of(vce)
    try:
        draws = boot.Draws(len(data_rows), boot.group_codes(ctx.data, settings["strata"], data_rows),
                           np.asarray(engine.codes), settings["size"])
    except StataError as failure:
        if is_mlm_refusal(failure):
            raise
        raise FracpolyFailed(failure.message) from None
    return CommandPrefix(ctx, vce, draws, "xtgee", names[0], len(data_rows), names[1], "_", (), constant)
