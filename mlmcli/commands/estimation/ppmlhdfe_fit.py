"""ppmlhdfe's fit and e() (``mlmcli.commands.estimation.ppmlhdfe`` parses; this runs the ado's
Estimate: sample, fixed effects, separation and singletons, collinear regressors, IRLS, e(),
the d variable and saved fixed effects)."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.reghdfe import HdfeFit
from mlmcli.errors import StataError

TITLE = "HDFE {help ppmlhdfe##description:PPML} regression"
# ppmlhdfe_p's statistics with their minimal abbreviations
PREDICT_NAMES = (("xb", 2), ("xbd", 3), ("d", 1), ("mu", 1), ("eta", 1), ("stdp", 4), ("anscombe", 1),
                  ("cooksd", 1), ("deviance", 3), ("hat", 1), ("likelihood", 1), ("pearson", 1), ("response", 1),
                  ("scores", 6), ("working", 1))


class PpmlFit(HdfeFit):
    """ppmlhdfe's fit for predict (xb, stdp: z-based, the offset added by predict_ppmlhdfe)."""

    def __init__(self, depvar, labels, b, V, level, y, offset_name, d_name=None, absorbing=True):
        super().__init__(depvar, labels, b, V, None, level, y)
        self.offset_name, self.d_name, self.absorbing = offset_name, d_name, absorbing

    def coef_rows(self, level=None, eform: bool = False) -> tuple:
        from mlmcli.postest.coefficient_rows import rows_from_estimates
        return rows_from_estimates(self.coef_labels, self.b, self.V, level or self.level, None, eform=eform)

    def margins_prediction(self, options: str):
        """margins' hook: predict() / predict(mu) is exp(xb + offset + d) with d the saved sum of
        the fixed effects read per row (e(marginsok) default), predict(xb) x b + offset; the
        other statistics (e(marginsnotok)) are refused."""
        from mlmcli.glm.predictions import OffsetResponse, offset_variable
        from mlmcli.margins.response import STOCHASTIC, InverseLink, LinearIndex
        from mlmcli.syntax.options import read_options

        typed = [o.name for o in read_options(options.replace(",", " "))]
        offset = offset_variable(self.offset_name) if self.offset_name else None
        if typed in ([], ["mu"], ["m"]):
            if self.d_name is None and self.absorbing:
                raise StataError("predict mu requires the -d- option of ppmlhdfe", 198)
            base = InverseLink("log", f"Predicted mean of {self.depvar}")
            parts = ([(self.d_name, False)] if self.absorbing else []) + ([offset] if offset else [])
            for variable, log in parts:
                base = OffsetResponse(base, variable, log)
            return base
        if typed == ["xb"]:
            return OffsetResponse(LinearIndex("Linear prediction"), *offset) if offset else LinearIndex("Linear prediction")
        from mlmcli.errors import option_not_allowed
        from mlmcli.syntax.abbreviation import abbreviates

        for word in typed:  # ppmlhdfe_p's other statistics (e(marginsnotok)); anything else is predict's error
            if not any(abbreviates(word, name, k) for name, k in PREDICT_NAMES):
                raise option_not_allowed(word, None)
        raise StataError(STOCHASTIC, 498)

    def margins_variables(self) -> tuple[str, ...]:
        names = [self.d_name] if (self.d_name and self.absorbing) else []
        if self.offset_name:
            from mlmcli.glm.predictions import offset_variable

            names.append(offset_variable(self.offset_name)[0])
        return tuple(names)


def _sample(session, cmd, depvar, terms, settings, offset_var):
    from mlmcli.commands.estimation.common import weighted_sample
    from mlmcli.factor_terms import term_variables

    ds = session.data
    variables = [depvar] + term_variables(terms) + ([settings["clustvar"]] if settings["clustvar"] else [])
    sample, w, wkind = weighted_sample(session, cmd, variables, ("pweight", "fweight"))
    for parts in settings["factors"]:  # fixed_effects() marks out the absorbed variables
        for v in parts:
            sample &= (ds.column(v).astype(str) != "").to_numpy() if ds.is_string(v) else ~np.isnan(ds.numeric(v))
    if settings["clustvar"] and ds.is_string(settings["clustvar"]):
        sample &= (ds.column(settings["clustvar"]).astype(str) != "").to_numpy()
    offset = None
    if offset_var is not None:
        values = ds.numeric(offset_var)
        if settings["exposure"]:
            if np.any(sample & ~np.isnan(values) & (values <= 0)):
                raise StataError("exposure() must be greater than zero", 459)
            with np.errstate(divide="ignore", invalid="ignore"):
                values = np.log(values)
        sample &= ~np.isnan(values)
        offset = values
    return sample, w, wkind, offset


