"""margins after fits whose e(marginsok) is ``XB default`` (xtabond, xtdpdsys: xtdpd.ado; xtregar:
xtregar.ado): the linear prediction x b is margins' one statistic.  The design margins rebuilds
on its rows is read from e(b)'s names (``L.n``, ``L2.n``, ``w``, ``_cons``) on e(sample).

The other statistics of their predict programs (e, stdp, ue, u) depend on more than e(b) -- they
are the ado's e(marginsnotok) words -- and are refused with r(498); the words of neither list are
predict's unknown options (r(198)).
"""
from __future__ import annotations


def coefficient_design(dataset, names, sample):
    """The design of e(b)'s columns ``names`` on e(sample) (None when the names are not plain
    covariates, so margins says r(321) as before)."""
    from mlmcli.errors import StataError
    from mlmcli.factor_variables import build_design, parse_terms

    variables = [n for n in names if n != "_cons"]
    constant = "_cons" in names
    if constant and names[-1] != "_cons":
        return None
    try:
        design = build_design(dataset, parse_terms(dataset, " ".join(variables)) if variables else [], sample,
                              constant=constant)
    except StataError:
        return None
    if list(design.column_names) != list(names):
        return None  # collinear on these rows: the fit dropped other columns than build_design would
    return design


def xb_margins_prediction(options: str, stochastic: tuple[str, ...]):
    """``xb`` (the default) as margins sees it; ``stochastic``: the predict statistics refused (r(498))."""
    from mlmcli.margins.response import LinearIndex
    from mlmcli.postest.fractional_prediction import margins_statistic

    table = (("xb", 2),) + tuple((name, len(name)) for name in stochastic)
    margins_statistic(options, table, "xb", stochastic=stochastic)
    return LinearIndex("Linear prediction")


class LinearIndexModel:
    """The fit margins sees after a linear panel fit posted without a fit object (xtgls, xtpcse):
    the design is e(b)'s, the one statistic x b (xtpcse.ado posts e(marginsok) ``XB default``;
    xtgls_p's other statistic, stdp, is not margins' to average)."""

    def margins_prediction(self, options: str):
        return xb_margins_prediction(options, ())
