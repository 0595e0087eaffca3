"""``EstimationResults``: what an estimation command leaves in ``e()`` (and what
``estimates store`` keeps), and ``Coefficients``, the one way to read ``e(b)``/``e(V)``.

Postestimation commands read Stata's own contract: scalars ``N``, ``ll``, ``ll_0``,
``rank`` (or ``k``), ``df_m``, ``df_r`` (t-based inference), ``N_clust``; macros
``cmd``, ``depvar``, ``vcetype``, ``wtype``, ``clustvar``, ``method``, ``ivars``;
matrices ``b`` and ``V``.  ``model`` is the engine's fit object (see
``mlmcli.estimation.interface``), ``result`` the pure result the command's renderer
replays, ``sample`` e(sample) over the rows at fit time, ``design`` the fixed-effects
design (``mlmcli.factor_variables.FixedDesign``) that rebuilds X on any rows.

e(sample) follows the rows as Stata's hidden e(sample) variable does: ``stamp_sample``
records the sample rows by their identity (``Dataset.row_identity``), and
``sample_positions``/``sample_mask`` find them in the data as they are now (after
``sort``, ``keep``, ``drop``, ``append``).  When the data were replaced in another way the
stamp no longer matches and the fit-time mask is used only if the number of rows is
unchanged (callers that can check the rows -- ``mlmcli.estimation.rows`` -- do).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MIXED_COMMANDS = ("mixed", "xtmixed")  # linear mixed models (the mixed engine's fits)
ME_COMMANDS = ("melogit", "meprobit", "mecloglog", "mepoisson", "menbreg", "meologit", "meoprobit",
               "meglm")  # generalized linear mixed models (the glmm engine's fits)
QR_COMMANDS = ("meqrlogit", "meqrpoisson", "xtmelogit", "xtmepoisson")  # the same engine, Stata's older layout
MULTILEVEL_COMMANDS = MIXED_COMMANDS + ME_COMMANDS + QR_COMMANDS  # estat group/icc/recovariance/sd and predict reffects
# the commands whose e(b) Stata 15 re-stripes: their variance components, cutpoints and ln alpha
# become free parameters of equation "/" (docs/parameter_names15.md); mixed kept its lns1_1_1
FREE_PARAMETER_COMMANDS = ME_COMMANDS + ("ologit", "oprobit", "tobit")


@dataclass
class EstimationResults:
    """``e()`` after an estimation command; see the module docstring."""

    cmd: str
    scalars: dict[str, float] = field(default_factory=dict)
    macros: dict[str, str] = field(default_factory=dict)
    matrices: dict[str, Any] = field(default_factory=dict)
    result: Any = None
    model: Any = None
    sample: Any = None
    title: str = ""
    design: Any = None
    # (lineage token, origin positions of e(sample)'s rows in fit order, digest of the
    # dependent variable on them)
    sample_stamp: Any = None
    # a fit on lazy data: ``lazy_sample.mask()`` computes e(sample) over the fit's rows in
    # observation order (in DuckDB), on first use, while the data are those of the fit
    lazy_sample: Any = None
    # erepost or ereturn repost put a new e(b)/e(V): the fit (model, result) no longer describes
    # them; predict's statistic without one typed ("xb", or "" when that came from the fit)
    reposted: bool = False
    reposted_default: str = ""
    # the results before a repost that can be undone (estfe's zero columns): ``estfe, restore``
    pre_repost: Any = None
    # e(sample) set by ``estimates esample:`` on results read from a file: it is the user's
    # declaration, not the fit's rows (margins averages over it as Stata's marks `if e(sample)')
    sample_declared: bool = False
    # the version the command ran under (``version #``; None: no command in effect, a test's
    # direct post): under 15 or later Stata posts the free-parameter stripe (``free_parameters``)
    posted_version: float | None = None

    def __post_init__(self) -> None:
        if self.posted_version is None:
            from mlmcli.syntax.settings import session_of_command

            session = session_of_command()
            if session is not None:
                self.posted_version = float(getattr(session, "version", 13.0) or 13.0)

    def stamp_sample(self, data) -> None:
        """Record e(sample)'s rows by their identity in ``data`` (the data the fit used)."""
        import numpy as np

        if self.lazy_sample is not None:
            self.sample_stamp = (data.row_identity()[0], None, None)
            return
        if self.sample is None or getattr(data, "lazy", False) or len(self.sample) != data.nobs:
            return
        token, origin = data.distinct_row_identity()
        sample = np.asarray(self.sample, bool)
        if sample.all():  # every row: the positions as they are (a row_origin is replaced, never written to)
            self.sample_stamp = (token, origin, self._depvar_digest(data, None))
            return
        rows = np.flatnonzero(sample)
        self.sample_stamp = (token, origin[rows], self._depvar_digest(data, rows))  # (indexing copies)

    def _depvar_digest(self, data, rows):
        """A digest of the dependent variable on ``rows`` (None: every row; the digest is None
        if there is no dependent variable)."""
        import hashlib

        import numpy as np

        name = (self.macros.get("depvar") or self.macros.get("depvars") or "").split()
        try:
            y = data.numeric(name[0]) if name else None
            if y is not None and rows is not None and len(rows) != len(y):  # else every row: y as it is
                y = np.ascontiguousarray(y[rows])
        except Exception:  # the variable is gone or not numeric
            return None
        return None if y is None else hashlib.blake2b(np.ascontiguousarray(y), digest_size=16).digest()  # no bytes copy

    def sample_positions(self, data):
        """Where e(sample)'s rows are in ``data`` now, in fit order (-1: a row dropped since);
        None when they cannot be placed."""
        import numpy as np

        stamp = self.sample_stamp
        origin = getattr(data, "row_origin", None)
        if stamp is not None and stamp[1] is None and origin is not None \
                and stamp[0] is data.row_lineage and len(origin) == data.nobs:
            # a lazy fit and the same rows: e(sample) computed now, over the fit's row order
            self.sample = np.asarray(self.lazy_sample.mask(), bool)
            stamp = self.sample_stamp = (stamp[0], np.flatnonzero(self.sample), None)
        if stamp is not None and stamp[1] is not None and not getattr(data, "lazy", False) \
                and origin is not None and stamp[0] is data.row_lineage and len(origin) == data.nobs:
            size = int(max(origin.max(initial=-1), stamp[1].max(initial=-1))) + 1
            where = np.full(size, -1, np.int64)
            where[origin] = np.arange(len(origin))
            return where[stamp[1]]
        if self.sample is not None and len(self.sample) == data.nobs and self.lazy_sample is None:
            rows = np.flatnonzero(np.asarray(self.sample, bool))
            # the data were replaced since the fit: the fit-time rows only if they still hold
            # the dependent variable the fit used
            if stamp is None or (stamp[2] is not None and self._depvar_digest(data, rows) == stamp[2]):
                return rows
        return None

    def sample_mask(self, data):
        """e(sample) over the current rows of ``data`` (every copy of a sample row that merge
        duplicated), or None (see ``sample_positions``)."""
        import numpy as np

        pos = self.sample_positions(data)
        if pos is None:
            return None
        stamp, origin = self.sample_stamp, getattr(data, "row_origin", None)
        if stamp is not None and stamp[1] is not None and stamp[0] is data.row_lineage \
                and origin is not None and len(origin) == data.nobs:
            marked = np.zeros(int(max(origin.max(initial=-1), stamp[1].max(initial=-1))) + 1, bool)
            marked[stamp[1]] = True
            return marked[origin]
        mask = np.zeros(data.nobs, bool)
        mask[pos[pos >= 0]] = True
        return mask

    def free_parameters(self) -> bool:
        """Does Stata post this fit's ancillary parameters in equation ``/`` (Stata 15 and later:
        an me command, ologit or oprobit run under ``version 15`` or later)?  mlm keeps Stata 13's
        names inside and shows Stata 15's wherever a user reads them (``stata_matrix``)."""
        return (self.posted_version or 13.0) >= 15 and self.cmd in FREE_PARAMETER_COMMANDS

    def stata_matrix(self, key: str):
        """``e(key)`` as a user reads it (``matrix list e(b)``, ``e(V)[...]``, ``: colnames``):
        under ``free_parameters`` each ``var(_cons[id]):_cons`` is ``/:var(_cons[id])``."""
        import dataclasses

        import numpy as np

        from mlmcli.syntax.coefnames import free_parameter_column

        m = self.matrices.get(key)
        if m is None or not hasattr(m, "colnames") or not self.free_parameters():
            return m
        first = ((self.macros.get("depvar") or "").split() or [""])[0]
        if self.cmd == "tobit":  # Stata 15 re-parameterized tobit: sigma -> var(e.y)
            b = self.matrices.get("b")
            if key not in ("b", "V") or b is None or "sigma:_cons" not in b.colnames:
                return m
            sigma = float(np.asarray(b.values, float).ravel()[list(b.colnames).index("sigma:_cons")])
            return _tobit_variance(m, first, sigma)
        rename = [free_parameter_column(n, first) for n in m.colnames]
        rows = [free_parameter_column(n, first) for n in m.rownames]
        return dataclasses.replace(m, colnames=tuple(rename), rownames=tuple(rows))

    def coefficients(self) -> "Coefficients":
        """e(b), e(V) and their column names (r(301) when the results have none)."""
        import numpy as np

        from mlmcli.errors import StataError

        b, V = self.matrices.get("b"), self.matrices.get("V")
        if b is None or V is None:
            raise StataError("last estimates not found", 301)
        return Coefficients(tuple(b.colnames), np.asarray(b.values, float).ravel(), np.asarray(V.values, float))

    def stata_coefficients(self) -> "Coefficients":
        """``coefficients`` with e(b)'s names as a user reads them (``stata_matrix``): what
        estimates table, esttab and estat vce show."""
        coefs = self.coefficients()
        if not self.free_parameters():
            return coefs
        import numpy as np

        b, V = self.stata_matrix("b"), self.stata_matrix("V")
        return Coefficients(tuple(b.colnames), np.asarray(b.values, float).ravel(), np.asarray(V.values, float))

    def n_parameters(self) -> int:
        """The number of estimated parameters: e(rank), else e(k), else colsof(e(b))."""
        for key in ("rank", "k"):
            if key in self.scalars:
                return int(self.scalars[key])
        b = self.matrices.get("b")
        return len(b.colnames) if b is not None else 0

    def residual_df(self) -> float | None:
        """e(df_r): t and F statistics when set (``regress``), z and chi2 otherwise."""
        return self.scalars.get("df_r")

    def level_variables(self) -> list[str]:
        """Distinct random-effects levels in model order (outermost first), from e(ivars)."""
        out: list[str] = []
        for v in self.macros.get("ivars", "").split():
            if v not in out:
                out.append(v)
        return out


