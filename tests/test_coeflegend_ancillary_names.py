"""coeflegend names an ancillary row ``/sigma`` by its e(b) column, ``_b[sigma:_cons]``:
Stata 13's ml ``/name`` equations (truncreg's ``/sigma``, heckman's ``/athrho`` and
``/lnsigma``, zinb's ``/lnalpha``) are equations holding a constant -- ado files of that era
read them as ``_b[athrho:_cons]``, ``_b[sigma:_cons]`` (Stata 15's free parameters, ``_b[/sigma]``,
came later).  The legend was ``_b[sigma:/sigma]`` (and heckman's ``_b[athrho:/lnsigma]``), names
no ``_b[]`` reads.  Each legend name must reach the row's coefficient."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(5)
    n = 300
    x, z = rng.normal(size=n), rng.normal(size=n)
    s = (z + x + rng.normal(size=n) > 0).astype(float)
    y = np.where(s == 1, 1 + x + rng.normal(size=n), np.nan)
    c = rng.poisson(np.exp(0.3 * x)).astype(float)
    return pd.DataFrame({"x": x, "z": z, "s": s, "y": y, "c": c, "w": 1 + x + rng.normal(size=n)})


def _legend(printed: str) -> list[tuple[str, str, str]]:
    return re.findall(r"^ *(\S+) \| +(\S+)  (_b\[[^\]]+\])$", printed, flags=re.M)


@pytest.mark.parametrize("fit, slashed", [
    ("truncreg w x, ll(0) nolog", {"/sigma": "_b[sigma:_cons]"}),
    ("heckman y x, select(s = x z) nolog", {"/athrho": "_b[athrho:_cons]", "/lnsigma": "_b[lnsigma:_cons]"}),
    ("zinb c x, inflate(z) nolog", {"/lnalpha": "_b[lnalpha:_cons]"}),
])
def test_ancillary_rows_name_their_equation(do, data, fit, slashed):
    rc, printed, s = do(f"{fit.replace('nolog', 'nolog coeflegend')}", data.copy())
    assert rc == 0, printed
    rows = _legend(printed)
    assert {label: name for label, _, name in rows if label.startswith("/")} == slashed
    for label, shown, name in rows:  # every legend name reads the row's coefficient back
        rc, out, _ = do(f'display %9.0g {name}', session=s)
        assert rc == 0 and out.strip().splitlines()[-1].strip() == shown, (label, name, out)


def test_xtreg_mle_legend_names_sigma_u_and_sigma_e(do, data):
    """xtreg, mle printed /sigma_u and /sigma_e with their SEs under coeflegend; e(b) holds them as
    sigma_u:_cons and sigma_e:_cons (rho, a transformation, has no _b[] name: its value alone);
    the LR note follows the table as without coeflegend (xtreg_ml.ado's Display)."""
    df = data.copy()
    df["id"] = np.arange(len(df)) // 5
    rc, printed, s = do("xtset id\nxtreg w x, mle nolog coeflegend", df)
    assert rc == 0, printed
    rows = _legend(printed)
    assert [(label, name) for label, _, name in rows if label.startswith("/")] == [
        ("/sigma_u", "_b[sigma_u:_cons]"), ("/sigma_e", "_b[sigma_e:_cons]")]
    assert re.search(r"^ +rho \| +\S+$", printed, flags=re.M)
    assert "Likelihood-ratio test of sigma_u=0" in printed  # xtreg_ml.ado: DispLR after the table always
    for label, shown, name in rows:
        rc, out, _ = do(f"display %9.0g {name}", session=s)
        assert rc == 0 and out.strip().splitlines()[-1].strip() == shown, (label, name, out)
