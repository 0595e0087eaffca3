"""suest: stacked e(b) and the simultaneous sandwich e(V) of stored models (numbers from
tests/suest_reference/suest_reference.R, which computes the scores' sandwich by hand), its
table, e(), Stata's checks and refusals; and test's equation forms with common and constant."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

REF_DIR = Path(__file__).parent / "suest_reference"
REF = json.loads((REF_DIR / "suest_reference.json").read_text())
LOAD = f'import delimited using "{REF_DIR / "birthwt.csv"}", clear\n'
MODELS = """quietly regress bwt age i.race smoke
estimates store re
quietly regress bwt age i.race smoke ptl
estimates store fe
"""


@pytest.fixture
def models(do):
    rc, out, s = do(LOAD + MODELS)
    assert rc == 0, out
    return s


def _check_against(session, ref):
    e = session.e
    b, V = e.matrices["b"], e.matrices["V"]
    names = list(b.colnames)
    for name, bref, seref in zip(ref["names"], ref["b"], ref["se"]):
        j = names.index(name)
        assert b.values[0, j] == pytest.approx(bref, rel=1e-8, abs=1e-10), name
        assert np.sqrt(V.values[j, j]) == pytest.approx(seref, rel=1e-7), name
    assert e.scalars["N"] == ref["N"]


def test_two_regressions_robust_match_r(models, run):
    out, rc = run(models, "suest re fe")
    assert rc == 0, out
    _check_against(models, REF["re_fe_robust"])
    e = models.e
    assert e.cmd == "suest" and e.macros["vce"] == "robust" and e.macros["vcetype"] == "Robust"
    assert e.macros["names"] == "re fe" and e.macros["eqnames1"] == "mean lnvar"
    assert e.scalars["rank"] == 13  # 5 + lnvar, 6 + lnvar: base levels are not counted
    assert list(e.matrices["b"].colnames)[:2] == ["re_mean:age", "re_mean:1b.race"]


def test_cluster_and_the_do_files_test_match_r(models, run):
    out, rc = run(models, "suest re fe, vce(cluster id)\ntest [re_mean = fe_mean], cons common")
    assert rc == 0, out
    ref = REF["re_fe_cluster"]
    _check_against(models, ref)
    assert models.e.scalars["N_clust"] == ref["M"] == 23
    assert models.e.macros["clustvar"] == "id" and models.e.macros["vce"] == "cluster"
    r = models.r
    assert r["chi2"] == pytest.approx(ref["test"]["chi2"], rel=1e-7)
    assert r["df"] == 5 and r["p"] == pytest.approx(ref["test"]["p"], rel=1e-6)
    assert " ( 1)  [re_mean]age - [fe_mean]age = 0\n ( 2)  [re_mean]2.race - [fe_mean]2.race = 0" in out
    assert " ( 5)  [re_mean]_cons - [fe_mean]_cons = 0\n\n           chi2(  5) =    3.13\n" \
           "         Prob > chi2 =    0.6802" in out


def test_the_table(models, run):
    out, rc = run(models, "suest re fe, vce(cluster id)")
    assert rc == 0, out
    lines = out.splitlines()
    assert lines[:5] == ["", "Simultaneous results for re, fe", "",
                         " " * 50 + "Number of obs   =        189", ""]
    assert lines[5] == "(Std. Err. adjusted for 23 clusters in id)".rjust(78)
    assert lines[7] == " " * 13 + "|               Robust"
    assert lines[8] == "             |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]"
    assert lines[10] == "re_mean      |"
    assert "re_lnvar     |\n       _cons |   13.07345   .0792447   164.98   0.000     12.91814    13.22877" in out
    assert "fe_mean      |" in out and "         ptl |  -161.1283   138.2234    -1.17   0.244" in out


def test_union_of_samples_logit_and_poisson_match_r(do):
    rc, out, s = do(LOAD + """quietly logit low age lwt
