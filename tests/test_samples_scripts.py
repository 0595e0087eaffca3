"""The sample scripts themselves: handout.do holds every command of the handout, in order."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Every Stata command of the handout (intro-multilevel-modeling), as typed there, in the
# handout's order.  The weighted fits come from its "Weights" section, which precedes the
# extended example; handout.do runs them after the two-level models (the lead's order).
HANDOUT_COMMANDS = [
    "mixed pbw || cntryid:",
    "estat group",
    "estat icc",
    "sort cntryid",
    "by cntryid: egen nj=count(cntryid)",
    "fre cntryid nj",
    "generate lambda_j =",              # the handout types the printed tau00 and sigma^2 in
    "tabstat lambda_j, statistics (mean sd) by (cntryid)",
    "predict eb, reffects",
    "sort cntryid",
    "format eb %8.3f",
    "tabstat eb, statistics (mean sd) by (cntryid)",
    "egen agegm=mean(agem)",
    "fre agegm",
    "generate agegrandc=agem-agegm",
    "tabstat agem agegrandc, statistics( mean sd )",
    "egen educgm=mean(EDUCM2)",
    "fre educgm",
    "generate educgrandc=EDUCM2-educgm",
    "tabstat EDUCM2 educgrandc, statistics( mean sd )",
    "mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 || cntryid:",
    "twoway (lfitci pbw EDUCM2) (scatter pbw EDUCM2) if cntryid==2, xtitle(Education)",
    "twoway (lfitci pbw EDUCM2) (scatter pbw EDUCM2), by (cntryid) xtitle(Education)",
    "bysort cntryid: regress pbw EDUCM2",
    "statsby intere=_b[_cons] slopee=_b[EDUCM2], by (cntryid) saving(ols_educ",
    "sort cntryid",
    "merge m:1 cntryid using ols_educ",
    "drop _merge",
    "generate prede = intere + slopee*EDUCM2",
    "sort cntryid EDUCM2",
    "twoway (line prede EDUCM2, connect(ascending)), xtitle(Education)",
    "egen educgrpm = mean(EDUCM2), by (cntryid)",
    "generate educgroupc=EDUCM2-educgrpm",
    "mixed pbw educgroupc || cntryid:",
    "estimates store rie",
    "mixed pbw educgroupc || cntryid: educgroupc, cov(unstructured)",
    "estimates store rce",
    "lrtest rce rie",
    "mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 LTIRMA5 || cntryid:",
    "mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 weurope || cntryid:",
    "mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 LTIRMA5 weurope "
    "|| cntryid:",
    "mixed pbw malem agegrandc EGP45 EGP711 EGP21 EGP22 EGP2325 c.educgroupc##i.weurope "
    "|| cntryid: educgroupc, cov(unstructured)",
    "mixed pbw [pweight=V342] || cntryid: , pwscale(size)",
    "mixed pbw [pweight=V342] || cntryid: , pweight (l2weight) pwscale(size)",
    "tab cntryid region if cntryid < 10",
    "mixed pbw || cntryid: || region:",
    "mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 || cntryid: "
    "|| region:",
    "mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 weurope "
    "|| cntryid: || region:",
    "tab T_COUNTRY T_SURVEY_NAME",
    "mixed trust || _all: R.T_SURVEY_NAME || T_COUNTRY:",
]


def _commands(script: str) -> list[str]:
    lines = (ROOT / "samples" / script).read_text().splitlines()
    return [re.sub(r"\s+", " ", line).strip() for line in lines
            if line.strip() and not line.lstrip().startswith("*")]


def test_handout_do_has_every_handout_command_in_order():
    commands = _commands("handout.do")
    position = 0
    for wanted in HANDOUT_COMMANDS:
        hits = [i for i in range(position, len(commands)) if commands[i].startswith(wanted)]
        assert hits, f"{wanted!r} missing (or out of order) after command {position}"
        position = hits[0] + 1


def test_scripts_use_only_shipped_data_and_write_outside_samples():
    for script in ("handout.do", "hsb.do"):
        for command in _commands(script):
            for path in re.findall(r"\b(?:use|using)\s+([^\s,]+)", command):
                if path.startswith("samples/"):
                    assert (ROOT / path).exists(), (script, path)
            assert not re.search(r"\bsave\b.*samples/", command), (script, command)
            assert "saving(samples" not in command


def test_hsb_do_is_all_reml():
    mixed = [c for c in _commands("hsb.do") if c.startswith("mixed ")]
    assert len(mixed) == 4 and all(c.endswith("reml") for c in mixed)
