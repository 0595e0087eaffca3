"""Test helper: a GLMMSpec from a reference's Stata command (``me*`` commands).

Reads the reference's .dta with the project's reader and builds the fixed part with
``factor_variables`` (so ``i.period`` gets Stata's names and base levels), the
random-effects terms as ``mixed_cmd`` builds them (nested codes, ``_all: R.x``), and
the options the references use: ``binomial(var)``, ``intmethod()``, ``intpoints()``,
``covariance()``.  Not a test module (no ``test_`` prefix): imported by the tests.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from mlmcli.dta import read_dta
from mlmcli.factor_variables import build_design, parse_terms
from mlmcli.glm.spec import GLMSpec
from mlmcli.glmm.spec import GLMMSpec
from mlmcli.mixed.spec import RandomTerm

FAMILY = {"melogit": ("bernoulli", "logit"), "meprobit": ("bernoulli", "probit"),
          "mecloglog": ("bernoulli", "cloglog"), "mepoisson": ("poisson", "log"),
          "menbreg": ("nbinomial", "log"), "meologit": ("ordinal", "logit"),
          "meoprobit": ("ordinal", "probit")}
COV = {"un": "unstructured", "ind": "independent", "exc": "exchangeable", "id": "identity"}


def spec_from_command(ds, command: str) -> GLMMSpec:
    eqs = [e.strip() for e in command.split("||")]
    words = eqs[0].split()
    cmd, dep, xs = words[0], words[1], " ".join(words[2:])
    opts = eqs[-1].partition(",")[2]
    fam, link = FAMILY[cmd]
    df = ds.df
    n = len(df)
    terms = parse_terms(ds, xs) if xs.strip() else []
    design = build_design(ds, terms, np.ones(n, bool), constant=fam != "ordinal")
    y = df[dep].to_numpy(float)
    trials = trials_label = None
    m = re.search(r"binomial\((\w+)\)", opts)
    if m:
        fam, trials_label = "binomial", m.group(1)
        trials = df[trials_label].to_numpy(float)
    cats = ()
    if fam == "ordinal":
        cats = tuple(float(c) for c in np.unique(y))
        y = np.searchsorted(np.array(cats), y) + 1.0
    m = re.search(r"intmethod\((\w+)\)", opts)
    method = m.group(1) if m else None
    m = re.search(r"intpoints\((\d+)\)", opts)
    points = int(m.group(1)) if m else 7
    fixed = GLMSpec(dep, y, design.X, design.labels, fam, link, trials, trials_label, categories=cats)
    rterms = []
    prev = np.zeros(n, np.int64)
    for eq in eqs[1:]:
        body, _, eq_opts = eq.partition(",")
        lev, _, zs = body.partition(":")
        lev, zs = lev.strip(), zs.split()
        cov = "independent" if zs else "identity"
        m = re.search(r"cov\w*\((\w+)\)", eq_opts)
        if m:
            cov = next(v for k, v in COV.items() if m.group(1).startswith(k))
        if lev == "_all":
            var = zs[0][2:]
            _, codes = np.unique(df[var].to_numpy(), return_inverse=True)
            codes = codes.ravel()
            rterms.append(RandomTerm("_all", codes, np.ones((n, 1)), (f"R.{var}",), "identity",
                                     int(codes.max()) + 1))
            continue
        _, codes = np.unique(np.column_stack([prev, df[lev].to_numpy(np.int64)]), axis=0,
                             return_inverse=True)
        codes = codes.ravel()
        prev = codes
        Z = np.column_stack([df[z].to_numpy(float) for z in zs] + [np.ones(n)])
        rterms.append(RandomTerm(lev, codes, Z, tuple(zs) + ("_cons",), cov, int(codes.max()) + 1))
    return GLMMSpec(fixed, tuple(rterms), method, points)


def load_reference(path: Path, data_dir: Path):
    ref = json.loads(Path(path).read_text())
    ds, _ = read_dta(str(data_dir / ref["data_file"]))
    return ref, ds, spec_from_command(ds, ref["stata_command"])


def group_code(ds, spec: GLMMSpec, level: str, label: str) -> tuple[int, int]:
    """(term index, group code) of the group whose level variable equals ``label``."""
    term = next(i for i, t in enumerate(spec.terms) if t.levelvar == level)
    obs = np.flatnonzero(ds.df[level].to_numpy() == float(label))[0]
    return term, int(spec.terms[term].group[obs])


# the references fitted in full by the tests (the slow nested 25-point and crossed ones are
# checked at their optimum by test_glmm_references.py)
FULL_FIT = [
    "bangladesh__ri__laplace.json", "bangladesh__ri__mvagh7.json", "bangladesh__ri__agq25.json",
    "bangladesh__probit_ri__laplace.json", "bangladesh__probit_ri__agq25.json",
    "bangladesh__rs_unstructured__laplace.json", "cbpp__period_ri__laplace.json",
    "cbpp__period_ri__agq25.json", "epilepsy__nbreg_ri__laplace.json", "epilepsy__nbreg_ri__agq25.json",
    "epilepsy__poisson_ri__agq25.json", "epilepsy__poisson_slope_unstructured__laplace.json",
    "wine__ologit_ri__laplace.json", "wine__ologit_ri__agq25.json",
    "provisional/grouseticks__nested__laplace.json",
]


# ---------------------------------------------------------------------- through the interpreter
_RUNS: dict = {}


def reference_do_text(shared_dir: Path, ref: dict) -> str:
    """The do-file refcheck.py writes for a reference: use, the Stata command, estat group,
    estat icc (binary and ordinal models), estat ic."""
    data = shared_dir / "data" / ref["data_file"]
    lines = [f'use "{data}", clear', ref["stata_command"], "estat group"]
    if ref["family"] in ("bernoulli", "binomial", "ordinal") and "_all" not in ref["stata_command"]:
        lines.append("estat icc")
    lines.append("estat ic")
    return "\n".join(lines)


def run_reference_command(shared_dir: Path, name: str):
    """(reference, session, printed, rc, e): the reference's do-file run through the
    interpreter in a fresh session, and the e() it left (cached per reference: the engine
    tests reuse the fit, e.model; later commands in the session do not change ``e``)."""
    if name not in _RUNS:
        import io

        from mlmcli.runner import Runner
        from mlmcli.session import Output, Session

        ref = json.loads((shared_dir / "reference" / "glmm" / name).read_text())
        session = Session(out=Output(io.StringIO()))
        rc = Runner(session).run_text(reference_do_text(shared_dir, ref), echo=True, stop_on_error=True)
        _RUNS[name] = (ref, session, session.out.stream.getvalue(), rc, session.e)
    return _RUNS[name]
