"""clogit's variance options beyond the sandwich ([R] clogit; clogit.ado):

    vce(oim|opg|robust|cluster v|bootstrap [, reps(#) seed(#) nodots]|jackknife [, mse nodots])
    nonest   score(newvar)

- ``vce(opg)``: ml's OPG variance (sum_g w_g s_g s_g')^-1 over the groups' scores; the model
  test stays the LR test (``OPG`` over Std. Err.);
- ``nonest`` (with ``vce(cluster v)`` only: "option nonest requires the vce(cluster ...)
  option" r(198)): clusters need not nest the groups -- the sandwich sums each row's score
  u_t x_t by cluster (clogit.ado's ``Robust``: ``_robust2`` on the score index);
- ``score(newvar)``: the score index u_t = d ln L / d(x_t b) of each row of the estimation
  sample (``mlmcli.conditional_robust.score_index``), a double labelled "Score index from clogit";
- ``vce(bootstrap)``/``vce(jackknife)``: clogit under the prefix with its groups as the
  clusters (clogit.ado's ``_vce_cluster``; ``mlmcli.panel.replicates``): the full-sample fit
  runs quietly (no notes, no log), ``(running clogit on estimation sample)`` and the dots, then
  the table with ``(Replications based on G clusters in group)``.  Bootstrap: Wald chi2,
  ``Observed``/``Bootstrap``/``Normal-based``; weights are bootstrap's "weights not allowed"
  r(101).  Jackknife: F(k, n-1), t statistics and intervals on n-1 degrees of freedom,
  ``Jackknife`` over Std. Err.; with fweights each replicate takes one copy of the group away
  (jackknife.ado's ``_loop_jknife_fw``), e(df_r) the frequencies' sum less one.
  ``vce(jackknife, cluster(v))``: clogit.ado's ``_vce_cluster`` hands ``cluster(v)`` to the
  prefix in place of the groups, so each replicate leaves out one cluster of v (jackknife.ado
  asks no nesting: a group cut by v keeps its other rows, grouped as before), over the
  estimation sample (e(sample): v missing there is "missing values not allowed in cluster
  variable v" r(459)); ``(Replications based on G clusters in v)``, e(clustvar) v, e(N_clust)
  G.  With weights it is refused (not supported by mlmcli).
  The draws come from mlm's stream (``seed()``/``set seed``), not Stata's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from mlmcli.commands.estimation.cluster_replicates import replicate_options
from mlmcli.errors import StataError


@dataclass(frozen=True)
class ClogitVCE:
    kind: str = "oim"  # oim | opg | robust | cluster | bootstrap | jackknife
    cluster: str | None = None
    nonest: bool = False
    replicates: dict = field(default_factory=dict)  # reps, seed, dots, mse


def clogit_vce(ds, opts: dict, weight) -> ClogitVCE:
    """vce(), robust, cluster(), nonest (module docstring); ``weight``: the command's [weight]."""
    from mlmcli.commands.estimation.common import sandwich_vce
    from mlmcli.parser import weight_kind
    from mlmcli.syntax.options import vce_option

    from mlmcli.syntax.replicate_vce import split_prefix_mark

    kind_of_weight = None if weight is None else weight_kind(weight)
    typed, prefix = split_prefix_mark(str(opts.get("vce") or "").strip())
    head = typed.split(",")[0].strip()
    kind, args = vce_option(head, (("oim", 1), ("opg", 3), ("robust", 1), ("cluster", 2), ("bootstrap", 4),
                                   ("jackknife", 4), ("conventional", 4))) if head else (None, [])
    if kind in ("oim", "conventional", "opg", "bootstrap", "jackknife"):
        if opts.get("robust") or opts.get("cluster"):
            raise StataError("options vce() and robust/cluster() may not be combined", 198)
        if kind not in ("bootstrap", "jackknife") and (args or "," in typed):
            raise StataError("invalid vce() option", 198)  # clogit.ado's _vce_parse: words after oim|opg
        if args:  # replication words before the comma: left as it was (_vce_parserun's reading not checked)
            raise StataError(f"vcetype '{typed}' not allowed", 198)
    if kind in ("bootstrap", "jackknife"):
        if not prefix and re.search(r",.*\bid(c(l(u(s(t(e(r)?)?)?)?)?)?)?\s*\(", typed, re.IGNORECASE):
            raise StataError("clogit does not allow option idcluster() inside the vce() option", 198)  # _vce_cluster
        chosen = ClogitVCE(kind, replicates=replicate_options(typed, kind, "clogit", cluster_ok=True, prefix=prefix,
                                                             display_ok=True))
        if kind == "bootstrap":
            from mlmcli.commands.estimation.glm_replicates import vce_level

            _hand_display_options(chosen.replicates, opts)

            vce_level(opts, chosen.replicates)
        if chosen.replicates.get("cluster") and kind_of_weight is not None:
            raise StataError("vce(jackknife, cluster()) with weights not supported by mlmcli with clogit", 198)
        if kind_of_weight is not None and kind == "bootstrap":  # bootstrap.ado: weights fail its syntax
            raise StataError("weights not allowed", 101)
    elif kind == "opg":
        if kind_of_weight == "pweight":  # _vce_parse: pweights need robust
            raise StataError("vce(opg) not allowed with pweights", 198)
        chosen = ClogitVCE("opg")
    elif kind in ("oim", "conventional"):
        chosen = ClogitVCE("oim")
    else:
        chosen = ClogitVCE(*sandwich_vce(ds, opts, "oim"))
    if opts.get("nonest"):
        if chosen.kind != "cluster":
            raise StataError("option nonest requires the vce(cluster ...) option", 198)
        chosen = ClogitVCE("cluster", chosen.cluster, nonest=True)
    return chosen


