"""``matrix dissimilarity matname = [varlist] [if] [in] [, measure observations variables
names(varname) allbinary proportions dissim(method)]`` ([MV] matrix dissimilarity): the
dissimilarities (similarities: correlation, angular; dissim(oneminus|standard) turns them
into dissimilarities) between observations (the default) or variables, for the measures
mlm computes (``mlmcli.multivariate.cluster_analysis``); binary measures and proportions
are refused.  Rows and columns are named by names() or
obs1, obs2, ... (observations; mlm's reading of the manual's examples) or by the variables."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError


def matrix_dissimilarity(session, rest: str) -> None:
    from mlmcli.commands.data.common import mark
    from mlmcli.commands.statistics.cluster_variables import numeric_varlist
    from mlmcli.multivariate.cluster_analysis import REFUSED_MEASURES, is_similarity, pairwise, parse_measure
    from mlmcli.parser import parse_arguments
    from mlmcli.results.matrix import Matrix

    m = re.fullmatch(r"\s*([^\W\d]\w*)\s*=(.*)", rest or "", re.S)
    if not m:
        raise StataError("invalid syntax", 198)
    name, body = m.groups()
    cmd = parse_arguments(body, "matrix dissimilarity")
    ds = session.data
    names = numeric_varlist(ds, cmd.args)
    measure, between, label, dissim = None, "observations", None, None
    for option in cmd.options:
        word = option.name
        if word in ("observations", "variables") and option.arg is None:
            between = word
        elif word == "names" and option.arg:
            label = ds.expand_varlist(option.arg)[0]
        elif len(word) >= 3 and "dissim".startswith(word) and option.arg is not None:
            dissim = option.arg.strip().lower()
            if dissim not in ("oneminus", "standard"):
                raise StataError("dissim() must be oneminus or standard", 198)
        elif word in ("allbinary", "proportions") or word.lower() in REFUSED_MEASURES:  # measures: Jaccard
            raise StataError(f"matrix dissimilarity, {word} is not implemented in mlm", 198)
        else:
            if measure is not None:
                raise StataError("only one measure may be specified", 198)
            measure = parse_measure(word + (f"({option.arg})" if option.arg is not None else ""))
    measure = measure or "L2"
    if between == "variables" and label:
        raise StataError("names() not allowed with variables", 198)
    if label and not ds.is_string(label):
        raise StataError(f"{label} must be a string variable", 109)
    rows = mark(session, cmd, names)
    x = np.column_stack([ds.numeric(v)[rows] for v in names]).astype(float)
    if between == "variables":
        x, labels = x.T, tuple(names)
    elif label:
        labels = tuple(str(v) for v in ds.column(label).to_numpy()[rows])
    else:
        labels = tuple(f"obs{i + 1}" for i in np.flatnonzero(rows))
    if len(x) > 11000:
        raise StataError("matsize too small", 908)
    values = pairwise(x, x, measure)
    if dissim and not is_similarity(measure):
        raise StataError("dissim() allowed only with similarity measures", 198)
    if dissim == "oneminus":
        values = 1 - values
    elif dissim == "standard":
        diagonal = np.diag(values)
        values = np.sqrt(np.maximum(diagonal[:, None] + diagonal[None, :] - 2 * values, 0))
    session.matrices[name] = Matrix(values, labels, labels)
