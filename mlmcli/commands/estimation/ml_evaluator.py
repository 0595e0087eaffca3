"""Running an ``ml model``'s evaluator program ([R] ml); the evaluator's helper commands
``mleval``, ``mlsum``, ``mlvecsum`` and ``mlmatsum`` are commands/program/ml_helpers.py.

The problem (``MLProblem``, commands/estimation/ml_problem.py) is ``session.ml_problem``; while
the evaluator runs, ``session.ml_problem.current_b`` is the parameter vector its ``b`` names.

- lf: ``prog lnf theta1 ... thetaK`` -- the thetas are double variables holding each
  equation's linear predictor on the estimation sample (missing elsewhere), ``lnf`` a double
  variable the program fills; the observations' values are read back.
- lf0 (and lf1, lf2): ``prog todo b lnfj [g1 ... gK [H]]`` with todo = 0: ``b`` a row vector
  named by equation, ``lnfj`` a variable per observation.
- d0 (and d1, d2): ``prog todo b lnf [g [H]]`` with todo = 0: ``lnf`` a scalar (``mlsum``).
  lf1/lf2/d1/d2 evaluators are called with todo = 0 only: their derivatives are never asked
  for, mlm takes numerical ones (the numbers of Stata's d1debug/d2debug checks, not of the
  analytic derivatives to the last digit).

While the evaluator runs, ``$ML_y1``, ``$ML_y2``, ... name the dependent variables, ``$ML_samp``
a variable 1 in the estimation sample, ``$ML_w`` the weight variable (empty without weights)
and ``$ML_N`` the number of observations; they are put back afterwards.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

LF_METHODS = ("lf",)
OBSERVATION_METHODS = ("lf0", "lf1", "lf2")
SCALAR_METHODS = ("d0", "d1", "d2")


def _fresh_names(session, n: int) -> list[str]:
    counter = getattr(session, "_temp_counter", 0)
    names = [f"__{counter + i:06X}" for i in range(n)]
    session._temp_counter = counter + n
    return names


class Evaluator:
    """The evaluator of ``problem`` over the session's data: ``value(b)``, ``observations(b)``
    and the lf method's ``linear_form(thetas)``; use as a context manager (its variables,
    scalars and globals exist inside)."""

    def __init__(self, session, problem):
        self.session = session
        self.problem = problem
        self.calls = 0

    def __enter__(self):
        session, p = self.session, self.problem
        k = len(p.equations)
        self.names = _fresh_names(session, 6 + k)
        self.lnf, self.bname, self.samp, self.wvar, self.g, self.H = self.names[:6]
        self.thetas = self.names[6:]
        data = session.data
        self._changed = data.changed
        n = data.nobs
        data.set_variable(self.samp, p.sample.astype(float), "byte")
        if p.weights is not None:
            data.set_variable(self.wvar, p.weights_over_rows(), "double")
        self._saved = {}
        values = {f"ML_y{i + 1}": y for i, y in enumerate(p.depvars)}
        values.update(ML_samp=self.samp, ML_w=self.wvar if p.weights is not None else "",
                      ML_N=str(p.nobs))
        for key, text in values.items():
            self._saved[key] = session.globals.get(key)
            session.globals[key] = text
        self._saved_problem = getattr(session, "ml_problem", None)
        session.ml_problem = p
        self._nan = np.full(n, np.nan)
        return self

    def __exit__(self, *exc):
        session = self.session
        for key, old in self._saved.items():
            if old is None:
                session.globals.pop(key, None)
            else:
                session.globals[key] = old
        data = session.data
        present = [v for v in self.names if v in set(data.varnames)]
        if present:
            data.drop_variables(present)
        data.changed = self._changed
        for name in (self.lnf, self.bname, self.g, self.H):
            session.scalars.pop(name, None)
            session.matrices.pop(name, None)
        session.ml_problem = self._saved_problem
        self.problem.current_b = None
        return False

    # ----- calling the program -----
    def _call(self, arguments: str) -> None:
        from mlmcli.blocks import call_program
        from mlmcli.runner import Runner, current_runner

        runner = current_runner(self.session) or Runner(self.session)
        self.calls += 1
        settings = self.session.settings
        if not self.problem.settings.get("trace"):
            return call_program(runner, self.problem.program, arguments)
        before = settings.get("trace")
        settings["trace"] = "on"  # ml trace on
        try:
            call_program(runner, self.problem.program, arguments)
        finally:
            if before is None:
                settings.pop("trace", None)
            else:
                settings["trace"] = before

    def _full(self, values: np.ndarray) -> np.ndarray:
        out = self._nan.copy()
        out[self.problem.sample] = values
        return out

    def linear_form(self, thetas: np.ndarray) -> np.ndarray:
        """lf: the observations' log likelihoods (sample rows) at the N x K linear predictors."""
        data = self.session.data
        for j, name in enumerate(self.thetas):
            data.set_variable(name, self._full(thetas[:, j]), "double")
        data.set_variable(self.lnf, self._nan.copy(), "double")
        self._call(" ".join([self.lnf] + self.thetas))
        return data.numeric(self.lnf)[self.problem.sample].copy()

    def _post_b(self, b: np.ndarray) -> None:
        from mlmcli.results.matrix import Matrix

        p = self.problem
        p.current_b = np.asarray(b, float).copy()
        self.session.matrices[self.bname] = Matrix(p.current_b[None, :], ("r1",), tuple(p.names))

    def b_unchanged(self) -> bool:
        """Whether the evaluator left the coefficient vector it was passed as it was (ml check)."""
        if self.problem.method == "lf":
            return True
        m = self.session.matrices.get(self.bname)
        return m is not None and np.array_equal(np.asarray(m.values, float).ravel(), self.problem.current_b)

    def observations(self, b: np.ndarray) -> np.ndarray:
        """lf0/lf1/lf2: the observations' log likelihoods at b (sample rows)."""
        data = self.session.data
        self._post_b(b)
        data.set_variable(self.lnf, self._nan.copy(), "double")
        extra = ""
        if self.problem.method in ("lf1", "lf2"):
            gnames = _fresh_names(self.session, len(self.problem.equations))
            extra = " " + " ".join(gnames) + (f" {self.H}" if self.problem.method == "lf2" else "")
        self._call(f"0 {self.bname} {self.lnf}{extra}")
        return data.numeric(self.lnf)[self.problem.sample].copy()

    def scalar(self, b: np.ndarray) -> float:
        """d0/d1/d2: the log likelihood at b (the scalar the program set; missing: -inf)."""
        self._post_b(b)
        self.session.scalars[self.lnf] = np.nan
        extra = {"d0": "", "d1": f" {self.g}", "d2": f" {self.g} {self.H}"}[self.problem.method]
        self._call(f"0 {self.bname} {self.lnf}{extra}")
        value = self.session.scalars.get(self.lnf, np.nan)
        if isinstance(value, str):
            raise StataError("type mismatch", 109)
        return float(value) if value == value else -np.inf