def _hand_display_options(settings: dict, opts: dict) -> None:
    """vce(bootstrap, ...)'s level(), or and the display options clogit's table takes
    (cformat() ...) go to that table (bootstrap_run.hand_display_options); noheader and notable
    (not offered by clogit's display here), other eform options, verbose, title(): r(198)."""
    from mlmcli.commands.estimation.bootstrap_run import hand_display_options
    from mlmcli.commands.estimation.common import display_option_specs
    from mlmcli.syntax.options import OptionSpec

    shown = [name for name in settings.get("display", ()) if name in ("noheader", "notable")]
    if shown:
        raise StataError(f"vce(bootstrap, {shown[0]}) not supported by mlmcli with clogit", 198)
    hand_display_options(settings, opts, "clogit", [*display_option_specs(), OptionSpec("or", 2)],
                         {"Odds Ratio": "or"})


def check_score_name(ds, opts: dict, vce: ClogitVCE) -> str | None:
    """score(newvar): one new name (CheckScore: "score() requires one new variable name")."""
    text = opts.get("score")
    if text is None:
        return None
    words = str(text).split()
    if len(words) != 1:
        raise StataError("score() requires one new variable name", 198)
    if vce.kind in ("bootstrap", "jackknife"):
        raise StataError(f"score() with vce({vce.kind}) not supported by mlmcli", 198)
    from mlmcli.syntax.varlist import check_new_name

    check_new_name(ds, words[0])  # confirm new var
    return words[0]


def write_score(session, name: str, sample: np.ndarray, rows_u: np.ndarray) -> None:
    """The score index over the estimation sample's rows, missing elsewhere."""
    values = np.full(session.data.nobs, np.nan)
    values[np.flatnonzero(sample)] = rows_u
    session.data.set_variable(name, values, "double")
    session.data.var_labels[name] = "Score index from clogit"


def clogit_special_variance(ds, vce: ClogitVCE, V, X, outcome, groups, b, off, w_group, weight_kind,
                            cluster_of_group, sample, w_all):
    """(V, e(N_clust)) of vce(opg), of the sandwich, and of the sandwich with nonest (the rows'
    scores u_t x_t summed by cluster: clogit.ado's ``Robust``)."""
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.conditional_robust import group_terms, opg_variance, robust_variance, score_index

    if vce.kind == "opg":
        return opg_variance(group_terms(X, outcome, groups, b, off)[1], w_group), 0
    if vce.nonest:
        u = score_index(X, outcome, groups, b, off)
        w_rows = None if w_all is None else w_all[sample]
        clusters = group_codes(ds, vce.cluster, sample)
        return robust_variance(V, u[:, None] * X, w_rows, weight_kind, clusters)
    scores = group_terms(X, outcome, groups, b, off)[1]
    return robust_variance(V, scores, w_group, weight_kind, cluster_of_group)


