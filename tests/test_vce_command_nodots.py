"""``cmd ..., vce(bootstrap|jackknife [, ...]) nodots``: _vce_parserun.ado 1.3.6 reads NODOTS
among the command's own options and runs ``bootstrap|jackknife `vceopts' `nodots' : cmd ...``,
so the line is ``vce(... nodots)``: the same table and numbers, no dots line
(``syntax.vce_synonyms.with_command_nodots``, applied once by the runner).  Without a
replication vce() the command's own syntax refuses ``nodots``."""
from __future__ import annotations

import re

import numpy as np
import pytest

from mlmcli.ast import Option
from mlmcli.syntax.vce_synonyms import with_command_nodots

DATA = ("quietly {\nset obs 40\ngenerate x = _n/8\ngenerate id = ceil(_n/4)\ngenerate t = mod(_n-1,4)+1\n"
        "generate yb = mod(_n*7,11) > 4\ngenerate c = mod(_n*5,7)\ngenerate o = mod(_n*5,3)\n"
        "generate y = x + mod(_n*3,7)/2 + mod(id,3)\ngenerate lo = y - 1\ngenerate hi = y + 1\nxtset id t\n"
        "generate st = 1 + mod(_n*3,7) + x\ngenerate d = mod(_n,3) > 0\ngenerate cause = mod(_n,3)\n}\n")
ST = "quietly stset st, failure(d)\n"
CR = "quietly stset st, failure(cause==1)\n"


@pytest.mark.parametrize("options, read", [
    ((Option("vce", "bs, reps(5)"), Option("nodots")), (Option("vce", "bs, reps(5) nodots"),)),
    ((Option("nodots"), Option("vce", "jackknife")), (Option("vce", "jackknife, nodots"),)),
    ((Option("vce", "boot,"), Option("nodots")), (Option("vce", "boot, nodots"),)),
    ((Option("vce", "jack, mse"), Option("level", "90"), Option("nodots")),
     (Option("vce", "jack, mse nodots"), Option("level", "90"))),
])
def test_nodots_moved_into_replication_vce(options, read):
    assert with_command_nodots(options) == read


@pytest.mark.parametrize("options", [
    (Option("nodots"),), (Option("vce", "robust"), Option("nodots")), (Option("vce", "cluster id"), Option("nodots")),
    (Option("vce", "bs"), Option("nodot")), (Option("vce", "bs"), Option("nodots", "1")), (Option("vce", "bs"),)])
def test_left_to_the_command(options):
    assert with_command_nodots(options) is options


LINES = [
    "regress y x", "logit yb x", "probit yb x", "poisson c x", "nbreg c x", "ologit o x", "oprobit o x",
    "mlogit o x", "glm yb x, family(binomial)", "areg y x, absorb(id)", "tobit y x, ll(2)",
    "intreg lo hi x", "clogit yb x, group(id)", "xtreg y x", "xtlogit yb x", "xtpoisson c x", "xtgee y x",
    ST + "streg x, dist(weibull)", ST + "stcox x", CR + "stcrreg x, compete(cause==2)"]


@pytest.mark.parametrize("line", LINES)
@pytest.mark.parametrize("vce", ["bs, reps(3) seed(4)", "jk"])
def test_command_nodots_is_the_prefix_nodots(do, line, vce):
    sep = " " if "," in line.splitlines()[-1] else ", "
    rc1, out1, s1 = do(DATA + f"{line}{sep}vce({vce}) nodots", echo=True)
    rc2, out2, s2 = do(DATA + f"{line}{sep}vce({vce}{'' if ',' in vce else ','} nodots)", echo=True)
    rc3, out3, s3 = do(DATA + f"{line}{sep}vce({vce})", echo=True)
    assert rc1 == rc2 == rc3 == 0, out1
    np.testing.assert_array_equal(s1.e.matrices["V"].values, s2.e.matrices["V"].values)
    np.testing.assert_array_equal(s1.e.matrices["V"].values, s3.e.matrices["V"].values)
    np.testing.assert_array_equal(s1.e.matrices["b"].values, s3.e.matrices["b"].values)
    body = lambda out: out.split("vce(", 1)[1].split("\n", 1)[1]  # noqa: E731 -- after the echoed line
    assert body(out1) == body(out2)
    assert "----+--- 1 ---+---" not in out1 and "----+--- 1 ---+---" in out3  # the dots line
    assert s1.e.macros["cmdline"].endswith("nodots")  # e(cmdline): as typed


def test_without_replication_vce_nodots_is_refused(do):
    for line in ("logit yb x, nodots", "logit yb x, vce(robust) nodots", "regress y x, vce(cluster id) nodots",
                 "logit yb x, vce(bs, reps(3)) nodot"):
        rc, out, s = do(DATA + line)
        assert rc == 198 and ("option nodots not allowed" in out or "option nodot not allowed" in out), (line, out)


