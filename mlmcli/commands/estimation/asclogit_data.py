"""asclogit's data: the sample of cases, the alternatives, the base alternative and the design
(``ChoiceDesign``), with the checks and notes of Stata's _altdepmodel/_asclogitmodel classes in
their order: ``case()`` integer valued (r(459)); rows with a missing value marked out, and
(casewise deletion, unless ``altwise``) every row of a case that lost one; cases with one
alternative left dropped (note); depvar 0/1 (r(450)); cases with no chosen alternative or with
every alternative chosen dropped (notes); an alternative repeated within a case (r(459)); an
alternative-specific variable without within-case variation (r(459)) and a case-specific
variable that varies within case (r(459)).

Decided without evidence: a case with more than one chosen alternative (of several) is refused
(r(198)): Stata fits it with the exact conditional likelihood, mlm's engine takes one choice
per case.  The default base alternative is the one present in the most cases (the first of
equal ones: _alternvar's frequencies, and [R] asclogit's example where air, the first of four
alternatives present in every case, is the base).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass
class ChoiceDesign:
    order: np.ndarray        # the sample's row numbers, sorted by case (then row)
    case: np.ndarray         # case codes 0..G-1 along ``order``
    chosen: np.ndarray
    alt_index: np.ndarray    # each row's alternative (0..k-1)
    alt_values: tuple        # the alternatives' values (numbers or strings), sorted
    alt_labels: tuple[str, ...]
    base: int
    as_design: object        # FixedDesign of the alternative-specific variables
    cv_design: object | None  # FixedDesign of the case-specific variables
    constant: bool
    X: np.ndarray
    blocks: list              # (equation, [CoefLabel ...], alternative index or None)
    touse: np.ndarray


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def alternative_labels(ds, altvar: str, values) -> tuple[str, ...]:
    from mlmcli.glm.separation import stata_g

    if ds.is_string(altvar):
        return tuple(str(v) for v in values)
    out = []
    for v in values:
        label = ds.value_label_text(altvar, int(v) if float(v).is_integer() else v)
        out.append(label if label else stata_g(v))
    return tuple(out)


def base_alternative(typed, values, labels, present) -> int:
    if typed is None or not str(typed).strip():  # basealternative() empty: asclogit.ado's string option unset
        return int(np.argmax(present))
    return alternative_position(str(typed).strip(), values, labels)


def alternative_position(text: str, values, labels) -> int:
    """An alternative named as typed (basealternative(), estat mfx's at()): its label, or its
    value when the alternatives are numbers."""
    if text in labels:
        return labels.index(text)
    try:
        number = float(text)
    except ValueError:
        number = None
    numbers = [float(v) for v in values] if values and not isinstance(values[0], str) else []
    if number is not None and number in numbers:
        return numbers.index(number)
    raise StataError(f"alternative {text} not found", 111)  # wording decided without evidence


def _case_any(flags, codes, G) -> np.ndarray:
    return np.bincount(codes, weights=flags.astype(float), minlength=G) > 0


def prepare_design(session, cmd, depvar, terms, cv_terms, case_var, alt_var, *, altwise, constant, base_typed,
                   note) -> ChoiceDesign:
    import pandas as pd

    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.sample import mark_sample

    ds = session.data
    ifin = np.asarray(mark_sample(session, cmd, []), dtype=bool)
    case_all = ds.numeric(case_var)
    bad = ifin & ~np.isnan(case_all) & (case_all != np.trunc(case_all))
    if bad.any():
        raise StataError("case() variable must be integer valued", 459)
    touse = np.asarray(mark_sample(session, cmd, [depvar, *term_variables(terms), *term_variables(cv_terms),
                                                  case_var]), dtype=bool)
    touse &= np.asarray(mark_sample(session, cmd, [alt_var], strok=True), dtype=bool)
    keyed = ifin & ~np.isnan(case_all)
    codes_all = np.full(len(case_all), -1, dtype=np.int64)
    uniq = np.unique(case_all[keyed])
    codes_all[keyed] = np.searchsorted(uniq, case_all[keyed])
    G0 = len(uniq)
    if not altwise and G0:  # _markoutbycase: a case losing a row loses them all
        lost = _case_any(keyed & ~touse, np.where(keyed, codes_all, 0), G0)
        touse &= ~(keyed & lost[np.where(keyed, codes_all, 0)])
        if not touse.any():
            raise StataError("no cases remain after removing invalid observations", 2000)
    if not touse.any():
        raise StataError("no observations", 2000)
    codes = np.where(touse, codes_all, 0)
    sizes = np.bincount(codes[touse], minlength=G0)
    single = touse & (sizes[codes] == 1)
    if single.any():
        d = int(single.sum())
        note(f"note: {d} {_plural(d, 'case', 'cases')} dropped because {_plural(d, 'it has', 'they have')} "
             "only one alternative")
        touse &= ~single
        if not touse.any():  # every case had one alternative (decided: the fit's r(2000))
            raise StataError("no observations", 2000)
    y_all = ds.numeric(depvar)
    if not np.isin(y_all[touse], (0.0, 1.0)).all():
        raise StataError(f"depvar {depvar} must be a 0/1 variable indicating which alternatives are chosen", 450)
    for kind in ("no", "all"):
        sizes = np.bincount(codes[touse], minlength=G0)
        picks = np.bincount(codes[touse], weights=y_all[touse], minlength=G0)
        drop_case = (sizes > 0) & ((picks == 0) if kind == "no" else (picks == sizes))
        if drop_case.any():
            rows = touse & drop_case[codes]
            n, m = int(drop_case.sum()), int(rows.sum())
            note(f"note: {n} {_plural(n, 'case', 'cases')} ({m} obs) dropped due to {kind} positive "
                 f"{'outcome' if kind == 'no' else 'outcomes'} per case")
            touse &= ~rows
            if not touse.any():
                raise StataError("no cases remain after removing invalid observations", 2000)
    sizes = np.bincount(codes[touse], minlength=G0)
    picks = np.bincount(codes[touse], weights=y_all[touse], minlength=G0)
    if ((picks > 1) & (sizes > 0)).any():
        raise StataError("asclogit in mlmcli fits one chosen alternative per case; some cases have more", 198)
    order = np.flatnonzero(touse)
    order = order[np.argsort(codes[order], kind="stable")]
    case = np.unique(codes[order], return_inverse=True)[1].astype(np.int64)
    G = int(case.max()) + 1
    if ds.is_string(alt_var):
        alt_raw = np.asarray(ds.column(alt_var).to_numpy(), dtype=object)[order]
        values = tuple(sorted(set(alt_raw)))
    else:
        alt_raw = ds.numeric(alt_var)[order]
        values = tuple(float(v) for v in np.unique(alt_raw))
    alt_index = np.asarray(pd.Index(values).get_indexer(list(alt_raw)), dtype=np.int64)
    k = len(values)
    if k <= 1:
        note(f"note: alternatives variable {alt_var} does not vary")
    pairs = case * max(k, 1) + alt_index
    if len(np.unique(pairs)) < len(pairs):
        raise StataError(f"variable {alt_var} has replicate levels for one or more cases; this is not allowed", 459)
    labels = alternative_labels(ds, alt_var, values)
    present = np.bincount(alt_index, minlength=k)
    base = base_alternative(base_typed, values, labels, present)
    sample = np.zeros(len(touse), dtype=bool)
    sample[order] = True  # build_design reads rows in data order; reordered below
    back = np.argsort(np.argsort(order))  # data-order position of each sorted row
    as_design = build_design(ds, terms, sample, constant=False)
    for n_ in as_design.notes:
        note(n_)
    Xa = as_design.X[back]
    if constant is False and not terms and not cv_terms:
        raise StataError("too few variables specified", 102)
    for j, lab in enumerate(lab for lab in as_design.labels if not (lab.base or lab.omitted)):
        varies = _varies_within(Xa[:, j], case, G)
        if not varies.any():
            raise StataError(f"variable {lab.name} is not alternative-specific; it has no within-case variability",
                             459)
        if not varies.all():
            m = int(G - varies.sum())
            note(f"note: variable {lab.name} has {m} {_plural(m, 'case that is', 'cases that are')} not "
                 "alternative-specific; there is no within-case variability")
    cv_design, Z = None, np.zeros((len(order), 0))
    if cv_terms:
        cv_design = build_design(ds, cv_terms, sample, constant=False)
        for n_ in cv_design.notes:
            note(n_)
        Z = cv_design.X[back]
        for j, lab in enumerate(lab for lab in cv_design.labels if not (lab.base or lab.omitted)):
            if _varies_within(Z[:, j], case, G).any():
                raise StataError(f"variable {lab.name} is not constant within case", 459)
    from mlmcli.mixed.spec import CoefLabel

    cols, blocks = [Xa], []
    if as_design.labels:
        blocks.append((alt_var, list(as_design.labels), None))
    cv_labels = [lab for lab in (cv_design.labels if cv_design is not None else ())]
    for j in range(k):
        if not cv_labels and not constant:
            continue
        if j == base:
            blocks.append((labels[j], [], j))
            continue
        at = (alt_index == j).astype(float)
        cols.append(Z * at[:, None])
        cols.append(at[:, None] if constant else np.zeros((len(order), 0)))
        blocks.append((labels[j], cv_labels + ([CoefLabel("_cons")] if constant else []), j))
    X = np.column_stack(cols) if cols else np.zeros((len(order), 0))
    return ChoiceDesign(order, case, y_all[order], alt_index, values, labels, base, as_design, cv_design,
                        constant, X, blocks, sample)


def _varies_within(x, case, G) -> np.ndarray:
    """Per case: whether x takes more than one value."""
    lo = np.full(G, np.inf)
    hi = np.full(G, -np.inf)
    np.minimum.at(lo, case, x)
    np.maximum.at(hi, case, x)
    return hi > lo


def alternative_index(session, e) -> np.ndarray:
    """Each row's alternative among the fit's (0..k-1), -1 for another value or missing."""
    ds, m = session.data, e.model
    alt_var = e.macros["altvar"]
    if ds.is_string(alt_var):
        raw = np.asarray(ds.column(alt_var).to_numpy(), dtype=object)
        return np.array([m.alt_values.index(v) if v in m.alt_values else -1 for v in raw])
    raw = ds.numeric(alt_var)
    values = np.array(m.alt_values, float)
    pos = np.clip(np.searchsorted(values, raw), 0, len(values) - 1)
    return np.where(values[pos] == raw, pos, -1)