estimates store lg
quietly regress bwt age lwt if smoke == 1
estimates store sb
quietly poisson ptl age smoke
estimates store po
suest lg sb po, vce(cluster id)""")
    assert rc == 0, out
    ref = REF["lg_sb_po_cluster"]
    _check_against(s, ref)
    names = list(s.e.matrices["b"].colnames)
    V = s.e.matrices["V"].values
    assert V[names.index("lg_low:age"), names.index("sb_mean:age")] == pytest.approx(ref["cross"], rel=1e-7)
    assert V[names.index("sb_lnvar:_cons"), names.index("po_ptl:smoke")] == pytest.approx(ref["cross2"], rel=1e-7)
    assert "Simultaneous results for lg, sb, po" in out


@pytest.mark.parametrize("command,depvar", [("logit", "low"), ("probit", "low"), ("cloglog", "low"),
                                            ("logistic", "low"), ("poisson", "ptl"), ("nbreg", "ptl"),
                                            ("ologit", "race"), ("oprobit", "race"), ("mlogit", "race")])
def test_one_model_is_the_models_own_sandwich(do, command, depvar):
    """suest of one ML model is its vce(robust) (N/(N-1)) and vce(cluster) (M/(M-1)) variance."""
    rc, out, s = do(LOAD + f"""quietly {command} {depvar} age lwt
estimates store m
quietly suest m
matrix A = e(V)
quietly suest m, vce(cluster id)
matrix C = e(V)
quietly {command} {depvar} age lwt, vce(robust)
scalar r1 = mreldif(A, e(V))
quietly {command} {depvar} age lwt, vce(cluster id)
scalar r2 = mreldif(C, e(V))""")
    assert rc == 0, out
    assert s.scalars["r1"] < 1e-9 and s.scalars["r2"] < 1e-9


def test_time_series_operators_and_interactions_use_the_fits_design(do):
    rc, out, s = do(LOAD + """gen t = _n
tsset t
quietly logit low L.age c.lwt#i.race
estimates store a
quietly suest a, vce(cluster id)
matrix A = e(V)
scalar n = e(N)
quietly logit low L.age c.lwt#i.race, vce(cluster id)
scalar r = mreldif(A, e(V))""")
    assert rc == 0, out
    assert s.scalars["r"] < 1e-9 and s.scalars["n"] == 188


def test_equation_names(do):
    rc, out, s = do(LOAD + """quietly mlogit race age
