"""lfit/qfit (and their ci forms) with ``estopts(vce(bootstrap, noisily|trace))``: what Stata
prints through twoway's ``capture regress ...`` (twoway__lfit_serset, twoway__qfit_serset).

bootstrap.ado runs the command on the data as they are and _loop_bs runs it on every draw with
``capture noisily quietly noisily``, echoing each with ``noisily di``: that output shows under
the enclosing ``capture``; the "bootstrap: First call to ..." heading and the "Bootstrap
replications (#)" title are plain ``di`` and do not.  So the graph's command prints regress's
output on the plot's sample, then for each draw the echo (with ``trace`` the traced line after
it) and regress's output on the rows drawn; a draw whose regressors are collinear is followed by
_loop_bs's collinearity message.  The numbers are the band's replicates (noisily changes none).

What cannot match Stata's text: Stata's echo is ``regress y x if (__000001)`` with twoway's
temporary touse variable (and qfit's x^2 a temporary variable, ``__000002`` say); mlm echoes
``regress y x`` and names qfit's x^2 with the temporary name its e(b) has here
(``fit_jackknife_hooks.temp_name``); weights handed on by ``force`` are not echoed.  The text is
collected in the builder's messages (printed after the graph is built, before its notes), so an
enclosing ``quietly twoway`` silences it, which Stata's ``noisily`` would not.  With weights
(bootstrap's ``force``) or reject() the runs are the plain regress's (``graphs.fpfit_printed_runs``,
as every other estcmd's); with ``trace`` the traced line is ``  - regress ...`` as after regress's own vce(bootstrap, trace) (the
depth of Stata's trace inside twoway's ado-files is not reproduced).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

COLLINEAR = "collinearity in replicate sample is not the same as the full sample, posting missing values"


class RegressEcho:
    """regress's output on the full sample and on each draw, added to ``messages``."""

    def __init__(self, messages: list, settings: dict, y: np.ndarray, X: np.ndarray, names: list[str],
                 depvar: str, linesize: int = 80):
        self.messages, self.settings = messages, settings
        self.y, self.X, self.names, self.depvar, self.linesize = y, X, list(names), depvar, linesize
        self.constant = bool(self.names) and self.names[-1] == "_cons"
        regressors = [n for n in self.names if n != "_cons"]
        self.echo = ". regress " + " ".join([depvar] + regressors) + ("" if self.constant else ", noconstant")

    def _lines(self, rows: np.ndarray) -> list[str]:
        from mlmcli.replication.replicate_design import replicate_design
        from mlmcli.mixed.spec import CoefLabel
        from mlmcli.ols import fit_ols
        from mlmcli.render.regress_table import render_regress

        labels = tuple(CoefLabel(name) for name in self.names)
        X_kept, kept, notes = replicate_design(self.X[rows], labels, self.constant)
        fit = fit_ols(self.y[rows], X_kept, constant=self.constant, coef_labels=kept, depvar=self.depvar)
        return [*notes, render_regress(fit.result(), linesize=self.linesize)]

    def _traced(self, settings: dict | None = None) -> list[str]:
        return [f"  - {self.echo[2:]}"] if (settings or self.settings).get("trace") else []

    def first_call(self) -> None:
        """The command on the plot's sample (its echo is bootstrap.ado's plain di: not shown)."""
        self.messages.extend(self._traced() + self._lines(np.arange(len(self.y))))

    def jackknife(self, draws) -> None:
        """bca's JKAccel under ``jackknifeopts(noisily|trace)``: jackknife's first call on the
        sample, then each unit of the draws (an observation, or a cluster()) left out in turn."""
        jk = self.settings.get("jackknife") or {}
        self.messages.extend(self._traced(jk) + self._lines(np.arange(len(self.y))))
        members = draws.units.members
        for u in range(len(members)):
            keep = np.sort(np.concatenate([m for j, m in enumerate(members) if j != u]))
            self.messages.extend([self.echo, *self._traced(jk)])
            self.messages.extend(self._lines(draws.rows[keep]))

    def runs(self, draws, rng) -> None:
        """What the prefix prints around one fit: the first call (noisily), bca's jackknife
        (jackknifeopts(noisily)), then each draw (noisily)."""
        noisily = bool(self.settings.get("noisily"))
        if noisily:
            self.first_call()
        if self.settings.get("bca") and (self.settings.get("jackknife") or {}).get("noisily"):
            self.jackknife(draws)
        if noisily:
            for _ in range(self.settings["reps"]):
                rows, _numbers = draws.draw(rng)
                self.replicate(rows)

    def replicate(self, rows: np.ndarray) -> None:
        """One draw's echo and regress output, the collinearity message when regress's
        replicate fit fails there (``ols.replicate_coefficients``, the band's refit)."""
        from mlmcli.ols import replicate_coefficients
        from mlmcli.render.lrtest import wrap_paragraph

        rows = np.asarray(rows, int)
        self.messages.extend([self.echo, *self._traced()])
        try:
            self.messages.extend(self._lines(rows))
            replicate_coefficients(self.y[rows], self.X[rows])
        except np.linalg.LinAlgError:
            self.messages.extend(wrap_paragraph(COLLINEAR, self.linesize, hanging=0))

    def wrap(self, refit: Callable) -> Callable:
        """``refit`` printing each draw's echo and regress output first."""
        from mlmcli.render.lrtest import wrap_paragraph

        def noisy(rows, numbers=None):
            rows = np.asarray(rows, int)
            self.messages.extend([self.echo, *self._traced()])
            try:
                self.messages.extend(self._lines(rows))
            except Exception:  # regress's own failure on the draw: nothing more to show
                pass
            try:
                return refit(rows, numbers)
            except np.linalg.LinAlgError:
                self.messages.extend(wrap_paragraph(COLLINEAR, self.linesize, hanging=0))
                raise
        return noisy


