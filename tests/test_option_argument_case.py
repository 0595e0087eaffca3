"""Option arguments keep their case where Stata's ado files read them with ``syntax``,
``gettoken`` or ``bsubstr()`` and fold it where they read them through ``lower()`` first.

Case-sensitive (the evidence is the ado file's own reading):
- vce()'s type: _vce_parse.ado's ParseVCE reads it with ``syntax [, `OPTSPECS']`` and says
  "vcetype 'ROBUST' not allowed" r(198); _vce_parserun's unabVCEtype reads bootstrap/jackknife
  and their synonyms with ``syntax`` too, so ``vce(BOOTstrap)`` is no bootstrap;
- mixed's covariance(): _mixed_parsecmd.ado's ParseCov, ``syntax [, INDependent EXchangeable
  IDentity UNstructured *]``;
- mixed's residuals() structure (ParseVarStruct: ``"ar"``, ``bsubstr("exchangeable", ...)``)
  and pwscale() (RescaleWeights: ``bsubstr("size", ...)``);
- intmethod() of xtlogit/xtprobit/xtpoisson/xtintreg/xttobit (``bsubstr("ghermite", ...)``);
- kernel() of kdensity, lpoly and teffects overlap (_get_kernel_name: ``bsubstr(kern, ...)``);
- glm's ``family(nbinomial ml)``: MapFL compares the word with ``"ml"``.

Folded: glm's family() and link() (glm.ado's MapFam ``lower(trim())``, MapLink ``lower()``) and
xtgee's family(), link() and corr() (xtgee.ado's GetName and GetCorr, ``lower(trim())``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.errors import StataError
from mlmcli.syntax.options import choice_option, vce_option


@pytest.fixture(scope="module")
def data():
    n = np.arange(1, 61)
    idv = np.ceil(n / 6)
    x = ((n * 7) % 11).astype(float)
    y = x + (n * 3) % 5 + idv / 3
    return pd.DataFrame({"id": idv, "t": ((n - 1) % 6 + 1).astype(float), "x": x, "y": y,
                         "b": (y > 7).astype(float), "w": (1 + n % 3).astype(float)})


def test_shared_readers_match_with_case_unless_asked_to_fold():
    kinds = (("oim", 1), ("robust", 1), ("cluster", 2))
    assert vce_option("r", kinds) == ("robust", [])
    assert vce_option("cl G", kinds) == ("cluster", ["G"])
    assert vce_option("ROBUST", kinds) == (None, [])
    assert vce_option("CLuster G", kinds) == (None, ["G"])
    assert choice_option("un", (("unstructured", 2),), "covariance") == "unstructured"
    with pytest.raises(StataError) as err:
        choice_option("UN", (("unstructured", 2),), "covariance")
    assert (err.value.message, err.value.rc) == ("covariance(UN) invalid", 198)
    assert choice_option("BINomial", (("binomial", 1),), "family", fold_case=True) == "binomial"


@pytest.mark.parametrize("line, message", [
    ("regress y x, vce(ROBUST)", "vcetype 'ROBUST' not allowed"),
    ("regress y x, vce(Robust)", "vcetype 'Robust' not allowed"),
    ("poisson y x, vce(CLuster id)", "vcetype 'CLuster' not allowed"),  # _vce_parse: the word alone
    ("logit b x, vce(OIM)", "vcetype 'OIM' not allowed"),
    ("areg y x, absorb(id) vce(ROBUST)", "vcetype 'ROBUST' not allowed"),
    ("glm y x, vce(ROBUST)", "vcetype 'ROBUST' not allowed"),
    ("mixed y x || id:, vce(ROBUST)", "vcetype 'ROBUST' not allowed"),
    ("regress y x, vce(BOOTstrap)", "vcetype 'BOOTstrap' not allowed"),
    ("logit b x, vce(JACKknife)", "vcetype 'JACKknife' not allowed"),
    # xtivreg.ado's VceType: cap noi syntax, [conventional Robust CLuster BOOTstrap JACKknife]
    ("xtivreg y (x = t), i(id) fe vce(ROBUST)", "option ROBUST not allowed\nThe vce() option is misspecified."),
    # ivregress.ado's ParseCovMat: bsubstr("robust", 1, max(1, l)) with the case kept
    ("ivregress 2sls y (x = t), vce(ROBUST)", "option vce() incorrectly specified"),
    ("ivregress gmm y (x = t), wmatrix(ROBUST)", "option wmatrix() incorrectly specified"),
    ("reghdfe y x, absorb(id) vce(ROBUST)", "not allowed"),  # fitted before oa100
])
def test_vce_types_in_capitals_are_refused(do, data, line, message):
    rc, out, s = do(line, df=data)
    assert rc == 198 and message in out, out
    assert s.e is None or not s.e.macros  # nothing was fitted
    assert s.data.df.equals(data)


def test_vce_types_typed_in_lowercase_still_fit(do, data):
    rc, out, s = do("poisson y x, vce(cl id)", df=data)
    assert rc == 0, out
    assert s.e.macros.get("vce") == "cluster" and s.e.macros.get("clustvar") == "id"


@pytest.mark.parametrize("line, message", [
    ("mixed y x || id: x, covariance(UN)", "UN invalid covariance structure"),
    ("mixed y x || id: x, covariance(Independent)", "Independent invalid covariance structure"),
    ("mixed y x || id:, residuals(AR 1, t(t))", "invalid residual() structure"),
    ("mixed y x || id:, residuals(EXchangeable)", "invalid residual() structure"),
    ("mixed y x || id:, reml dfmethod(KRoger)", "invalid method KRoger in option dfmethod()"),
    ("mixed y x [pw=w] || id:, pwscale(SIZE)", "invalid pscale()"),
    ("mixed y x [pw=w] || id:, pwscale(s)", "invalid pscale()"),  # bsubstr("size", 1, max(4, l))
    ("xtlogit b x, i(id) intmethod(GHERMITE)", "intmethod(GHERMITE) invalid"),
    ("kdensity y, kernel(GAUSSIAN) nograph", "invalid kernel function"),
])
def test_keyword_arguments_in_capitals_are_refused(do, data, line, message):
    rc, out, s = do(line, df=data)
    assert rc == 198 and message in out, out
    assert s.data.df.equals(data)


def test_the_same_keywords_in_lowercase_fit(do, data):
    rc, out, s = do("mixed y x || id: x, covariance(un)", df=data)
    assert rc == 0, out
    assert s.e.macros.get("revars") == "x _cons" and "Unstructured" in out
    rc, out, s = do("mixed y x || id:, reml dfmethod(kr)", df=data)
    assert rc == 0, out
    assert s.e.macros.get("dfmethod") == "kroger"
    rc, out, s = do("mixed y x [pw=w] || id:, pwscale(eff)", df=data)
    assert rc == 0, out
    assert s.e.macros.get("pwscale") == "effective"
    rc, out, s = do("mixed y x || id:, residuals(ar 1, t(t))", df=data)
    assert rc == 0, out
    assert s.e.macros.get("rstructure") == "ar"
    rc, out, s = do("kdensity y, kernel(gauss) nograph", df=data)
    assert rc == 0, out


def test_me_covariance_is_read_case_folded_as_before(do, data):
    # meglm's reader of covariance() was not found: left as it was (folded)
    rc, out, s = do("melogit b x || id: x, covariance(UN)", df=data)
    assert rc == 0, out
    assert s.e.macros.get("vartypes") == "Unstructured" and "cov(x,_cons)" in out


def test_glm_family_and_link_are_read_case_folded(do, data):
    import statsmodels.api as sm

    rc, out, s = do("glm b x, family(BINOMIAL) link(LOGIT)", df=data)
    assert rc == 0, out
    assert s.e.macros.get("varfunct") == "Bernoulli" and s.e.macros.get("linkt") == "Logit"
    upper = np.asarray(s.e.matrices["b"].values, float).copy()
    ref = sm.GLM(data["b"], sm.add_constant(data["x"]), family=sm.families.Binomial()).fit()
    np.testing.assert_allclose(np.ravel(upper), ref.params[["x", "const"]].to_numpy(), rtol=1e-6)


def test_glm_nbinomial_ml_word_keeps_its_case(do, data):
    rc, out, _ = do("glm y x, family(nbinomial ML)", df=data)
    assert rc != 0, out  # MapFL: `2' != "ml", so ML is read as the number k
    assert "family(nbinomial ml) is not implemented" not in out


def test_xtgee_family_link_and_corr_are_read_case_folded(do, data):
    rc, out, s = do("xtgee y x, i(id) corr(EXChangeable) family(GAUssian) link(IDentity)", df=data)
    assert rc == 0, out
    upper = np.ravel(np.asarray(s.e.matrices["b"].values, float)).copy()
    rc, out, s = do("xtgee y x, i(id) corr(exchangeable) family(gaussian) link(identity)", df=data)
    assert rc == 0, out
    np.testing.assert_allclose(upper, np.ravel(np.asarray(s.e.matrices["b"].values, float)), rtol=1e-12)
    assert s.e.macros.get("corr") == "exchangeable"