def fit_ppmlhdfe(session, cmd, opts) -> None:
    from mlmcli.commands.estimation.absorb_factors import factor_codes
    from mlmcli.commands.estimation.ppmlhdfe_settings import parse_settings
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.factor_terms import parse_terms
    from mlmcli.panel.absorbed_dof import absorbed_dof
    from mlmcli.panel.design import candidate_columns, design_with
    from mlmcli.panel.multiway_absorb import drop_singletons
    from mlmcli.panel.poisson_absorb import collinear_with_effects, irls
    from mlmcli.render.ppml_hdfe import render_converged, render_iteration_log
    from mlmcli.results.hdfe import AbsorbedEffect
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.ppml_hdfe import PpmlHdfeResult, PpmlIteration

    ds = session.data
    settings = parse_settings(session, cmd, opts)
    offset_var = opts.get("exposure") or opts.get("offset")
    settings["exposure"] = bool(opts.get("exposure"))
    if offset_var:
        offset_var = ds.resolve(str(offset_var).strip())
    words = cmd.args.split()
    depvar = ds.resolve(words[0])
    terms = parse_terms(ds, " ".join(words[1:])) if len(words) > 1 else []
    if cmd.weight is not None:  # the ado's ``unab exp : `exp', min(1) max(1)``: one variable
        exp_words = cmd.weight.exp.split()
        if len(exp_words) > 1:
            raise StataError("too many variables specified", 103)
        ds.resolve(exp_words[0] if exp_words else "")
    sample, w, wkind, offset_all = _sample(session, cmd, depvar, terms, settings, offset_var)
    if not sample.any():
        raise StataError("no observations", 2000)
    factors, names = settings["factors"], settings["names"]
    absorbing = bool(factors)
    codes = [factor_codes(ds, parts, sample) for parts in factors] if absorbing else [np.zeros(int(sample.sum()), np.int64)]
    y_all = ds.numeric(depvar)[sample]
    fe_check = "fe" in settings["separation"]
    keep = drop_singletons(codes, zero_sum_of=y_all if fe_check else None)
    dropped = int((~keep).sum())
    say = (lambda text: None) if settings["quiet"] else session.print
    if dropped:
        say(f"(dropped {dropped} observations that are either singletons or separated by a fixed effect)"
            if fe_check else f"(dropped {dropped} singleton observations)")
        rows = np.flatnonzero(sample)
        sample[rows[~keep]] = False
        codes = [np.unique(c[keep], return_inverse=True)[1].ravel().astype(np.int64) for c in codes]
    if sample.sum() < 2:
        raise StataError("insufficient observations", 2001)
    y = ds.numeric(depvar)[sample]
    if np.any(y < 0):
        raise StataError(f"{depvar} must be greater than or equal to zero", 459)
    true_w = w[sample] if w is not None else None
    layout, C = candidate_columns(ds, terms, sample)
    candidate_names = [label.name for kind, label, _, _ in layout if kind not in ("base", "empty", "omitted")]
    keep_cols = collinear_with_effects(C, codes, true_w if true_w is not None else np.ones(len(y)),
                                       settings["itolerance"])
    _note_collinear(say, candidate_names, keep_cols)
    # the ado standardizes y and X here, before the separation checks drop rows
    from mlmcli.panel.poisson_absorb import standardize
    sd_y = float(standardize(y[:, None])[0])
    sd_x = standardize(C[:, keep_cols]) if keep_cols.any() else np.ones(0)
    num_separated = 0
    if "relu" in settings["separation"] and (y == 0).any():
        step = _relu_step(session, say, y, C, keep_cols, sd_x, codes, true_w, wkind)
        if step is not None:
            kept_rows, separated, new_singletons = step
            rows = np.flatnonzero(sample)
            sample[rows[~kept_rows]] = False
            num_separated, dropped = separated, dropped + new_singletons
            codes = [np.unique(c[kept_rows], return_inverse=True)[1].ravel().astype(np.int64) for c in codes]
            y, C = y[kept_rows], C[kept_rows]
            true_w = true_w[kept_rows] if true_w is not None else None
            still = collinear_with_effects(C[:, keep_cols], codes, true_w if true_w is not None else np.ones(len(y)),
                                           settings["itolerance"])
            _note_collinear(say, [n for n, k in zip(candidate_names, keep_cols) if k], still)
            sd_x = sd_x[still]
            keep_cols[np.flatnonzero(keep_cols)[~still]] = False
    design = design_with(ds, terms, layout, C, keep_cols, True)
    cluster = None
    if settings["clustvar"]:
        from mlmcli.commands.estimation.common import group_codes
        cluster = group_codes(ds, settings["clustvar"], sample)
    offset = offset_all[sample] if offset_all is not None else None
    want_d = settings["d_name"] is not None or any(settings["targets"])
    fit = irls(y, C[:, keep_cols], codes, true_w=true_w, fweight=wkind == "fweight", offset=offset,
               tolerance=settings["tolerance"], itolerance=settings["itolerance"], maxiter=settings["maxiter"],
               cluster=cluster, want_d=want_d, scales=(sd_y, sd_x))
    if fit.separated and set(settings["separation"]) - {"fe"}:
        raise StataError(f"{fit.separated} observation{'s' if fit.separated > 1 else ''} separated (their fitted "
                         "mean went to zero) that the checks mlm carries (fe, ReLU) did not drop before the fit; "
                         "the ado's simplex and mu checks are not available in mlm's ppmlhdfe; separation(fe) "
                         "fits without them, as the ado does", 459)
    log = [PpmlIteration(**vars(line)) for line in fit.log]
    if settings["log"]:
        session.print(render_iteration_log(log, settings["tolerance"]))
    say(render_converged(fit.iterations, fit.subiterations, settings["tolerance"]))
    counts, df_a_nested = absorbed_dof(codes, names if absorbing else ["_cons"], cluster, settings["clustvar"])
    df_a = sum(c.categories - c.redundant for c in counts)
    rank = int(keep_cols.sum())
    df = fit.N - df_a - rank
    if cluster is not None:
        df = min(df, fit.n_clusters - 1)
    level = settings["level"]
    model = PpmlFit(depvar, design.labels, fit.b, fit.V, level, y,
                    (f"ln({offset_var})" if settings["exposure"] else offset_var) if offset_var else None,
                    settings["d_name"], absorbing)
    from mlmcli.distributions import chi2 as chi2_dist

    chi2 = fit.chi2
    p = float(chi2_dist.sf(chi2, rank)) if np.isfinite(chi2) and rank else float("nan")
    ll_0 = fit.ll_0
    r2_p = 1 - fit.ll / ll_0 if ll_0 else float("nan")
    clusters = ((settings["clustvar"], fit.n_clusters),) if cluster is not None else ()
    G = len(codes)
    result = PpmlHdfeResult(
        depvar=depvar, title="HDFE PPML regression" if absorbing else "PPML regression",
        title2=f"Absorbing {G} HDFE group{'s' if G > 1 else ''}" if absorbing else "",
        title3="Statistics robust to heteroskedasticity" if cluster is not None else "",
        nobs=fit.N, df=df, df_m=rank, chi2=chi2, p=p, deviance=fit.deviance, ll=fit.ll, r2_p=r2_p,
        coefs=model.coef_rows(), level=level, clusters=clusters,
        absorbed=tuple(AbsorbedEffect(n, c.categories, c.redundant, c.nested, c.exact)
                       for n, c in zip(names, counts)) if absorbing else ())
    b, V = model.e_matrices()
    num_singletons = dropped
    absvars = " ".join(names) if absorbing else "_cons"
    used_df_r = fit.N - df_a - rank - df_a_nested
    scalars = {"N": fit.N, "rank": float(rank), "df": float(df), "N_hdfe": float(G), "N_hdfe_extended": float(G),
               "df_a": float(df_a), "df_a_initial": float(sum(c.categories for c in counts)),
               "df_a_redundant": float(sum(c.redundant for c in counts)), "df_a_nested": float(df_a_nested),
               "ic": float(fit.iterations), "drop_singletons": 1.0, "num_singletons": float(num_singletons),
               "N_full": fit.N + num_singletons + num_separated, "df_m": float(rank), "rss": fit.rss,
               "rmse": float(np.sqrt(fit.rss / used_df_r)) if used_df_r > 0 else float(np.sqrt(fit.rss)),
               "ll": fit.ll, "ll_0": ll_0}
    if cluster is not None:
        scalars.update({"N_clust": float(fit.n_clusters), "N_clust1": float(fit.n_clusters), "N_clustervars": 1.0})
    scalars.update({"num_separated": float(num_separated), "deviance": fit.deviance, "r2_p": r2_p, "chi2": chi2, "converged": 1.0,
                    "ic2": float(fit.subiterations)})
    macros = {"cmd": "ppmlhdfe", "depvar": depvar, "dofmethod": "pairwise clusters continuous",
              "absvars": absvars, "extended_absvars": absvars, "predict": "ppmlhdfe_p",
              "estat_cmd": "reghdfe5_estat", "footnote": "reghdfe5_footnote", "marginsnotok":
              "stdp Anscombe Cooksd Deviance Hat Likelihood Pearson Response Score Working ADJusted STAndardized "
              "STUdentized MODified", "title": TITLE if absorbing else "PPML regression",
              # HDFE.indepvars with " _cons" appended, joined by invtokens (two blanks before it)
              "indepvars": " ".join([lab.name for lab in design.labels if not (lab.base or lab.omitted)
                                     and lab.name != "_cons"] + [" _cons"]),
              "vcetype": "Robust", "vce": settings["vce"], "properties": "b V", "chi2type": "Wald",
              "cmdline": cmd.text or f"ppmlhdfe {cmd.args}", "offset": model.offset_name or "",
              "separation": " ".join(settings["separation"]), "marginsok": "default"}
    if absorbing:
        macros["title2"] = result.title2
    if cluster is not None:
        macros.update({"title3": result.title3, "clustvar": settings["clustvar"], "clustvar1": settings["clustvar"]})
    if wkind:
        macros["wtype"], macros["wexp"] = wkind, f"= {cmd.weight.exp.strip()}"
    dof = np.array([[c.categories, c.redundant, c.categories - c.redundant, float(not c.exact), float(c.nested)]
                    for c in counts], float)
    matrices = {"b": b, "V": V, "dof_table": Matrix(dof, tuple(names if absorbing else ["_cons"]),
                                                    ("Categories", "Redundant", "Num Coefs", "Exact?", "Nested?"))}
    if settings["d_name"]:
        macros["d"] = settings["d_name"]
        _save(ds, settings["d_name"], sample, fit.d, "Sum of fixed effects", settings["d_replace"])
    if any(settings["targets"]):
        alpha = _group_means(fit.d, codes[0], fit.irls_weights)
        _save(ds, settings["targets"][0], sample, alpha, f"[FE] {names[0]}", True)
    session.e = EstimationResults(cmd="ppmlhdfe", scalars=scalars, macros={k: v for k, v in macros.items() if v != ""},
                                  matrices=matrices, result=result, model=model, sample=sample.copy(),
                                  title=result.title, design=design)
    session.e.stamp_sample(session.data)


