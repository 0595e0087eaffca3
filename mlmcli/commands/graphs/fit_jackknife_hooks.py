"""What the twoway fits' ``estopts(vce(jackknife, ...))`` need from the session: the replicate
checks of n() and reject() (their expressions see each replicate's e()), keep's pseudovalue
variables and the name of qfit's x^2 column; and for ``vce(bootstrap|jackknife, noisily)`` the
plain command run on the plot's sample (``printed_runs``: graphs.fpfit_printed_runs).

Stata's twoway__lfit_serset runs ``capture regress y x [x2] if touse, estopts`` before it
preserves the data for the evaluation points, so what the jackknife prefix adds to the data
(``keep``'s pseudovalues, ``idcluster()``'s numbering) stays there after the graph.  qfit's x^2 is
a temporary variable: its coefficient (and saving()'s ``_b_<name>`` column, keep's variable) is
named after it -- mlm takes the session's next temporary name (``__000000`` ...), as ``tempvar``
would give it; Stata's number depends on the temporary names its graph code used before.
"""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np


class GraphStream:
    """The builder's ``random_stream`` (``graphs.fpfit_bootstrap.replicate_stream``): the session's
    generator (``expr.random_numbers``), restarted at seed() when typed -- bootstrap.ado's ``set
    seed``, which leaves the session at that seed -- else where the session left it, so the
    graph's bootstraps carry on from one fit to the next and the commands after the graph carry on
    from them.  ``start``: the stream's state at the graph's first draw (the printed runs of
    ``vce(bootstrap, noisily)`` replay the band's draws from it)."""

    def __init__(self, session):
        self.session, self.start = session, None

    def __call__(self, seed: int | None = None):
        import copy

        from mlmcli.expr.random_numbers import generator, restart

        if seed is not None:
            restart(self.session, seed)
        rng = generator(self.session)
        if self.start is None:
            self.start = copy.deepcopy(rng.bit_generator.state)
        return rng