def clogit_replicates(session, vce: ClogitVCE, b, X, outcome, codes, off, w_rows, weight_kind=None,
                      command: str = "clogit", family: str = "logit", jackknife_clusters=None,
                      renumber: bool = False):
    """(V, the e() scalars) of vce(bootstrap|jackknife): the groups (xtlogit/xtpoisson, fe: the
    panels) are the clusters, each replicate the conditional likelihood's Newton-Raphson from 0
    on its rows (a drawn group twice: two groups); ``jackknife_clusters``: the clusters of
    vce(jackknife, cluster()) or of the prefix typed (observations, or its cluster(); e(N_clust)
    only with a cluster()), each replicate leaving out or drawing those clusters, the rows grouped
    by clogit's groups -- a group's rows drawn twice more rows of that group, unless ``renumber``
    (bootstrap's idcluster() naming the group variable: each drawn cluster a group of its own)."""
    from mlmcli.conditional_likelihood import clogit_derivatives, cpoisson_derivatives, group_index, maximise
    from mlmcli.conditional_robust import group_values, weighted_derivatives

    def refit(rows, new_codes, row_frequencies=None):
        if jackknife_clusters is not None and not renumber:  # the prefix's clusters are not clogit's groups
            new_codes = np.unique(codes[rows], return_inverse=True)[1]
        groups = group_index(new_codes)
        w_here = row_frequencies if row_frequencies is not None else None if w_rows is None else w_rows[rows]
        w_group = None if w_here is None else group_values(w_here, groups)
        o = None if off is None else off[rows]
        if family == "poisson":
            derivatives = cpoisson_derivatives if o is None else poisson_offset_derivatives(o)
        else:
            derivatives = clogit_derivatives if o is None and w_group is None else weighted_derivatives(w_group, o)
        with np.errstate(all="ignore"):
            b_r, _, _, _, converged = maximise(derivatives, X[rows], outcome[rows], groups)
        if not converged:
            raise np.linalg.LinAlgError(f"{command} did not converge")
        return b_r

    from mlmcli.commands.estimation.cluster_replicates import replicate_variance

    frequencies = None
    replicates = codes if jackknife_clusters is None else jackknife_clusters
    if weight_kind == "fweight" and vce.kind == "jackknife":  # constant within group, and within the prefix's
        frequencies = np.zeros(int(replicates.max()) + 1)     # clusters (observations: cluster() is refused)
        frequencies[replicates] = w_rows
    V, n, G, df_r = replicate_variance(session, vce.kind, vce.replicates, b, refit, replicates, command,
                                       frequencies)
    extra = {"N_reps": float(n)}
    if not vce.replicates.get("prefix") or vce.replicates.get("cluster"):
        extra["N_clust"] = float(G)
    if df_r is not None:
        extra["df_r"] = df_r
    return V, extra


def vce_display(kind: str, scalars: dict, group_var: str, chi2type: str, xt: bool = False):
    """(the header's test label, MLHeaderResult's variance fields, the e() macros) of ``kind``;
    jackknife's F: ``F(%4.0f,%7.0f)`` in clogit's header, ``F(%6.0f,%8.0f)`` in xtlogit's and
    xtpoisson's (_crcphdr.ado), which has no Replications line."""
    from mlmcli.render.numfmt import format_number

    label = f"{chi2type} chi2({int(scalars['df_m'])})"
    if kind == "opg":
        return label, {"vce_label": "OPG"}, {"vce": "opg", "vcetype": "OPG"}
    if kind not in ("bootstrap", "jackknife"):
        return label, {}, {}
    clustered = "N_clust" in scalars  # not the prefix over observations (bootstrap.ado, jackknife.ado)
    header = {"vce_label": kind.capitalize(), "n_reps": None if xt else int(scalars["N_reps"]),
              "replications": (int(scalars["N_clust"]), group_var) if clustered else None}
    macros = {"vce": kind, "vcetype": kind.capitalize(), "prefix": kind, "chi2type": "Wald"}
    if clustered:
        macros["clustvar"] = group_var
    if kind == "jackknife":
        header["t_stats"] = True
        widths = ("%6.0f", "%8.0f") if xt else ("%4.0f", "%7.0f")
        label = f"F({format_number(scalars['df_m'], widths[0])},{format_number(scalars['df_r'], widths[1])})"
        return label, header, macros
    return label, header, macros


def poisson_offset_derivatives(off):
    """The conditional Poisson log likelihood's derivatives with an offset (coefficient 1)."""
    from mlmcli.conditional_likelihood import cpoisson_derivatives

    def derivatives(X, y, groups, b):
        ll, score, hess = cpoisson_derivatives(np.column_stack([X, off]), y, groups, np.r_[b, 1.0])
        k = X.shape[1]
        return ll, score[:k], hess[:k, :k]
    return derivatives
