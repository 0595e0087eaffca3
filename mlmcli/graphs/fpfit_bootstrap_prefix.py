"""The bootstrap prefix around each fit of a twoway fit (``graphs.fpfit_bootstrap``'s settings):
reject(), saving() and the replicates, the same for every estcmd.

fracpoly (frac_154) fits, each time with the options typed, (1) the model without x, not
captured, (2) every candidate under ``capture``, (3) the final model on fracgen's ``Ix__1 ...``,
not captured; twoway__fpfit_serset captures fracpoly.  So, with ``saving(f)``
(bootstrap.ado's ``postfile ... using f, replace`` after the full-sample run):

- with ``replace``: every fit writes f, which holds the final model's replicates (``_b_Ix__1
  _b_Ix__2 _b_cons``; after the ML commands ``y_b_Ix__1 ... y_b_cons``, nbreg's
  ``lnalpha_b_cons`` ...: ``fileformats.replicates.equation_statistics``);
- without it: f existing, the first fit fails (r(602)) -- fracpoly fails, the note; else the
  first fit writes f (the model without x: ``_b_cons``) and every candidate fails on it (r(602))
  under capture, so fracpoly keeps no powers, fracgen stops, the note: f holds the model without
  x.  ``BootstrapPrefix.first_fit`` does this; the callers draw nothing.

lfit/qfit run one regress: f holds its replicates (``_b_x _b_cons``; qfit's x^2 its temporary
name's), never over a file without ``replace`` (r(602)).

reject(exp) (_prefix_reject, _loop_bs): asserted with the full-sample e() over the data (true in
every observation: "bootstrap rejected results from <cmd> while using the entire dataset" r(9),
the command failing), then each replicate whose e() makes exp true (or fails to evaluate) is
missing, out of V and posted missing to f.  The e() it sees: e(b) (e(V) zeros), e(N) (the rows
drawn), e(cmd), e(depvar); another e() is missing (``fit_jackknife_hooks.fit_results``).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs import fpfit_bootstrap as boot


class BootstrapPrefix:
    """The prefix of one command in a twoway fit: ``ctx`` (its ``jackknife_hooks``: e() for
    reject()), ``vce``, the ``draws`` over the command's rows, ``cmdname``/``depvar`` (e(),
    the file's label), ``n_obs`` (the file's _dta[N])."""

    def __init__(self, ctx, vce, draws: boot.Draws, cmdname: str, depvar: str, n_obs: int):
        self.ctx, self.vce, self.draws = ctx, vce, draws
        self.settings = boot.settings_of(vce)
        self.cmdname, self.depvar, self.n_obs = cmdname, depvar, n_obs

    # -- fracpoly's first fit --------------------------------------------------------------
    def first_fit(self, b0: np.ndarray | None = None, refit0: Callable | None = None,
                  names0: list[str] | None = None, equations0: list[str] | None = None) -> None:
        """saving() at frac_154's first fit (module docstring): raises FracpolyFailed when that
        fit fails on the file or when, without replace, every later fit will; writes the model
        without x's replicates (``b0``, ``refit0(rows, numbers)``) first when it can."""
        from mlmcli.fileformats.safe_write import check_writable
        from mlmcli.graphs.fpfit_models import FracpolyFailed

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
                 rng=None, on_draw: Callable | None = None) -> np.ndarray:
        """V of the fit with coefficients ``b`` (e(b)'s columns ``equations:names``) under the
        prefix; the file written when saving() is typed.  ``refit(rows, numbers)``: b on the rows
        drawn (raising when the command fails)."""
        rng = rng if rng is not None else boot.generator(self.vce, self.ctx)
        usable = self._reject_check(b, names, equations)
        V, B = boot.bootstrap_variance(self.vce, b, refit, self.draws, rng, usable, on_draw)
        if self.settings["saving"] is not None:
            self.write(b, B, names, equations)
        return V

    def _reject_check(self, b, names, equations):
        reject = self.settings["reject"]
        if not reject:
            return None
        hooks = getattr(self.ctx, "jackknife_hooks", None)
        if hooks is None:
            raise StataError("estopts(): vce(bootstrap, reject()) not supported by mlmcli here", 198)
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


def regress_refit(y: np.ndarray, X: np.ndarray) -> Callable:
    """regress's b on the rows drawn (``ols.replicate_coefficients``: a collinear draw fails --
    _loop_bs's "collinearity in replicate sample is not the same as the full sample")."""
    from mlmcli.ols import replicate_coefficients

    return lambda rows, numbers=None: replicate_coefficients(y[rows], X[rows])


def regress_fp_variance(ctx, vce, y: np.ndarray, X: np.ndarray, b: np.ndarray, data_rows: np.ndarray,
                        names: list[str], depvar: str, constant: bool) -> np.ndarray | None:
    """V of fracpoly regress's final model (design X, the constant last) under the prefix, its
    first fit's saving() checked first (module docstring); None: fracpoly failed (the note).
    ``data_rows``: the data's rows of y and X (strata() and cluster() read there)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    try:
        draws = boot.plan_draws(vce, ctx.data, data_rows)
        prefix = BootstrapPrefix(ctx, vce, draws, "regress", depvar, len(y))
        ones = np.ones((len(y), 1))
        prefix.first_fit(np.array([float(np.mean(y))]) if constant else None, regress_refit(y, ones))
        return prefix.variance(np.asarray(b, float), regress_refit(y, X), names)
    except FracpolyFailed:
        return None
    except StataError as failure:
        if "not supported by mlmcli" in failure.message:
            raise
        return None