estimates store ml
quietly ologit race age lwt
suest ml .""")
    assert rc == 0, out
    eqs = list(dict.fromkeys(c.split(":")[0] for c in s.e.matrices["b"].colnames))
    assert eqs == ["ml_1", "ml_2", "ml_3", "_LAST_race", "_LAST_cut1", "_LAST_cut2"]
    assert s.e.macros["eqnames2"] == "race cut1 cut2"
    rc, out, s = do("suest .", session=s)  # suest's own results: e(vce) robust, as in Stata
    assert rc == 322 and ". was estimated with a nonstandard vce (robust)" in out
    rc, out, s = do("estimates restore ml\nsuest .", session=s)  # one model keeps its equation names
    assert rc == 0, out
    assert list(dict.fromkeys(c.split(":")[0] for c in s.e.matrices["b"].colnames)) == ["1", "2", "3"]
    assert "Robust results for ." in out


def test_results_left_alone_and_replay(models, run):
    out, rc = run(models, "suest re fe\nsuest\nestimates restore re\ndisplay e(cmd)")
    assert rc == 0, out
    assert out.count("Simultaneous results for re, fe") == 2
    assert out.rstrip().endswith("regress")


@pytest.mark.parametrize("setup,typed,message,code", [
    ("quietly xtset id\nquietly xtreg bwt age, fe\nestimates store x", "suest x re",
     "xtreg is not supported by suest", 322),
    ("quietly mixed bwt age || id:\nestimates store x", "suest re x", "mixed is not supported by suest", 322),
    ("quietly melogit low age || id:\nestimates store x", "suest x", "meglm is not supported by suest", 322),
    ("stset bwt, failure(low)\nquietly stcox age\nestimates store x", "suest x", "cox is not supported by suest", 322),
    ("quietly xtset id\nquietly xtlogit low age, re\nestimates store x", "suest x",
     "unable to generate scores for model x\nsuest requires that predict allow the score option", 322),
    ("stset bwt, failure(low)\nquietly streg age, dist(weibull) shared(race)\nestimates store x", "suest x",
     "suest after streg with shared() frailty is not implemented in mlmcli", 199),
    ("stset bwt, failure(low==1)\nquietly stcrreg age, compete(low==0)\nestimates store x", "suest x",
     "x was estimated with a nonstandard vce (robust)", 322),
    ("quietly glm bwt age, scale(x2)\nestimates store x", "suest x",
     "suest after glm with scale() or vfactor() is not implemented in mlmcli", 199),
    ("quietly regress bwt age, vce(robust)\nestimates store x", "suest x",
     "x was estimated with a nonstandard vce (robust)", 322),
    ("quietly logit low age, vce(cluster id)\nestimates store x", "suest x",
     "x was estimated with cluster(id). \nre-estimate without the cluster() option, and \n"
     "specify the cluster() option with suest.", 322),
    ("quietly regress bwt age [pweight=lwt]\nestimates store x", "suest x",
     "model x was estimated with pweights, you should re-estimate using iweights", 322),
    ("", "suest re nosuch", "estimation result nosuch not found", 111),
    ("", "suest", "estimation results for suest not found", 301),
    ("", "suest re, vce(jackknife)", "vcetype 'jackknife' not allowed", 198),
    ("", "suest re, svy", "suest's svy option is not implemented in mlmcli", 199),
    ("replace id = . in 3", "suest re fe, vce(cluster id)",
     "cluster variable id is not allowed to be missing within the estimation sample", 459),
])
def test_stata_refusals(models, run, setup, typed, message, code):
    if setup:
        out, rc = run(models, setup)
        assert rc == 0, out
    before = list(models.data.varnames)
    e_before = models.e
    out, rc = run(models, typed)
    assert rc == code, out
    assert message in out
    assert list(models.data.varnames) == before and models.e is e_before


def test_eform_level_and_dir(models, run):
    out, rc = run(models, "suest re fe, level(90) eform(ratio) dir")
    assert rc == 0, out
    assert "[90% Conf. Interval]" in out and "      ratio   Std. Err." in out
    assert "_cons |" not in out.split("re_lnvar")[0]  # eform: _cons left out
    assert "regress" in out.split("re_mean")[0]  # estimates dir's rows above the table


def test_test_equation_forms(models, run):
    out, rc = run(models, "quietly suest re fe\ntest [fe_mean = re_mean]")
    assert rc == 111 and "[re_mean]ptl not found" in out
    out, rc = run(models, "test [fe_mean = re_mean], common")
    assert rc == 0, out
    assert "( 4)  -[re_mean]smoke + [fe_mean]smoke = 0" in out and "_cons" not in out  # e(b) order
    assert models.r["df"] == 4
    out, rc = run(models, "test [re_mean]")
    assert rc == 0, out
    assert " ( 1)  [re_mean]age = 0" in out and models.r["df"] == 4
    out, rc = run(models, "test [re_mean = fe_mean]: age smoke")
    assert rc == 0 and models.r["df"] == 2, out
    out, rc = run(models, "test [re_mean = fe_mean]: age, common")
    assert rc == 198 and "option common may not be combined with syntax [eq...]:varlist" in out
    out, rc = run(models, "test [#1 = #3], constant")
    assert rc == 0 and models.r["df"] == 5, out
    out, rc = run(models, "test [re_lnvar = nosuch]")
    assert rc == 303 and "equation nosuch not found" in out
    out, rc = run(models, "test [re_lnvar = fe_mean], common")
    assert rc == 198 and "no coefficients in common" in out


def test_fweights_count_rows_as_copies(do):
    """fweights: the same as the models fitted on the expanded data (robust and clustered)."""
    rc, out, s = do(LOAD + """gen w = 1 + mod(_n, 3)