def fracpoly_runs(ctx, vce, plot, model, y: np.ndarray, x: np.ndarray, fp_settings: dict, draws) -> None:
    """fpfit's (fracpoly regress's) noisily: every fit frac_154 makes -- the model without x, each
    candidate on its temporary variables, the final model on fracgen's ``Ix__1 ...``
    (``fpfit_jackknife``'s order and names) -- regress's output on the plot's sample, then each
    draw's echo and output.  Each fit replays the draws the band's replicates start from
    (``fpfit_bootstrap.replay_stream``: seed()'s, else the session's stream where the graph's draws
    start), so the final fit's draws are the band's replicates."""
    from mlmcli.graphs import fpfit_bootstrap as boot
    from mlmcli.graphs.fpfit_jackknife import candidate_terms, fracgen_names

    settings = boot.settings_of(vce)
    hooks = getattr(ctx, "jackknife_hooks", None)
    degree = fp_settings["degree"]
    temp = [hooks.temp_name() if hooks is not None else f"__{j:06d}" for j in range(degree)]
    ones = np.ones((len(y), 1))
    fits = [(ones, ["_cons"])]
    fits += [(np.column_stack([terms, ones]), temp[degree - len(powers):] + ["_cons"])
             for powers, terms in candidate_terms(x, fp_settings)]
    centred = model.centred_terms(x)
    fits.append((np.column_stack([centred, ones]), fracgen_names(plot.x, centred.shape[1]) + ["_cons"]))
    for X, names in fits:
        RegressEcho(ctx.messages, settings, y, X, names, plot.ys[0]).runs(draws, boot.replay_stream(vce, ctx))


def prints_runs(settings: dict) -> bool:
    """Whether the prefix prints runs: noisily, or bca's jackknifeopts(noisily|trace)."""
    return bool(settings.get("noisily") or (settings.get("bca") and (settings.get("jackknife") or {}).get("noisily")))
