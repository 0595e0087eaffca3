"""fpfit's ``estopts(constraints(numlist) from(init_specs) collinear)`` after
``estcmd(logit|logistic|probit|poisson|nbreg|ologit|oprobit)``: ml's linear constraints and
starting values in every fit fracpoly runs.

fracpoly hands the options to each fit (``graphs.fpfit_jackknife`` lists them): the model
without x, the candidates on temporary variables and the final model on fracgen's ``Ix__1
Ix__2 ...`` (``fpfit_jackknife.fracgen_names``), e(b) named ``y:Ix__1 ... y:_cons`` and the
ancillary ``lnalpha:_cons`` (nbreg; ``lndelta`` with dispersion(constant)) or ``cut1:_cons ...``
(ologit, oprobit).  So:

- ``constraints()``: each defined constraint (``constraint define``, ``session.constraints``) is
  parsed against the fit's coefficients as [R] test reads a coefficient list; one naming a
  coefficient the fit lacks (``Ix__1`` before the final model) is left out of that fit (ml's
  makecns: "constraint number # caused error r(111)", a note fracpoly's capture hides), so a
  constraint on the terms constrains the final model only, and one on ``_cons`` every fit, the
  search included.  An undefined number makes the command fail (the note).  The fit maximises
  over b = T a + d (``glm.inference.ConstraintMap``: T spans R's null space, d solves R d = r),
  V = T (T'(-H)T)^-1 T', as ml does.  The final model's constant is the centred terms'
  (_cons at the centring point); the fit here is on the uncentred terms, so a constraint R b_c = r
  becomes R A b = r with b_c = A b.
- ``from()``: ``matname [, skip]``, ``[eq:]name = # ...`` or ``# ... , copy``: the values given
  start the maximiser (the others start where the command starts them); a name the fit lacks
  without ``skip``, or ``copy`` of another length, makes that fit fail (ml's error), so a
  from() naming ``Ix__1`` without skip fails fracpoly's first fit: the note.  Starting values
  change the optimum only through ``iterate()``.
- ``collinear``: ml keeps collinear variables; fracpoly's terms are not collinear where mlm
  fits them (a singular candidate is a fit that fails, as without it).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class ModelOptions:
    """estopts()' constraints() and from(), resolved against the session."""

    depvar: str
    xname: str
    constraints: tuple  # (number, text or None when undefined)
    start: tuple | None = None  # ("copy", values) | ("names", ((ref, value), ...), skip)


def resolve(ctx, plot, ml):
    """``ml`` (MLSettings) with its constraints()/from() read (None: neither typed)."""
    import dataclasses

    if not ml.constraint_numbers and ml.start_text is None:
        return ml
    hooks = getattr(ctx, "jackknife_hooks", None)
    if hooks is None or not hasattr(hooks, "session"):
        raise StataError("estopts(constraints() from()) not supported by mlmcli here", 198)
    session = hooks.session
    texts = tuple((k, session.constraints.get(k)) for k in ml.constraint_numbers)
    start = None if ml.start_text is None else read_from(session, ml.start_text)
    return dataclasses.replace(ml, model_options=ModelOptions(plot.ys[0], plot.x, texts, start))


def read_from(session, text: str):
    """from()'s init_specs (module docstring) -> ("copy", values) or ("names", pairs, skip)."""
    body, _, opts = str(text).partition(",")
    words = opts.split()
    if any(w not in ("skip", "copy") for w in words):
        raise StataError(f"option {words[0]} not allowed", 198)
    body = body.strip()
    if "=" in body:
        pairs = []
        for item in body.replace(" =", "=").replace("= ", "=").split():
            name, _, value = item.partition("=")
            eq, _, bare = name.rpartition(":")
            try:
                pairs.append((f"[{eq}]{bare}" if eq else bare, float(value)))
            except ValueError:
                raise StataError(f"{item} invalid in from()", 198) from None
        return "names", tuple(pairs), "skip" in words
    if "copy" in words:
        try:
            return "copy", tuple(float(v) for v in body.split())
        except ValueError:
            pass
        matrix = session.matrices.get(body)
        if matrix is None:
            raise StataError(f"matrix {body} not found", 111)
        return "copy", tuple(float(v) for v in np.asarray(matrix.values, float).ravel())
    matrix = session.matrices.get(body)
    if matrix is None:
        raise StataError(f"matrix {body} not found", 111)
    refs = tuple(f"[{c.split(':')[0]}]{c.split(':')[1]}" if ":" in c else c for c in matrix.colnames)
    return "names", tuple(zip(refs, np.asarray(matrix.values, float).ravel())), "skip" in words


def fit_names(options: ModelOptions, k_terms: int, final: bool) -> list[str]:
    """e(b)'s names of the terms (and ``_cons`` when the fit has one, last): fracgen's for the
    final model, temporary ones for the candidates."""
    from mlmcli.graphs.fpfit_jackknife import fracgen_names

    terms = fracgen_names(options.xname, k_terms) if final else [f"__fp{j + 1}" for j in range(k_terms)]
    return [f"{options.depvar}:{n}" for n in terms]