quietly regress bwt age smoke [fweight=w]
estimates store a
quietly logit low age lwt [fweight=w]
estimates store b
quietly suest a b
matrix A = e(V)
scalar n = e(N)
quietly suest a b, vce(cluster id)
matrix C = e(V)
expand w
quietly regress bwt age smoke
estimates store a
quietly logit low age lwt
estimates store b
quietly suest a b
scalar r1 = mreldif(A, e(V))
quietly suest a b, vce(cluster id)
scalar r2 = mreldif(C, e(V))""")
    assert rc == 0, out
    assert s.scalars["r1"] < 1e-9 and s.scalars["r2"] < 1e-9
    assert s.scalars["n"] == 189  # suest.ado posts count if touse, the rows


@pytest.mark.parametrize("models,message,code", [
    ("quietly regress bwt age [fweight=w]\nest store a\nquietly regress bwt age [fweight=w2]\nest store b",
     "weighting expression differs between models", 322),
    ("quietly regress bwt age [fweight=w]\nest store a\nquietly regress bwt age\nest store b",
     "inconsistent weighting types", 322),
    ("quietly regress bwt age [aweight=w]\nest store a\nquietly regress bwt age [iweight=w]\nest store b",
     "inconsistent weighting types", 322),
    ("quietly regress bwt age [aweight=w]\nest store a\nquietly regress bwt age [aweight=w2+1]\nest store b",
     "weighting expression differs between models", 322),
])
def test_weight_checks(do, models, message, code):
    rc, out, _ = do(LOAD + "gen w = 1 + mod(_n, 3)\ngen w2 = 2 * w\n" + models + "\nsuest a b")
    assert rc == code and message in out


def test_after_suest(models, run):
    out, rc = run(models, "quietly suest re fe\nestimates store s\nestimates replay s")
    assert rc == 0 and "Simultaneous results for re, fe" in out and "fe_lnvar     |" in out
    out, rc = run(models, "predict x")
    assert rc == 199 and "predict after suest is not implemented in mlmcli" in out
    assert "x" not in models.data.varnames
    out, rc = run(models, "suest re fe, cformat(%20.3f)")
    assert rc == 0 and out.startswith("note: invalid cformat(), using default\n")
    out, rc = run(models, "suest re fe, coeflegend")
    assert rc == 0 and "_b[re_mean:age]" in out and "_b[fe_lnvar:_cons]" in out


def test_anova_is_scored_as_regress(do):
    rc, out, s = do(LOAD + """quietly anova bwt race smoke
estimates store a
quietly suest a, vce(cluster id)
matrix A = e(V)
quietly regress bwt i.race i.smoke
estimates store b
quietly suest b, vce(cluster id)
scalar r = mreldif(A, e(V))""")
    assert rc == 0, out
    assert s.scalars["r"] < 1e-9
    assert "mean:_cons" in s.e.matrices["b"].colnames and "lnvar:_cons" in s.e.matrices["b"].colnames


def test_rows_sorted_or_dropped_since_the_fits(models, run):
    out, rc = run(models, "quietly suest re fe, vce(cluster id)\nmatrix A = e(V)\nsort bwt\n"
                          "quietly suest re fe, vce(cluster id)\nscalar r = mreldif(A, e(V))")
    assert rc == 0, out
    assert models.scalars["r"] < 1e-9
    out, rc = run(models, "drop in 1/9\nquietly suest re fe")
    assert rc == 0, out
    assert models.e.scalars["N"] == 180  # e(sample)'s rows still in memory


def test_regressml_and_minus(models, run):
    out, rc = run(models, "quietly suest re fe\nmatrix A = e(V)\nquietly suest re fe, minus(0)\n"
                          "scalar r0 = el(e(V), 1, 1) / el(A, 1, 1)\nestimates restore re\nscalar ml = ln(e(rss) / e(N))\n"
                          "quietly suest re fe, regressml\nscalar lnvar = _b[re_lnvar:_cons]")
    assert rc == 0, out
    assert models.scalars["r0"] == pytest.approx(188 / 189, rel=1e-12)  # N/(N - 0) over N/(N - 1)
    assert models.scalars["lnvar"] == pytest.approx(models.scalars["ml"], rel=1e-12)


def test_a_failing_display_option_leaves_the_results(models, run):
    e_before = models.e
    out, rc = run(models, "suest re fe, eform(abcdefghijkl)")
    assert rc == 198 and models.e is e_before


@pytest.mark.parametrize("spec", ["bwt age smoke, family(gaussian)", "bwt age smoke, family(gamma) link(log)",
                                  "low age lwt, family(binomial) link(probit)", "ptl age, family(poisson) exposure(lwt)",
                                  "ptl age smoke, family(nbinomial 1)", "k age lwt, family(binomial 3)"])
def test_glm_one_model_is_its_own_sandwich(do, spec):
    """glm's ml score (y - mu) mu'/(phi V): suest of one glm is glm's vce(cluster)."""
    rc, out, s = do(LOAD + f"""gen k = mod(_n, 4)
quietly glm {spec}
estimates store g
quietly suest g, vce(cluster id)
matrix A = e(V)
quietly glm {spec} vce(cluster id)
scalar r = mreldif(A, e(V))""")
    assert rc == 0, out
    assert s.scalars["r"] < 1e-9