def test_refusals_unchanged(do):
    rc, out, _ = do(DATA + "logit yb x, vce(bs, reps(3)) nodots robust")
    assert rc == 198 and "options vce() and robust may not be combined" in out
    rc, out, _ = do(DATA + "by id: logit yb x, vce(bs, reps(3)) nodots")
    assert rc == 190 and "the by prefix may not be used with vce(bs) option" in out
    rc, out, _ = do(DATA + "xttobit y x, ll(0) vce(jk) nodots")
    assert rc == 198 and "vcetype 'jk' not allowed" in out


@pytest.mark.parametrize("typed, kept, dropped", [
    (" ll(2) nodots", " ll(2) ", True), (' title("a nodots") nodots', ' title("a nodots") ', True),
    (" x(nodots)", " x(nodots)", False), (" nodotsx", " nodotsx", False), (" nodots(3)", " nodots(3)", False)])
def test_prefix_commands_take_nodots_from_the_typed_text(typed, kept, dropped):
    from mlmcli.commands.estimation.vce_through_prefix import _without_top_nodots

    assert _without_top_nodots(typed) == (kept, dropped)


def _drawn(do, tmp_path, line):
    """The paths a graph draws (its svg ``d=`` attributes), after ``line`` ran without error."""
    path = tmp_path / f"g{abs(hash(line))}.svg"
    rc, out, _ = do(DATA + f"{line}\ngraph export \"{path}\"")
    assert rc == 0, (line, out)
    return re.findall(r' d="([^"]*)"', path.read_text())


@pytest.mark.parametrize("plot", [
    "lfit y x", "qfit y x", "lfitci y x", "qfitci y x", "fpfit y x", "fpfitci y x",
    "fpfitci yb x, estcmd(logit)", "fpfitci c x, estcmd(poisson)", "fpfitci yb x, estcmd(glm) estopts(family(binomial))"])
@pytest.mark.parametrize("vce", ["bs, reps(3) seed(4)", "jk"])
def test_twoway_fit_estopts_nodots_is_the_command_nodots(do, tmp_path, plot, vce):
    """lfit/qfit/... run ``regress y x ..., estopts`` and fpfit ``fracpoly estcmd y x, estopts``:
    ``estopts(vce(bs ...) nodots)`` is read as the command reads it (``command_options``), the
    same band as ``vce(bootstrap ..., nodots)`` and as without nodots (r(198) before)."""
    sep = " " if "," in plot else ", "
    full = vce.replace("bs", "bootstrap").replace("jk", "jackknife")
    typed = _drawn(do, tmp_path, f"twoway {plot}{sep}estopts(vce({vce}) nodots)")
    inside = _drawn(do, tmp_path, f"twoway {plot}{sep}estopts(vce({full}{'' if ',' in full else ','} nodots))")
    plain = _drawn(do, tmp_path, f"twoway {plot}{sep}estopts(vce({full}))")
    assert typed == inside == plain
    if "ci" in plot:  # the band differs from the model-based one: the replicates were read
        assert typed != _drawn(do, tmp_path, f"twoway {plot}")


def test_twoway_fit_estopts_nodots_without_replication_vce(do):
    """Without a replication vce() ``nodots`` stays regress's option, which refuses it (lfitci's
    regress runs outside a capture); fracpoly's fit fails under twoway__fpfit_serset's capture."""
    rc, out, _ = do(DATA + "twoway lfitci y x, estopts(nodots)")
    assert rc == 198 and "estopts(): option nodots not allowed" in out
    rc, out, _ = do(DATA + "twoway lfitci y x, estopts(vce(robust) nodots)")
    assert rc == 198 and "option nodots not allowed" in out
    rc, out, _ = do(DATA + "twoway fpfitci yb x, estcmd(logit) estopts(nodots)")
    assert rc == 0 and "fracpoly could not fit model" in out


@pytest.mark.parametrize("typed, read", [
    ("vce(bs, reps(5)) nodots", "vce(bootstrap, reps(5) nodots)"),
    ("nodots vce(jk) level(90)", "vce(jackknife, nodots) level(90)"),
    ("vce(bs)", "vce(bootstrap)"),
    ("vce(robust) nodots", "vce(robust) nodots"), ("nodots", "nodots"), ("vce(bs", "vce(bs")])
def test_estopts_text_read_as_the_command_reads_its_options(typed, read):
    from mlmcli.syntax.vce_synonyms import canonical_estopts

    assert canonical_estopts(typed) == read
