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
- Derivatives ([R] ml's protocol): lf1/lf2 are called with todo = 1 (2) for the equation-level
  scores -- double variables g1 ... gK ml creates and the evaluator ``replace``s -- and, for lf2,
  the Hessian ``H`` (a matrix, ``mlmatsum``); d1/d2 with todo = 1 (2) for the gradient ``g``
  (a 1 x k row vector, ``mlvecsum``) and, for d2, ``H``.  H is the Hessian itself; under
  ``version`` < 11 at ``ml model`` it is the negative Hessian (Stata's older convention).

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
        self.names = _fresh_names(session, 6 + 2 * k)
        self.lnf, self.bname, self.samp, self.wvar, self.g, self.H = self.names[:6]
        self.thetas = self.names[6:6 + k]
        self.scores = self.names[6 + k:]  # lf1/lf2: the equation-level score variables
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
        from mlmcli.program_calls import call_program
        from mlmcli.runner import Runner, current_runner

        runner = current_runner(self.session) or Runner(self.session)
        self.calls += 1
        counter = self.problem.settings.get("count")
        if counter is not None:  # ml count on
            counter[0] += 1
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

    def observations(self, b: np.ndarray, todo: int = 0):
        """lf0/lf1/lf2: the observations' log likelihoods at b (sample rows); with todo >= 1
        (lf1, lf2) also the N x K equation-level scores, with todo = 2 (lf2) the k x k Hessian:
        (lnfj, scores, H)."""
        data = self.session.data
        p = self.problem
        self._post_b(b)
        data.set_variable(self.lnf, self._nan.copy(), "double")
        extra = ""
        if p.method in ("lf1", "lf2"):
            for name in self.scores:
                data.set_variable(name, self._nan.copy(), "double")
            extra = " " + " ".join(self.scores) + (f" {self.H}" if p.method == "lf2" else "")
            self.session.matrices.pop(self.H, None)
        self._call(f"{todo} {self.bname} {self.lnf}{extra}")
        lnfj = data.numeric(self.lnf)[p.sample].copy()
        if todo == 0:
            return lnfj
        scores = np.column_stack([data.numeric(name)[p.sample] for name in self.scores])
        return lnfj, scores, (self._hessian() if todo == 2 else None)

    def scalar(self, b: np.ndarray, todo: int = 0):
        """d0/d1/d2: the log likelihood at b (the scalar the program set; missing: -inf); with
        todo >= 1 (lnf, g, H): the gradient the program set (d1, d2) and, todo = 2, its Hessian."""
        self._post_b(b)
        self.session.scalars[self.lnf] = np.nan
        for name in (self.g, self.H):
            self.session.matrices.pop(name, None)
        extra = {"d0": "", "d1": f" {self.g}", "d2": f" {self.g} {self.H}"}[self.problem.method]
        self._call(f"{todo} {self.bname} {self.lnf}{extra}")
        value = self.session.scalars.get(self.lnf, np.nan)
        if isinstance(value, str):
            raise StataError("type mismatch", 109)
        lnf = float(value) if value == value else -np.inf
        if todo == 0:
            return lnf
        if not np.isfinite(lnf):
            return lnf, None, None
        return lnf, self._matrix(self.g, (1, len(self.problem.names)), "gradient vector").ravel(), \
            (self._hessian() if todo == 2 else None)

    def _matrix(self, name: str, shape: tuple[int, int], what: str) -> np.ndarray:
        m = self.session.matrices.get(name)
        if m is None:
            raise StataError(f"{self.problem.program} did not set the {what} ({self.problem.method} "
                             "evaluators must when todo asks for it)", 198)
        values = np.asarray(m.values, float)
        if values.shape != shape:
            raise StataError("conformability error", 503)
        return values

    def _hessian(self) -> np.ndarray:
        k = len(self.problem.names)
        H = self._matrix(self.H, (k, k), "Hessian matrix")
        return -H if self.problem.settings.get("negative_hessian") else H