CENSORED = """gen lbwt = max(bwt, 2500)
gen lo = cond(bwt < 2000, ., cond(bwt > 4000, 4000, bwt))
gen hi = cond(bwt > 4000, ., cond(bwt < 2000, 2000, bwt))
gen cens = (bwt < 2500) * -1 + (bwt > 4000)
gen cbwt = min(max(bwt, 2500), 4000)
"""


@pytest.mark.parametrize("spec,opts", [("tobit lbwt age smoke", "ll(2500)"), ("tobit cbwt age smoke", "ll(2500) ul(4000)"),
                                       ("intreg lo hi age smoke", ""), ("intreg lo hi age smoke", "het(lwt)"),
                                       ("cnreg cbwt age smoke", "censored(cens)")])
def test_censored_one_model_is_its_own_sandwich(do, spec, opts):
    """tobit, cnreg and intreg: suest of one model is its vce(robust) and vce(cluster) variance."""
    rc, out, s = do(LOAD + CENSORED + f"""quietly {spec}, {opts}
estimates store m
quietly suest m
matrix A = e(V)
quietly suest m, vce(cluster id)
matrix C = e(V)
quietly {spec}, {opts} vce(robust)
scalar r1 = mreldif(A, e(V))
quietly {spec}, {opts} vce(cluster id)
scalar r2 = mreldif(C, e(V))""")
    assert rc == 0, out
    assert s.scalars["r1"] < 1e-8 and s.scalars["r2"] < 1e-8


def _hand_sandwich(session, blocks, score_names, cluster):
    """D (sum_c u_c u_c') D M/(M-1) from predict's equation scores times the columns' x."""
    data = session.data
    cols = []
    for (eq_vars, scores) in zip(score_names[0], score_names[1]):
        for xs, sc in zip(eq_vars, scores):
            s = np.nan_to_num(data.numeric(sc))
            cols += [s * (data.numeric(x) if x != "_cons" else 1.0) for x in xs]
    U = np.column_stack(cols)
    k = sum(b.shape[0] for b in blocks)
    D = np.zeros((k, k))
    at = 0
    for b in blocks:
        D[at:at + b.shape[0], at:at + b.shape[0]] = b
        at += b.shape[0]
    codes = data.numeric(cluster)
    uniq, inv = np.unique(codes, return_inverse=True)
    G = np.zeros((len(uniq), k))
    np.add.at(G, inv, U)
    m = len(uniq)
    return D @ G.T @ G @ D * m / (m - 1)


def test_tobit_and_intreg_match_a_hand_sandwich(do):
    """Two censored models on different samples, clustered: suest's e(V) against the sandwich of
    predict's scores (0 outside a model's sample) and each model's e(V)."""
    rc, out, s = do(LOAD + CENSORED + """quietly tobit lbwt age smoke if race != 3, ll(2500)
predict double t1 t2 if e(sample), scores
matrix Vt = e(V)
estimates store t
quietly intreg lo hi age lwt
predict double i1 i2 if e(sample), scores
matrix Vi = e(V)
estimates store i
quietly suest t i, vce(cluster id)""")
    assert rc == 0, out
    blocks = [np.asarray(s.matrices["Vt"].values), np.asarray(s.matrices["Vi"].values)]
    layout = ([[["age", "smoke", "_cons"], ["_cons"]], [["age", "lwt", "_cons"], ["_cons"]]],
              [["t1", "t2"], ["i1", "i2"]])
    V = _hand_sandwich(s, blocks, layout, "id")
    assert list(s.e.matrices["b"].colnames) == ["t_model:age", "t_model:smoke", "t_model:_cons", "t_sigma:_cons",
                                                "i_model:age", "i_model:lwt", "i_model:_cons", "i_lnsigma:_cons"]
    assert np.max(np.abs(s.e.matrices["V"].values - V) / np.sqrt(np.outer(np.diag(V), np.diag(V)))) < 1e-9
    assert s.e.scalars["N"] == 189 and abs(V[0, 4]) > 0