def graph_hooks(session, stream: GraphStream | None = None) -> SimpleNamespace:
    """The callbacks ``graphs.fitted_plots`` calls (module docstring); ``stset_rerun(data)``
    stcrreg's stset rerun in a bootstrap replicate (``survival_settings.stset_rerun``)."""
    from mlmcli.commands.data.survival_settings import stset_rerun
    def temp_name() -> str:
        counter = getattr(session, "_temp_counter", 0)
        session._temp_counter = counter + 1
        return f"__{counter:06X}"

    def checks(settings: dict, y, X, codes, names, depvar: str, weight=None, weight_kind=None):
        from mlmcli.commands.estimation.jackknife_checks import ReplicateChecks
        from mlmcli.mixed.spec import CoefLabel

        return ReplicateChecks(session, settings, np.asarray(y, float), np.asarray(X, float), codes,
                               constant=names[-1] == "_cons", labels=tuple(CoefLabel(n) for n in names),
                               depvar=depvar, weight=None if weight is None else np.asarray(weight, float),
                               weight_kind=weight_kind)

    def check_keep(names) -> None:
        from mlmcli.errors import StataError
        from mlmcli.fileformats.replicates import coefficient_variable

        for name in names:
            if coefficient_variable(name) in session.data.varnames:  # confirm new variable, under capture
                raise StataError("(note:  regress could not fit model)", 110)

    def pseudovalues(names, b, replicates, sample, settings, cluster_codes, frequencies=None) -> None:
        from mlmcli.commands.estimation.regress_jackknife import add_pseudovalues

        add_pseudovalues(session.data, list(names), b, replicates, sample, settings, cluster_codes, frequencies)

    def result_checks(settings: dict, cmdname: str, weight_kind: str | None = None):
        """reject() and n() over the e() ``fit_results`` builds (fpfit's other estcmd()s); the
        count check is _loop_jknife_iw's within reldif 1e-5 under pweights and iweights."""
        from mlmcli.commands.estimation.jackknife_checks import ResultChecks, tolerant_count

        return ResultChecks(session, settings, cmdname, tolerant=tolerant_count(weight_kind))

    def fit_results(cmdname: str, depvar: str, names, theta, V, scalars: dict):
        """The e() reject() and n() see after one of fracpoly's fits: e(b) and e(V) with ``names``
        (``eq:name``), the command's scalars, e(cmd) and e(depvar)."""
        from mlmcli.estimation.results import EstimationResults
        from mlmcli.results.matrix import Matrix

        names = tuple(names)
        b = Matrix(np.asarray(theta, float)[None, :], ("y1",), names)
        return EstimationResults(cmd=cmdname, scalars=dict(scalars), macros={"cmd": cmdname, "depvar": depvar},
                                 matrices={"b": b, "V": Matrix(np.asarray(V, float), names, names)})

    def new_variables(names) -> bool:
        """keep's ``confirm new variable`` over the session's data."""
        return not any(name in session.data.varnames for name in names)

    def outcome_names(depvar: str, outcomes) -> tuple[str, ...]:
        """mlogit's equation names of the outcomes (their value labels or values)."""
        from mlmcli.commands.estimation.mlogit import outcome_names as names_of

        return names_of(session.data, depvar, outcomes)

    def expression_variables(expression: str) -> list[str]:
        """The data's variables an expression names, abbreviations resolved as the expression
        evaluator resolves them (a name that is not a variable: a function, a scalar)."""
        import re

        from mlmcli.errors import StataError

        found = []
        for token in re.findall(r"[^\W\d]\w*", expression):
            try:
                found.append(session.data.resolve(token))
            except StataError:
                continue
        return found

    def evaluate_with(expression: str, name: str, values) -> np.ndarray:
        """``expression`` over the data with ``name`` holding ``values`` (NaN: missing): what a
        later fit reads after jackknife's keep idcluster(name) renumbered it
        (``graphs.fpfit_idcluster_data``); the session's data stay as they are."""
        import copy

        from mlmcli.errors import StataError
        from mlmcli.expr import evaluate

        scratch = copy.copy(session)
        scratch.data = session.data.copy()
        scratch.data.df[name] = np.asarray(values, float)
        value = evaluate(scratch, expression)
        if value.dtype == object:
            raise StataError("type mismatch", 109)
        return np.asarray(value, float)

    def printed_runs(rows, variables: dict, line: str, seed: int | None, captured: bool = True) -> list[str]:
        """What ``line`` (a command with ``vce(bootstrap|jackknife, noisily ...)``) shows under
        twoway's ``capture`` (``graphs.fpfit_printed_runs``): run quietly on the data's ``rows``
        with ``variables`` (name -> values over those rows) added, the stream started at ``seed``
        (vce()'s seed()) or, without one, at the state the graph's draws started from
        (``GraphStream.start``: the band's); only what the prefix shows through ``noisily``
        is written.  The session's data, e(), r(), stream and output are as they were after it;
        the command's own error is captured (its text not shown) when ``captured`` (frac_154's
        candidates), else raised; mlm's refusal raised."""
        import copy
        import io

        from mlmcli.errors import StataError, is_mlm_refusal
        from mlmcli.expr.random_numbers import restart
        from mlmcli.runner import Runner, current_runner

        out = session.out
        saved = (session.data, session.e, getattr(session, "r", None), session.bootstrap_pending,
                 getattr(session, "running_command", None), session.seed, getattr(session, "_rng", None),
                 getattr(session, "_rng_seed", None), out.stream, out.log, out.quiet)
        data = session.data.copy()
        data.take_rows(np.asarray(rows, int))
        for name, values in variables.items():
            data.set_variable(name, np.asarray(values, float), "double")
        shown = io.StringIO()
        session.data = data
        if seed is not None or stream is None:
            restart(session, session.seed if seed is None else seed)
        else:  # a new generator at the band's start: the session's own is left as the band left it
            start = stream.start if stream.start is not None else stream().bit_generator.state
            session._rng = np.random.default_rng()
            session._rng.bit_generator.state = copy.deepcopy(start)
            session._rng_seed = session.seed
        out.stream, out.log, out.quiet = shown, None, 1
        try:
            (current_runner(session) or Runner(session)).execute(line)
        except StataError as err:
            if is_mlm_refusal(err) or not captured:
                raise
        finally:
            session.data, session.e, session.bootstrap_pending, session.running_command = (
                saved[0], saved[1], saved[3], saved[4])
            if saved[2] is not None:
                session.r = saved[2]
            session.seed, session._rng, session._rng_seed = saved[5], saved[6], saved[7]
            out.stream, out.log, out.quiet = saved[8], saved[9], saved[10]
        text = shown.getvalue()
        return text[:-1].split("\n") if text.endswith("\n") else text.split("\n") if text else []

    return SimpleNamespace(temp_name=temp_name, printed_runs=printed_runs, outcome_names=outcome_names, checks=checks, check_keep=check_keep, pseudovalues=pseudovalues,
                           result_checks=result_checks, fit_results=fit_results, new_variables=new_variables,
                           expression_variables=expression_variables, evaluate_with=evaluate_with,
                           nobs=lambda: session.data.nobs, stset_rerun=lambda data: stset_rerun(session, data),
                           session=session)  # fpfit's constraints() and from() (graphs.fpfit_ml_start)
