"""The iteration logs of the ml-based estimators, laid out as Stata 13's manual logs show them:
which "Fitting ... model:" headings come in which order, the blank lines around them, the
"Iteration n:" lines (``Iteration n:`` left-aligned in 15 columns, ``log likelihood = `` and
%10.0g), and ``nolog`` taking all of it away.

The manual's examples these follow (their numbers need the manual's datasets, which mlm does not
ship, so the layout is checked here on hsb.dta):
[R] nbreg (Poisson, constant-only and full models), [R] zip, [R] zinb, [R] gnbreg, [R] intreg and
[ST] streg (constant-only and full), [R] truncreg (full model only), [R] hetprob (probit model,
then full), [R] heckman, mlogit, ologit, oprobit, cloglog, clogit, poisson, glm (ml), betareg
(the iterations alone), fracreg (a pseudolikelihood), [ST] stcox (the iterations, then
"Refining estimates:" and its iteration with no blank line between).

[R] tobit in Stata 12-14 ("unlike most ML commands, tobit defaults to nolog"): no log unless
``log`` is typed -- its manual's example and the published outputs of that time (UCLA's tobit
pages, tested in Stata 12; tests/test_tobit_intreg.py's MROZ output) start at the header.
Stata 15's rewritten tobit prints ml's log; Stata 13's does not, and neither does mlm's."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

HSB = Path(__file__).resolve().parents[1] / "samples" / "data" / "hsb.dta"
SETUP = f"""use "{HSB}", clear
keep in 1/300
generate hi = mathach > 15
generate cnt = max(round(mathach/3), 0)
generate ord = 1 + (mathach > 8) + (mathach > 16)
generate mm = mathach if minority == 0
generate prop = (mathach + 3)/30
generate t = 1 + abs(mathach)
generate d = hi
quietly stset t, failure(d)"""

ITERATION = re.compile(r"^Iteration (\d+):\s*(log (?:pseudo)?likelihood) = (.{10})(  (\(not concave\)|\(backed up\))?)?$")

# (command, the headings in order) -- "" for a log of iterations without a heading
LOGS = [
    ("nbreg cnt ses", ["Fitting Poisson model:", "Fitting constant-only model:", "Fitting full model:"]),
    ("zip cnt ses, inflate(female)", ["Fitting constant-only model:", "Fitting full model:"]),
    ("zinb cnt ses, inflate(female)", ["Fitting constant-only model:", "Fitting full model:"]),
    ("gnbreg cnt ses, lnalpha(female)", ["Fitting constant-only model:", "Fitting full model:"]),
    ("intreg mathach mathach ses", ["Fitting constant-only model:", "Fitting full model:"]),
    ("streg ses, distribution(weibull)", ["Fitting constant-only model:", "Fitting full model:"]),
    ("truncreg mathach ses, ll(0)", ["Fitting full model:"]),
    ("hetprob hi ses, het(female)", ["Fitting probit model:", "Fitting full model:"]),
    ("heckman mm ses, select(female ses sector)", [""]),
    ("mlogit ord ses", [""]),
    ("ologit ord ses", [""]),
    ("oprobit ord ses", [""]),
    ("cloglog hi ses", [""]),
    ("clogit hi ses, group(school)", [""]),
    ("poisson cnt ses", [""]),
    ("glm hi ses, family(binomial)", [""]),
    ("betareg prop ses", [""]),
    ("fracreg logit prop ses", [""]),
]


@pytest.fixture(scope="module")
def hsb(new_session, run):
    """One session over hsb.dta's first 300 rows, stset (estimation leaves the data as it is)."""
    session = new_session()
    printed, rc = run(session, SETUP)
    assert rc == 0, printed
    return session


def _run(hsb, run, line: str) -> str:
    printed, rc = run(hsb, line)
    assert rc == 0, printed[-600:]
    return printed


def _log_part(printed: str) -> list[str]:
    """The printed lines up to the blank line after the last iteration (the log, its headings
    and blank lines; streg's and stcox's failure/analysis-time lines come before it)."""
    lines = printed.split("\n")
    end = max(i for i, text in enumerate(lines) if ITERATION.match(text) or text.startswith("Fitting")) + 1
    start = next(i for i, text in enumerate(lines) if ITERATION.match(text) or text.startswith("Fitting")) - 1
    return lines[start:end + 1]