def _note_collinear(say, names, keep) -> None:
    """remove_collinears' note on the regressors it drops."""
    if (~keep).any():
        gone = [n for n, k in zip(names, keep) if not k]
        say(f"note: {len(gone)} variable{'s' if len(gone) > 1 else ''} omitted because of collinearity: "
            + " ".join(gone))


def _relu_step(session, say, y, C, keep_cols, sd_x, codes, true_w, wkind):
    """relu_fix_separation on the standardized regressors: its messages, then (rows kept, rows
    separated, new singletons) when it drops rows (None otherwise).  The ado prints its
    "no negative residuals" stop without verbose()."""
    from mlmcli.panel.multiway_absorb import drop_singletons
    from mlmcli.panel.poisson_separation import relu_separation

    X = C[:, keep_cols] / sd_x if keep_cols.any() else np.zeros((len(y), 0))
    out = relu_separation(y, X, codes)
    if out is None:
        return None
    if out.max_iterations_reached:
        session.print("(ReLU separation check: maximum number of iterations reached; aborting)")
        return None
    separated = int(out.separated.sum())
    if out.stopped_on_residuals:
        session.print(f" $$ Stopping (no negative residuals); separation found in {separated:f} observations "
                      f"({out.iterations} iterations and {out.subiterations} subiterations)")
    if not separated:
        return None
    say(f"(ReLU method dropped {separated} separated observation{'s' if separated > 1 else ''} in "
        f"{out.iterations} iterations)")
    kept = ~out.separated
    # the fixed effects reloaded on the rows left: ordinary singletons (fweights count)
    sub = [np.unique(c[kept], return_inverse=True)[1].ravel().astype(np.int64) for c in codes]
    fw = true_w[kept] if (true_w is not None and wkind == "fweight") else None
    again = drop_singletons(sub, fw)
    new = int((~again).sum())
    if new:
        say(f"(dropped {new} singleton observations)")
    kept[np.flatnonzero(kept)[~again]] = False
    return kept, separated, new


def _group_means(d: np.ndarray, code: np.ndarray, w: np.ndarray) -> np.ndarray:
    """store_alphas with one factor: each group's weighted mean of d."""
    return (np.bincount(code, weights=w * d) / np.bincount(code, weights=w))[code]


def _save(ds, name: str, sample: np.ndarray, values: np.ndarray, label: str, replace: bool) -> None:
    out = np.full(ds.nobs, np.nan)
    out[sample] = values
    if replace and name in ds.varnames:
        ds.drop_variables([name])
    ds.set_variable(name, out, vtype="double")
    ds.var_labels[name] = label