def _tobit_variance(m, depvar: str, sigma: float):
    """tobit's e(b) or e(V) as Stata 15 posts them: the free parameter ``/:var(e.depvar)``, the
    variance sigma^2, for Stata 13's ``sigma:_cons`` (tobit_p.ado reads sqrt(_b[/var(e.y)]) when
    e(version) is 3); e(V) by the delta method, exact at the maximum (the information matrix
    transforms with the Jacobian, 2 sigma)."""
    import dataclasses

    import numpy as np

    names = list(m.colnames)
    if "sigma:_cons" not in names:
        return m
    j = names.index("sigma:_cons")
    values = np.array(m.values, dtype=float)
    names[j] = f"/:var(e.{depvar})"
    if tuple(m.rownames) == tuple(m.colnames):  # e(V)
        scale = np.ones(len(names))
        scale[j] = 2.0 * sigma
        return dataclasses.replace(m, values=values * np.outer(scale, scale), colnames=tuple(names),
                                   rownames=tuple(names))
    values[:, j] = values[:, j] ** 2
    return dataclasses.replace(m, values=values, colnames=tuple(names))


@dataclass(frozen=True)
class Coefficients:
    """``e(b)`` as a vector, ``e(V)`` as a matrix and their ``eq:name`` column names."""

    names: tuple[str, ...]
    b: Any  # (k,)
    V: Any  # (k, k)

    def fixed_part(self, depvar: str) -> "Coefficients":
        """The estimable coefficients of the first (``depvar``) equation, base and omitted
        ones dropped, in e(b) order: the b and V of the linear predictor x b."""
        import numpy as np

        from mlmcli.syntax.coefnames import is_base_or_omitted, split_eq

        keep = []
        for i, full in enumerate(self.names):
            eq, name = split_eq(full)
            if (eq or depvar) == depvar and not is_base_or_omitted(name):
                keep.append(i)
        return Coefficients(tuple(split_eq(self.names[i])[1] for i in keep), self.b[keep],
                            self.V[np.ix_(keep, keep)])