CLOGIT = "gen grp = mod(_n, 40)\ngen cl = mod(_n, 20)\nquietly clogit low age lwt smoke, group(grp)\nestimates store c\n"


def test_clogit_alone_is_its_own_cluster_sandwich(do):
    """Fix_clogit: the groups are the clusters; with vce(cluster cl) the clusters hold the groups."""
    rc, out, s = do(LOAD + CLOGIT + """quietly suest c
matrix A = e(V)
local cv `e(clustvar)'
scalar m = e(N_clust)
quietly suest c, vce(cluster cl)
matrix C = e(V)
quietly clogit low age lwt smoke, group(grp) vce(cluster grp)
scalar r1 = mreldif(A, e(V))
quietly clogit low age lwt smoke, group(grp) vce(cluster cl)
scalar r2 = mreldif(C, e(V))
display "`cv'" """)
    assert rc == 0, out
    assert s.scalars["r1"] < 1e-9 and s.scalars["r2"] < 1e-9 and s.scalars["m"] == 40
    assert out.rstrip().endswith("grp")


def test_clogit_clusters_every_model_on_its_group(do):
    """suest c l: the logit's scores are summed over clogit's groups too (hand sandwich)."""
    rc, out, s = do(LOAD + CLOGIT + """predict double c1 if e(sample), scores
matrix Vc = e(V)
quietly logit low age ptl
predict double l1 if e(sample), scores
matrix Vl = e(V)
estimates store l
quietly suest c l""")
    assert rc == 0, out
    blocks = [np.asarray(s.matrices["Vc"].values), np.asarray(s.matrices["Vl"].values)]
    V = _hand_sandwich(s, blocks, ([[["age", "lwt", "smoke"]], [["age", "ptl", "_cons"]]], [["c1"], ["l1"]]), "grp")
    assert np.max(np.abs(s.e.matrices["V"].values - V) / np.sqrt(np.outer(np.diag(V), np.diag(V)))) < 1e-9
    assert s.e.macros["clustvar"] == "grp" and s.e.scalars["N_clust"] == 40


def test_clogit_group_crossing_the_clusters(do):
    rc, out, s = do(LOAD + CLOGIT + "suest c, vce(cluster id)")
    assert rc == 498 and "clogit was estimated with invalid group()" in out
    assert s.e.cmd == "clogit"


@pytest.mark.parametrize("spec", ["tobit bwt age smoke [aweight=w], ll(2000)",
                                  "tobit bwt age smoke [aweight=w] if race < 3, ll(2000)",
                                  "intreg bwt bwt age smoke [aweight=w],", "tobit bwt age smoke [iweight=w], ll(2000)",
                                  "probit low age smoke [iweight=w],", "poisson ptl age [iweight=w],",
                                  "ologit race age [iweight=w],"])
def test_aweights_and_iweights_one_model_is_its_own_sandwich(do, spec):
    """_robust with aweights (normalised) and iweights: w_i u_i summed per cluster, M rows/clusters."""
    rc, out, s = do(LOAD + f"""gen w = 1 + mod(_n, 3)
quietly {spec}
estimates store m
quietly suest m
matrix A = e(V)
local wt `e(wtype)'
quietly suest m, vce(cluster id)
matrix C = e(V)
quietly {spec} vce(robust)
scalar r1 = mreldif(A, e(V))
quietly {spec} vce(cluster id)
scalar r2 = mreldif(C, e(V))
display "`wt'" """)
    assert rc == 0, out
    assert s.scalars["r1"] < 1e-9 and s.scalars["r2"] < 1e-9
    assert out.rstrip().endswith(spec.split("[")[1].split("=")[0])