def apply(spec, options: ModelOptions, k_terms: int, constant: bool, final: bool, centre=None):
    """``spec`` (GLMSpec) with the constraints and starting values of this fit (module
    docstring); raises StataError when the command fails on them."""
    import dataclasses

    from mlmcli.glm.likelihood_model import make_family

    constraints, start = constraints_and_start(options, k_terms, constant, final, centre,
                                               make_family(spec).anc_names)
    return dataclasses.replace(spec, constraints=constraints, start=start)


def constraints_and_start(options: ModelOptions, k_terms: int, constant: bool, final: bool, centre=None,
                          ancillary=()):
    """(LinearConstraints or None, starting values or None) over the fit's parameters: the
    terms, ``_cons`` when it has one, then the ``ancillary`` equations' constants."""
    from mlmcli.glm.spec import LinearConstraints
    from mlmcli.postest.wald import CoefIndex, parse_constraint

    names = fit_names(options, k_terms, final) + ([f"{options.depvar}:_cons"] if constant else [])
    names += [f"{a}:_cons" for a in ancillary]
    index = CoefIndex(names, multi_equation=True)
    # b_c = A b: the final model's centred constant from the uncentred fit's
    A = np.eye(len(names))
    if final and constant and centre is not None:
        A[k_terms, :k_terms] = np.asarray(centre, float)
    rows, rhs, labels = [], [], []
    for number, text in options.constraints:
        if text is None:
            raise StataError(f"constraint ({number}) not defined", 111)
        try:
            c = parse_constraint(text, index)
        except StataError:  # makecns: this constraint is left out of the fit
            continue
        rows.append(c.coefs @ A)
        rhs.append(c.rhs)
        labels.append(text)
    constraints = LinearConstraints(np.array(rows), np.array(rhs), tuple(labels)) if rows else None
    start = None
    if options.start is not None:
        start = start_vector(options.start, index, len(names))
        if np.all(np.isfinite(start)):
            start = np.linalg.solve(A, start)
        elif final and constant and centre is not None and np.isfinite(start[k_terms]):
            # the centred constant alone: the uncentred one needs the terms' starting values too
            terms = np.nan_to_num(start[:k_terms])
            start[k_terms] = start[k_terms] - np.asarray(centre, float) @ terms
    return constraints, start


def start_vector(start: tuple, index, n: int) -> np.ndarray:
    """``read_from``'s values at the fit's ``n`` parameters (``index``: a ``postest.wald.CoefIndex``
    over their names); nan where from() gives none.  ml's errors: a copy of the wrong length
    (r(503)), a name the fit lacks without ``skip`` (r(111))."""
    values = np.full(n, np.nan)
    if start[0] == "copy":
        if len(start[1]) != n:
            raise StataError("from(): wrong number of values", 503)
        values[:] = start[1]
        return values
    for ref, value in start[1]:
        try:
            values[index.find(ref)] = value
        except StataError:
            if not start[2]:  # without skip: ml's error
                raise
    return values


def parameter_names(spec) -> list[str]:
    """ml's parameters: the free equations' estimable columns, ``eq:name``, as theta orders them."""
    est = [lab.name for lab in spec.labels if not (lab.base or lab.omitted)]
    return [f"{eq}:{name}" for k, eq in enumerate(spec.eq_names) if k != spec.base for name in est]


def multinomial_constraints_and_start(session, spec, constraints_text, from_text, note=None) -> dict:
    """mlogit's constraints(numlist) and from() over ml's parameters (``parameter_names``):
    MultinomialSpec's ``constraints`` and ``start`` (the keys given).

    A defined constraint is read as [R] test reads an expression (``[2]x = 0``, an
    unqualified name meaning the first free equation); one naming a coefficient the model
    lacks is left out with makecns' note (``note``; None: hidden, as under fracpoly's
    quietly); an undefined number is r(111).  from() is ml's
    init(): ``matname [, skip]``, ``[eq:]name = # ...`` or ``# ..., copy``."""
    from mlmcli.postest.wald import CoefIndex
    from mlmcli.postest.ml_constraints import read_constraints

    index = CoefIndex(parameter_names(spec), multi_equation=True)
    out = {}
    if constraints_text is not None:
        found = read_constraints(session, index.colnames, constraints_text, note)
        if found is not None:
            out["constraints"] = found
    if from_text is not None:
        out["start"] = start_values_from(session, index.colnames, from_text)
    return out


def start_values_from(session, names, text) -> np.ndarray:
    """from()'s starting values at the parameters ``names`` (``eq:name``; nan where from()
    gives none); a name the model lacks without ``skip`` is ml_init's ``parameter eq:name not
    found`` r(111), a copy of another length r(503)."""
    return start_at(read_from(session, str(text)), names)


def start_at(start: tuple, names) -> np.ndarray:
    """``read_from``'s values at the parameters ``names`` (``start_values_from``'s errors)."""
    from mlmcli.postest.wald import CoefIndex

    index = CoefIndex(list(names), multi_equation=True)
    if start[0] == "names" and not start[2]:
        for ref, _ in start[1]:
            try:
                index.find(ref)
            except StataError:
                eq, name = CoefIndex.parse_ref(ref)
                raise StataError(f"parameter {eq or index.first_eq}:{name} not found", 111) from None
    return start_vector(start, index, len(index.colnames))
