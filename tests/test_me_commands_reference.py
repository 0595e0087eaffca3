"""The ``me`` commands typed as Stata users type them print every number of the reference fits.

Each reference's Stata command (``melogit c_use urban ... || district:``, ``mepoisson ...
|| location: || brood:, intmethod(laplace)`` ...) runs through the interpreter with
``estat group``, ``estat icc`` and ``estat ic`` after it, as ``../shared/tools/refcheck.py``
runs them; the printed text is read with refcheck's own parser and compared with its own
rules (every printed number to its printed digits).  One feature of Stata 13's me table
that refcheck's parser predates is rewritten first (``as_refcheck_reads``): a covariance
row, printed with z and P and its label wrapped after the comma when it does not fit the
name column (a nested level's label split at ``>`` -- ``location>`` / ``brood`` -- is read
by its innermost line, which refcheck reads as printed).  Then: ``estat icc`` against
the latent-response formula on the reference variance, ``predict ..., reffects reses()``
against the reference's empirical Bayes predictions group by group, ``lrtest`` between
two reference fits.
"""
from __future__ import annotations

import importlib.util
import math
import re

import numpy as np
import pytest

from glmm_refspec import FULL_FIT, run_reference_command

LATENT = {"logit": math.pi ** 2 / 3, "probit": 1.0}
NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|\."


@pytest.fixture(scope="module")
def refcheck(shared_dir):
    spec = importlib.util.spec_from_file_location("refcheck", shared_dir / "tools" / "refcheck.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_refcheck_reads(text: str, ref: dict) -> str:
    """Covariance rows as one ``cov(a,b) | est se lo hi`` line; a nested level label split
    at its ``>`` (``location>`` / ``brood``) as its innermost line (see the module docstring)."""
    lines = text.split("\n")
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^\s*((?:cov|corr)\([^|]*,)\s*\|$", line)
        if m and i + 1 < len(lines):
            label2, _, nums = lines[i + 1].partition("|")
            line = f"{m.group(1)}{label2.strip()}|{nums}"
            i += 1
        m = re.match(r"^\s*((?:cov|corr)\([^|]*\))\|(.*)$", line)
        if m:
            vals = m.group(2).split()
            assert len(vals) == 6, line  # estimate, SE, z, P, CI
            line = f"{m.group(1)}| " + "  ".join(vals[i] for i in (0, 1, 4, 5))
        if re.match(r"^\S*>\s*\|$", line):  # a split nested label's outer part
            i += 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


@pytest.mark.parametrize("name", FULL_FIT)
def test_printed_numbers_match_the_reference(shared_dir, refcheck, name):
    ref, _, printed, rc, _ = run_reference_command(shared_dir, name)
    assert rc == 0, printed[-3000:]
    assert refcheck.check(ref, as_refcheck_reads(printed, ref)) == []


@pytest.mark.parametrize("name", FULL_FIT)
def test_covariance_rows_print_z_and_p(shared_dir, name):
    ref, _, printed, _, _ = run_reference_command(shared_dir, name)
    covs = [r for r in ref["random"] if r["param"].startswith("cov(")]
    text = as_refcheck_reads(printed, {"groups": ref["groups"]}).split("\n")
    raw = printed.split("\n")
    for r in covs:
        k = next(i for i, line in enumerate(raw) if line.strip().startswith(r["param"].split(",")[0] + ","))
        vals = [float(v) for v in raw[k + 1].partition("|")[2].split()]
        z = r["estimate"] / r["se"]
        assert abs(vals[2] - z) < 0.006 and abs(vals[3] - 2 * (1 - _norm_cdf(abs(z)))) < 0.0006
    split_heads = sum(1 for line in raw if re.match(r"^\S*>\s*\|$", line))
    assert len(text) == len(raw) - len(covs) - split_heads


def _norm_cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def _printed_close(printed: float, value: float) -> bool:
    s = f"{printed:.7g}"
    decimals = len(s.split(".")[1]) if "." in s else 0
    return abs(printed - value) <= 0.51 * 10 ** (-decimals) + 1e-12


@pytest.mark.parametrize("name", [n for n in FULL_FIT if "slope" not in n and "rs_" not in n
                                  and ("bangladesh" in n or "cbpp" in n or "wine" in n)])
def test_estat_icc_is_the_latent_response_correlation(shared_dir, name):
    ref, _, printed, _, _ = run_reference_command(shared_dir, name)
    var = next(r["estimate"] for r in ref["random"] if r["param"] == "var(_cons)")
    icc = var / (var + LATENT[ref["link"]])
    tail = printed[printed.index("intraclass correlation"):]
    level = ref["groups"][0]["level"]
    row = next(line for line in tail.split("\n") if line.strip().startswith(level + " |"))
    vals = [float(v) for v in re.findall(NUM, row.partition("|")[2])]
    assert _printed_close(vals[0], icc)
    assert vals[2] < icc < vals[3]


@pytest.mark.parametrize("name", ["bangladesh__ri__mvagh7.json", "bangladesh__rs_unstructured__laplace.json",
                                  "wine__ologit_ri__agq25.json", "provisional/grouseticks__nested__laplace.json"])
def test_predict_reffects_and_reses_map_to_every_row_of_a_group(shared_dir, run, name):
    ref, session, _, _, e = run_reference_command(shared_dir, name)
    session.e = e
    fit = e.model
    names = [(t.levelvar, n) for t in fit.re_terms() for n in t.names]
    out, rc = run(session, "capture drop __re* __se*\npredict double __re*, reffects reses(__se*)")
    assert rc == 0, out
    df = session.data.df
    checked = 0
    for b in ref["blups"]:
        for term, value in b["terms"].items():
            j = names.index((b["level"], term))
            rows = df[b["level"]].astype(float) == float(b["group"])
            got = df.loc[rows, f"__re{j + 1}"].to_numpy()
            se = df.loc[rows, f"__se{j + 1}"].to_numpy()
            assert np.allclose(got, value, rtol=1e-6, atol=1e-8)
            assert np.allclose(se, b["se"][term], rtol=1e-6, atol=1e-8)
            checked += 1
    assert checked >= len(ref["blups"])
    label = session.data.var_labels["__re1"]
    assert label.startswith("empirical Bayes' means for ")


def test_lrtest_between_two_reference_fits(shared_dir, do):
    import json

    ri, rs = (json.loads((shared_dir / "reference" / "glmm" / f"bangladesh__{k}__laplace.json").read_text())
              for k in ("ri", "rs_unstructured"))
    data = shared_dir / "data" / ri["data_file"]
    rc, out, session = do(f'use "{data}", clear\nquietly {ri["stata_command"]}\nestimates store ri\n'
                          f'quietly {rs["stata_command"]}\nlrtest ri .')
    assert rc == 0, out
    chi2 = 2 * (rs["loglik"] - ri["loglik"])
    assert abs(session.r["chi2"] - chi2) < 2e-6 and session.r["df"] == 2
    assert "LR chi2(2)  =" in out and f"{chi2:9.2f}".strip() in out