def test_aweighted_regressions_match_a_hand_sandwich(do):
    """Two aweighted regressions on different samples: Fix_regress's scores times the weights
    rescaled to sum to the union's rows, each model's e(V) (and 2/N for lnvar) the bread."""
    rc, out, s = do(LOAD + """gen w = 1 + mod(_n, 3)
quietly regress bwt age smoke [aweight=w] if race != 2
predict double r1 if e(sample), residuals
gen double a1 = r1 / e(rmse)^2
gen double a2 = 0.5 * (r1 * a1 - 1)
matrix V1 = (e(V), J(3, 1, 0) \\ J(1, 3, 0), 2/e(N))
estimates store a
quietly regress bwt lwt [aweight=w]
predict double r2 if e(sample), residuals
gen double b1 = r2 / e(rmse)^2
gen double b2 = 0.5 * (r2 * b1 - 1)
matrix V2 = (e(V), J(2, 1, 0) \\ J(1, 2, 0), 2/e(N))
estimates store b
quietly suest a b""")
    assert rc == 0, out
    data = s.data
    w = data.numeric("w")
    for v in ("a1", "a2", "b1", "b2"):
        data.df[v] = np.nan_to_num(data.numeric(v)) * w * len(w) / w.sum()  # the union: every row
    data.df["row"] = np.arange(len(w))
    blocks = [np.asarray(s.matrices["V1"].values), np.asarray(s.matrices["V2"].values)]
    layout = ([[["age", "smoke", "_cons"], ["_cons"]], [["lwt", "_cons"], ["_cons"]]], [["a1", "a2"], ["b1", "b2"]])
    V = _hand_sandwich(s, blocks, layout, "row")
    assert s.e.macros["wtype"] == "aweight" and s.e.scalars["N"] == 189
    assert np.max(np.abs(s.e.matrices["V"].values - V) / np.sqrt(np.outer(np.diag(V), np.diag(V)))) < 1e-9


@pytest.mark.parametrize("spec", ["dist(weibull)", "dist(exponential)", "dist(lognormal)", "dist(loglogistic)",
                                  "dist(gompertz)", "dist(weibull) ancillary(lwt)", "dist(weibull) frailty(gamma)"])
def test_streg_one_model_is_its_own_sandwich(do, spec):
    """streg (e(cmd) the distribution, e(cmd2) streg): predict's scores give its own vce(robust)
    and vce(cluster) variance."""
    rc, out, s = do(LOAD + f"""quietly stset bwt, failure(low)
quietly streg age smoke, {spec}
estimates store m
quietly suest m
matrix A = e(V)
quietly suest m, vce(cluster id)
matrix C = e(V)
quietly streg age smoke, {spec} vce(robust)
scalar r1 = mreldif(A, e(V))
quietly streg age smoke, {spec} vce(cluster id)
scalar r2 = mreldif(C, e(V))""")
    assert rc == 0, out
    assert s.scalars["r1"] < 1e-8 and s.scalars["r2"] < 1e-8


def test_streg_with_a_logit_match_a_hand_sandwich(do):
    rc, out, s = do(LOAD + """quietly stset bwt, failure(low)
quietly streg age smoke, dist(weibull)
predict double s1 s2 if e(sample), scores
matrix Vs = e(V)
estimates store w
quietly logit smoke age lwt
predict double l1 if e(sample), scores
matrix Vl = e(V)
estimates store l
quietly suest w l, vce(cluster id)""")
    assert rc == 0, out
    blocks = [np.asarray(s.matrices["Vs"].values), np.asarray(s.matrices["Vl"].values)]
    layout = ([[["age", "smoke", "_cons"], ["_cons"]], [["age", "lwt", "_cons"]]], [["s1", "s2"], ["l1"]])
    V = _hand_sandwich(s, blocks, layout, "id")
    assert list(s.e.matrices["b"].colnames)[3] == "w_ln_p:_cons"
    assert np.max(np.abs(s.e.matrices["V"].values - V) / np.sqrt(np.outer(np.diag(V), np.diag(V)))) < 1e-9