def _blocks(log: list[str]) -> list[tuple[str, list[str]]]:
    """(heading, its iteration lines) in order: a heading, a blank line, the iterations, a blank
    line; or, without headings, a blank line and the iterations."""
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(log):
        assert log[i] == "", (i, log)
        i += 1
        if i >= len(log):
            break
        heading = ""
        if log[i].startswith("Fitting"):
            heading = log[i]
            assert log[i + 1] == "", log[i:i + 3]
            i += 2
        rows = []
        while i < len(log) and log[i] and not log[i].startswith("Fitting"):
            rows.append(log[i])
            i += 1
        out.append((heading, rows))
    return out


@pytest.mark.parametrize("line, headings", LOGS, ids=[line.split(",")[0] for line, _ in LOGS])
def test_the_log_has_the_manuals_headings_and_lines(hsb, run, line, headings):
    printed = _run(hsb, run, line)
    blocks = _blocks(_log_part(printed))
    assert [heading for heading, _ in blocks] == headings
    crit = "log pseudolikelihood" if line.startswith("fracreg") else "log likelihood"
    for _, rows in blocks:
        assert rows and all(ITERATION.match(row) for row in rows), rows
        numbers = [int(ITERATION.match(row).group(1)) for row in rows]
        assert numbers == list(range(len(rows)))
        assert {ITERATION.match(row).group(2) for row in rows} == {crit}
        # the last two iterations agree: the fit converged
        last = [float(ITERATION.match(row).group(3)) for row in rows[-2:]]
        assert len(last) < 2 or last[0] == pytest.approx(last[1], rel=1e-6, abs=1e-6)


NOLOG = ["nbreg cnt ses", "zinb cnt ses, inflate(female)", "intreg mathach mathach ses",
         "streg ses, distribution(weibull)", "truncreg mathach ses, ll(0)", "hetprob hi ses, het(female)",
         "heckman mm ses, select(female ses sector)", "stcox ses"]


@pytest.mark.parametrize("line", NOLOG, ids=[line.split(",")[0] for line in NOLOG])
def test_nolog_leaves_no_iteration_and_no_heading(hsb, run, line):
    printed = _run(hsb, run, line + ("" if "," in line else ",") + " nolog")
    assert "Iteration" not in printed and "Fitting" not in printed and "Refining" not in printed


def test_stcox_log_layout(hsb, run):
    """[ST] stcox's log: the iterations, "Refining estimates:", its iteration 0, then a blank
    line and the header (the failure and analysis-time lines first)."""
    lines = _run(hsb, run, "stcox ses").split("\n")
    first = next(i for i, text in enumerate(lines) if text.startswith("Iteration 0:"))
    refine = lines.index("Refining estimates:")
    assert lines[first - 1] == "" and lines[first - 2].startswith("   analysis time _t:")
    assert all(re.match(r"^Iteration \d+:\s+log likelihood = ", text) for text in lines[first:refine])
    assert re.match(r"^Iteration 0:   log likelihood = ", lines[refine + 1])
    assert lines[refine + 2] == "" and lines[refine + 3].startswith("Cox regression -- Breslow method for ties")


def test_tobit_prints_no_log_unless_asked(hsb, run):
    printed = _run(hsb, run, "tobit mathach ses, ll(0)")
    assert "Iteration" not in printed and "Fitting" not in printed
    assert re.match(r"\nTobit regression +Number of obs", printed)
    printed = _run(hsb, run, "tobit mathach ses, ll(0) log")
    blocks = _blocks(_log_part(printed))
    assert [heading for heading, _ in blocks] == [""]
    assert all(ITERATION.match(row) for row in blocks[0][1])


def test_iteration_numbers_keep_stata_columns():
    """``Iteration n:`` fills 15 columns: two spaces after a two-digit n, none after four."""
    from mlmcli.render.iteration_log import iteration_line

    assert iteration_line(7, -1.5, "log likelihood").startswith("Iteration 7:   log likelihood =       -1.5  ")
    assert iteration_line(12, -1.5, "log likelihood").startswith("Iteration 12:  log likelihood =")
    assert iteration_line(1000, -1.5, "log likelihood").startswith("Iteration 1000:log likelihood =")
