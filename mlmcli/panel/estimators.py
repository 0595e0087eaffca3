"""b of one of xtreg's estimators on a replicate's rows: the refits of vce(jackknife|bootstrap),
for the command (``commands.estimation.xtreg_replicates``) and fpfit's estcmd(xtreg)
(``graphs.fpfit_xtreg_replicates``)."""
from __future__ import annotations


def panel_estimator(model: str, opts: dict, level: float, has_cons: bool, weight_kind: str = "fweight",
                    full: bool = False):
    """b of xtreg's ``model`` on (y, X without _cons, panel codes[, weights]): the weights are
    fweights (jackknife.ado's frequencies) or ``weight_kind`` "aweight" (fe's pweights, fitted
    as aweights); ``full``: mle's whole e(b), sigma_u and sigma_e after b."""
    def estimate(yr, Xr, cr, frequencies=None):
        from mlmcli.panel.groups import Panels

        panels = Panels(cr)
        if model == "fe":
            from mlmcli.panel.within import fit_within

            return fit_within(yr, Xr, panels, varying=Xr, weight=frequencies,
                              weight_kind=None if frequencies is None else weight_kind, vce="conventional",
                              cluster=None, level=level)["b"]
        if model == "be":
            from mlmcli.panel.between import fit_between

            return fit_between(yr, Xr, panels, wls=bool(opts.get("wls")), level=level)["b"]
        if model == "re":
            from mlmcli.panel.gls import fit_gls

            return fit_gls(yr, Xr, panels, sa=bool(opts.get("sa")), vce="conventional", cluster=None,
                           level=level)["b"]
        from mlmcli.panel.maximum_likelihood import fit_ml

        out = fit_ml(yr, Xr, panels, constant=bool(has_cons), vce="oim", cluster=None, level=level,
                     rule=opts.get("_ml_rule"))
        return out["full_b"] if full else out["b"]

    return estimate
