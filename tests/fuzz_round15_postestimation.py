"""Round 15 of the command fuzz (docs/command_fuzz.md): postestimation after every estimator.

For each model of tests/postestimation_sweep.py's FITS (one for every estimation command), the
driver fits it once on the sweep's panel (with a string variable ``sv`` added), stores it as
``full`` beside ``small`` (the same command on fewer regressors), ``sub`` (a regression on a
subsample) and ``lg`` (a logit), and throws odd postestimation lines at it, one at a time:

- **predict**: every statistic any model of FITS lists (the model's own and the others'), wrong
  names, odd arguments (``outcome(#9)``, ``equation(nosuch)``, ``pr(3,1)``); an existing variable,
  a string or invalid name, a type word alone, too many names, stubs; ``if``/``in`` that select
  nothing;
- **margins**: at() outside the data (1e300, missing, a variable not in the model), over() of a
  string or continuous variable, dydx()/eyex() of a variable not in the model, of the string, of
  the outcome, factor terms not in the model, empty or wrong expressions and predict();
- **test/lincom/nlcom**: unknown names, empty and half-written expressions, equation names and
  numbers that do not exist, nonlinear lincom, division by zero;
- **estat ic/vce/summarize/icc/group** (and their options) where they do not apply;
- **estimates store/restore/replay/drop/dir/table/stats** with odd names and patterns;
- **lrtest** across models fitted on other samples or by other commands, odd df();
- **contrast/pwcompare** of continuous terms, of terms not in the model.

Checks (as fuzz_commands.run_case): a Python exception reaching the runner (r(9999), "internal
error"), a line still running after ``LIMIT`` CPU seconds, a failing line that changed the data,
and a failing line that changed e() (Stata's failing commands leave the results in place).
Between lines the driver puts back ``full`` (``estimates restore``; a refit when a line dropped
it) and drops the variables a line made; that setup is not checked.

    python3 tests/fuzz_round15_postestimation.py [--seed 1] [--count 25] [--only regress,mixed]
                                                 [--families predict,margins] [--show] [-v]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import random
import sys
import time
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_commands as fc  # noqa: E402
import postestimation_sweep as sweep  # noqa: E402

LIMIT = 20.0
SETUP = 'generate str3 sv = "g" + string(grp)'  # a string variable for over(), dydx(), predict

# every statistic some model of FITS documents: for one model most are the wrong ones
ALL_STATS = sorted({s for _, _, stats in sweep.FITS.values() for s in stats})
WRONG_STATS = ["foo", "xb xb", "xb stdp", "pr(", "pr()", "pr(3,1)", "pr(a,b)", "pr(.,.)", "outcome(9)",
               "outcome(#0)", "outcome(#9)", "outcome(nosuch)", "outcome()", "equation(#9)", "equation(nosuch)",
               "equation()", "e(1e300,.)", "ystar(.,.)", "xb nooffset", "nooffset", "scores xb", "rstandard xb",
               "pr(1) pr(2)", "n pr", "iterate(-1)", "marginal conditional(fixedonly)", "reffects relevel(nosuch)",
               "xb, xb", "xb,", "XB", "Xb", "x", "stdp(1)", "residuals(2)", "density(1)", "outcome(2) xb"]
NEW_NAMES = ["pn", "double pd", "float pf", "byte pb", "str5 ps", "strL pl"]
BAD_NAMES = ["x", "yc", "sv", "id", "\"abc\"", "1abc", "_b", "_cons", "double", "str10", "a b c d e f g h", "p*",
             "_all", "a" * 33, "p-q", "long", "`\"q\"'", "pn pn", "e(sample)", "_n", "in", "if"]
EMPTY_IF = ["if 0", "if x > 1e300", "if grp == 99", "if missing(x)", "if sv == \"zz\"", "in 1/1", "in 180/180",
            "in 500/600", "in -1", "in 5/2", "if 0 in 1/10", "in f", "in 1/l"]


def _predict(rng: random.Random, stats: list[str]) -> str:
    pick = rng.random()
    name = rng.choice(NEW_NAMES) if pick < 0.75 else rng.choice(BAD_NAMES)
    stat = rng.choice(stats if stats and rng.random() < 0.35 else
                      (ALL_STATS if rng.random() < 0.6 else WRONG_STATS))
    qual = rng.choice(EMPTY_IF) if rng.random() < 0.4 else ""
    opts = ", " + stat if rng.random() < 0.85 else ""
    if rng.random() < 0.1:
        opts = ", " + stat + " " + rng.choice(ALL_STATS)
    return f"predict {name} {qual}{opts}".replace("  ", " ")


MARGINS = [
    "at(x=1e300)", "at(x=(1e300 -1e300))", "at(x=.)", "at(x=(. 1))", "at(x=.a)", "at(z=5)", "at(nosuch=1)",
    "at(sv=1)", "at(sv=\"g1\")", "at(x=(0(1)30))", "at((p99) x)", "at((p0) _all)", "at((asobserved) x)",
    "at(x=generate(x*1e300))", "at(x=generate(sv))", "at(x=)", "at()", "at(x2=(1 2) x=(3 4))",
    "at(grp=9)", "at(grp=(1 2))", "at(x=(0 1)) atmeans", "at(x=-1e307)", "at(yc=0)",
    "over(sv)", "over(x)", "over(nosuch)", "over(grp) over(grp)", "over(yc)", "over(grp sv)",
    "dydx(z)", "dydx(sv)", "dydx(nosuch)", "dydx(yc)", "dydx(grp)", "dydx(x) dydx(x2)", "dydx()", "dydx(_all)",
    "eyex(x)", "eyex(z)", "dyex(x)", "eydx(sv)", "dydx(x) eyex(x)", "dydx(i.grp)", "dydx(c.x)",
    "predict(foo)", "predict()", "predict(xb) predict(stdp)", "predict(outcome(#9))", "predict(equation(#9))",
    "expression()", "expression(foo)", "expression(predict(foo))", "expression(1/0)", "expression(exp(1e300))",
    "expression(_b[x])", "vce(foo)", "vce(unconditional)", "noesample", "nose", "level(0)", "level(100)",
    "post", "contrast", "pwcompare", "asbalanced", "emptycells(reweight)", "noweights", "chainrule",
    "dydx(x) post", "atmeans post", "at(x=1e300) post", "saving(nosuch/dir/f)", "mcompare(foo)",
    "at(x=(0(.002)1))", "at(x=(1e-320 -1e-320))", "at(x2=1e300) dydx(x)", "at(x=(0 1) x2=(0 1) z=(0 1))",
    "over(grp) at(x=1e300) dydx(*)", "over(id)", "within(grp)", "within(sv)", "subpop(if 0)", "subpop(sv)",
    "vce(unconditional) over(sv)", "predict(xb) dydx(x) at(x=.) atmeans", "dydx(*) nose post", "df(-1)",
    "dydx(x) continuous", "at(x=(1 2)) contrast(atcontrast(r))", "dydx(x) pwcompare(effects)",
    "atmeans at((mean) _all (median) x)", "at((p101) x)", "at((foo) x)", "coeflegend", "cformat(%zz)"]
MARGIN_TERMS = ["x", "c.x", "grp", "i.grp", "sv", "nosuch", "grp#sv", "x#grp", "r.grp", "r.x", "_cons", "yc",
                "1.grp", "i.x", "id"]


def _margins(rng: random.Random) -> str:
    term = rng.choice(MARGIN_TERMS) + " " if rng.random() < 0.3 else ""
    opts = " ".join(rng.sample(MARGINS, rng.choice((1, 1, 2))))
    qual = rng.choice(EMPTY_IF) + " " if rng.random() < 0.15 else ""
    return f"margins {term}{qual}, {opts}" if opts else f"margins {term}{qual}".rstrip()


TESTS = [
    "test nosuch", "test", "test =", "test x =", "test = x", "test [nosucheq]x", "test [#9]x", "test [#0]x",
    "test [#1]", "test [nosucheq]", "test _b[nosuch] = 0", "test x = x", "test (x) (x2", "test x, accum",
    "test x, mtest(foo)", "test 0 = 0", "test 1 = 0", "test _cons", "test x = .", "test x = 1e400", "test sv",
    "test z", "test i.grp", "test 2.grp", "test x x", "test x, notest", "test x, coef", "test [yc]x",
    "test [eq1]x = [eq2]x", "test _b[#1:x] = 0", "test x2 = x, df(-1)", "test x, df(0)", "test x, common",
    "test ([#1]x = 0) ([#2]x = 0)", "test _se[x] = 0", "test e(N) = 0", "test x + (", "test x*x2 = 0",
    "test [#1]x = [#2]x", "test x == 0", "test x, accumulate nosvyadjust", "test x, mtest(bonferroni)",
    "testparm nosuch", "testparm", "testparm sv", "testparm z", "testparm i.grp", "testparm x, equation(nosuch)",
    "testparm x, equation(#9)", "testparm x, equal", "testparm _all", "testparm x*",
    "lincom", "lincom nosuch", "lincom x +", "lincom (x)", "lincom [#2]x", "lincom [#9]x", "lincom [nosucheq]x",
    "lincom x / x2", "lincom x*x2", "lincom 1", "lincom 0", "lincom _cons - _cons", "lincom x, level(0)",
    "lincom x, eform level(100)", "lincom x, or irr", "lincom x = 0", "lincom x - x", "lincom x, df(-1)",
    "lincom _b[nosuch]", "lincom z", "lincom sv", "lincom 2.grp", "lincom x, cformat(%zz)", "lincom x, hr",
    "lincom x/0", "lincom 1e300*x", "lincom x, nonsense",
    "nlcom", "nlcom nosuch", "nlcom _b[nosuch]", "nlcom 1/0", "nlcom _b[x]/0", "nlcom (a: )", "nlcom (: _b[x])",
    "nlcom ln(-1)", "nlcom exp(_b[x]*1e300)", "nlcom _b[x], iterate(-1)", "nlcom [#9]_b[x]", "nlcom [#9]x",
    "nlcom _b[x] _b[x2]", "nlcom (a: _b[x]) (a: _b[x2])", "nlcom _b[x], post", "nlcom (1bad: _b[x])",
    "nlcom _b[x] +", "nlcom _b[x], level(100)", "nlcom 1", "nlcom _b[x]^1e300", "nlcom sqrt(-_b[x]^2 - 1)",
    "nlcom _b[sv]", "nlcom _b[z]", "nlcom [nosucheq]_b[x]", "nlcom _b[[#1]x]", "nlcom (r: _b[x]", "nlcom ()",
    "nlcom _b[x], df(-1)", "nlcom _b[x], noheader", "nlcom (_b[x]) (_b[x2]), post", "nlcom _se[x]",
    "test 1e300*x = 0", "test 1e300*x = 1e300*x2", "test 1e300*x 1e-300*x2", "test (1e300*x = 0) (x2 = 0)",
    "lincom 1e300*x - 1e300*x2", "lincom 1e-320*x", "lincom x + 1e308", "nlcom 1e300*_b[x]", "nlcom _b[x]*1e-320",
    "testparm x, equal", "test x = 1e300", "lincom x - 1e300", "nlcom 1/(_b[x] - _b[x])", "testnl 1e300*_b[x] = 0",
    "testnl _b[x] = 0", "testnl _b[nosuch] = 1", "testnl", "testnl _b[x]/0 = 1", "testnl (_b[x] = 1"]
ESTAT = [
    "estat ic", "estat vce", "estat summarize", "estat icc", "estat group", "estat ic, n(0)", "estat ic, n(-1)",
    "estat ic, n(.)", "estat ic, n(1e300)", "estat ic, df(-1)", "estat ic, df(0)", "estat ic, nosuch",
    "estat vce, equation(nosuch)", "estat vce, equation(#9)", "estat vce, block", "estat vce, covariance correlation",
    "estat vce, format(%zz)", "estat vce, corr rho", "estat summarize nosuch", "estat summarize sv",
    "estat summarize x, equation", "estat summarize, group", "estat summarize z", "estat icc, level(10)",
    "estat icc, level(100)", "estat group, foo", "estat recovariance, level(2)", "estat sd", "estat vce if x",
    "estat ic in 1/5", "estat", "estat ,", "estat nosuch", "estat IC", "estat i", "estat vc", "estat su",
    "estat summarize, labels noheader noweights", "estat vce, diag", "estat ic, all", "estat icc, srefs"]
ESTIMATES = [
    "estimates store", "estimates store 1bad", "estimates store _all", "estimates store a b",
    "estimates store .", "estimates store " + "n" * 28, "estimates store " + "n" * 40, "estimates store full",
    "estimates store full, copy", "estimates store _est_x", "estimates store full, title(t)", "estimates store _",
    "estimates restore nosuch", "estimates restore", "estimates restore .", "estimates restore _all",
    "estimates restore full small", "estimates restore 1", "estimates restore ful*", "estimates restore _est_1",
    "estimates replay nosuch", "estimates replay 1", "estimates replay ful*", "estimates replay _all, level(0)",
    "estimates replay ., coeflegend", "estimates replay full, bogus", "estimates replay (full)",
    "estimates drop nosuch", "estimates drop", "estimates drop _all", "estimates drop full*", "estimates drop .",
    "estimates drop s*", "estimates dir nosuch", "estimates dir ful*", "estimates clear", "estimates clear full",
    "estimates table nosuch", "estimates table full nosuch", "estimates table ., keep(nosuch)",
    "estimates table full, drop(x x2 _cons)", "estimates table full, stats(nosuch)", "estimates table full, b(%zz)",
    "estimates stats nosuch", "estimates stats full sub", "estimates stats full lg", "estimates stats ., n(-1)",
    "estimates title: ", "estimates notes: ", "estimates notes drop in 1/5", "estimates describe nosuch",
    "estimates esample: nosuch", "estimates esample: x if 0", "estimates for nosuch: regress", "estimates for full:",
    "estimates change full, title(a)", "estimates change nosuch, scorevars(a)", "estimates query nosuch"]
LRTEST = [
    "lrtest full sub", "lrtest full lg", "lrtest full full", "lrtest nosuch", "lrtest", "lrtest ., .",
    "lrtest full small, df(0)", "lrtest full small, df(-1)", "lrtest full small, df(1e300)", "lrtest full sub, force",
    "lrtest full lg, force", "lrtest (full small) small", "lrtest *", "lrtest full", "lrtest sub", "lrtest lg sub",
    "lrtest small, stats dir", "lrtest full, stats", "lrtest (full) (nosuch)", "lrtest full small, nosuch",
    "lrtest _all", "lrtest (full sub) (small lg)", "lrtest ful* small", "lrtest full ., force df(2)"]
CONTRAST = [
    "contrast x", "pwcompare x", "contrast c.x", "pwcompare c.x", "contrast grp", "pwcompare grp",
    "contrast r.x", "pwcompare x, effects", "contrast nosuch", "contrast sv", "contrast", "pwcompare",
    "contrast x#grp", "contrast c.x#c.x2", "contrast r.grp, nosuch", "pwcompare grp, mcompare(foo)",
    "contrast i.sv", "contrast ar.x", "contrast {x 1 -1}", "contrast {grp 1 -1 0}", "contrast _cons",
    "pwcompare _cons", "contrast x, atequations", "pwcompare x, pveffects", "contrast x, post", "contrast yc",
    "margins x, contrast", "margins r.x", "margins x, pwcompare", "pwcompare i.x", "contrast i.x"]
# a line that changes the state first (unchecked but for internal errors), then the odd line
BEFORE = ["margins, post", "margins, dydx(*) post", "nlcom (r: _b[x]), post", "nlcom _b[x], post",
          "estimates restore small", "estimates restore lg", "estimates restore sub", "drop x2", "drop x",
          "keep if grp == 1", "replace x = x * 1e300", "replace x = .", "sort x", "drop in 1/170", "drop if 1",
          "estimates drop small", "estimates clear", "ereturn clear", "clear", "rename x xx", "replace yc = .",
          "estimates esample:", "generate str3 x3 = sv", "margins, at(x=(0 1)) post", "contrast grp, post",
          "estimates store full", "_estimates hold h", "test x", "lincom x",
          # data the fit did not see: values past the double range, outcomes out of their range,
          # settings cleared, variables gone or renamed
          "replace x = 1e300 in 1", "replace x2 = -1e300", "replace x = .a in 1/5", "replace grp = 1.5 in 1",
          "replace id = . in 1", "replace c = -1 in 1", "replace y = 2 in 1", "replace o = 9 in 1",
          "replace t = -1 in 1", "replace fail = . in 1/3", "replace w = 0", "replace time = 1",
          "xtset, clear", "tsset, clear", "stset, clear", "gsort -time", "drop id", "drop time", "rename id pid",
          "recast float x, force", "replace x = x + 1e-300", "replace z = z * 1e200", "replace yc = -yc"]
FAMILIES = {"predict": None, "margins": None, "test": TESTS, "estat": ESTAT, "estimates": ESTIMATES,
            "lrtest": LRTEST, "contrast": CONTRAST}


def lines_for(name: str, seed: int, count: int, families: list[str], before: float = 0.25) -> list[str]:
    """``count`` odd lines for the model ``name`` (deterministic for ``seed``)."""
    rng = random.Random(f"{seed}:{name}")
    stats = sweep.FITS[name][2]
    out = []
    for _ in range(count):
        family = rng.choice(families)
        if family == "predict":
            line = _predict(rng, stats)
        elif family == "margins":
            line = _margins(rng)
        else:
            line = rng.choice(FAMILIES[family])
        if rng.random() < 0.1:
            line = rng.choice(("capture ", "quietly ", "capture noisily ")) + line
        if family == "margins" and rng.random() < 0.3:  # every model's statistics through margins
            line = f"margins, predict({rng.choice(ALL_STATS + WRONG_STATS)})" + rng.choice(
                ("", " dydx(x)", " at(x=1e300)", " over(grp)", " at(x=(. 0)) dydx(*)"))
        if rng.random() < before:
            line = rng.choice(BEFORE) + "\n" + line
        out.append(line)
    return out


@dataclass
class Finding:
    kind: str  # internal, escaped, hang, data-changed, e-changed
    model: str
    line: str
    detail: str


class Bench:
    """One model's session: fitted once, put back between lines."""

    def __init__(self, name: str, data):
        from mlmcli.dataset import Dataset
        from mlmcli.runner import Runner
        from mlmcli.session import Output, Session

        self.name = name
        self.session = Session(out=Output(io.StringIO()))
        self.session.data = Dataset(data.copy())
        self.runner = Runner(self.session)
        self.ok = self.fit()
        self.columns = list(self.session.data.df.columns)
        self.fitted = self.session.data.snapshot()
        self.fitted_print = fc.fingerprint(self.session)

    def quiet(self, text: str) -> int:
        try:
            with fc.watchdog(LIMIT * 3):
                return self.runner.run_text(text, echo=False)
        except BaseException:  # noqa: BLE001 - the setup is not what is checked
            return -1

    def fit(self) -> bool:
        setup, template, _ = sweep.FITS[self.name]
        self.quiet("estimates clear")
        for text in filter(None, [SETUP, setup]):
            self.quiet(text)
        if "{X}" in template:
            self.quiet("quietly regress yc x if grp < 3\nestimates store sub")
            self.quiet("quietly logit y x\nestimates store lg")
            if self.quiet("quietly " + template.replace("{X}", "x")) == 0:
                self.quiet("estimates store small")
        rc = self.quiet("quietly " + template.replace("{X}", "x x2"))
        return rc == 0 and self.quiet("estimates store full") == 0

    def reset(self) -> None:
        """``full`` back in e(), the line's new variables dropped (a refit when ``full`` is gone)."""
        if fc.fingerprint(self.session) != self.fitted_print:
            self.session.data = self.fitted.snapshot()
        self.quiet("capture _estimates unhold h")
        if self.quiet("capture estimates restore full") != 0 or self.session.rc:
            self.fit()
        self.session.test_constraints = []

    def run(self, line: str) -> tuple[int, list[Finding], str]:
        session = self.session
        *before_lines, line = line.split("\n")
        for text in before_lines:  # the state the odd line meets: only an internal error counts
            del fc._last_traceback[:]
            rc = self.quiet(text)
            if rc == 9999 or fc._last_traceback:
                return rc, [Finding("internal", self.name, text, "".join(fc._last_traceback[-1:]))], ""
        session.out.stream.seek(0)
        session.out.stream.truncate()
        del fc._last_traceback[:]
        before = fc.fingerprint(session)
        e_before = session.e
        e_repr = _e_digest(session.e)
        findings = []
        try:
            with fc.watchdog(LIMIT):
                rc = self.runner.run_text(line, echo=False)
        except fc._Hung:
            return -1, [Finding("hang", self.name, line, f"still running after {LIMIT:.0f} s of CPU")], ""
        except BaseException as exc:  # noqa: BLE001
            if type(exc).__name__ == "ExitRequest":
                return 0, [], ""
            return -2, [Finding("escaped", self.name, line, "".join(traceback.format_exception(exc))[-800:])], ""
        printed = session.out.stream.getvalue()
        if rc == 0 and fc._bare(line) != line and line.startswith("cap"):
            rc = session.rc
        if rc == 9999 or fc._last_traceback or "internal error" in printed or "Traceback" in printed:
            findings.append(Finding("internal", self.name, line,
                                    fc._last_traceback[-1] if fc._last_traceback else printed[-500:]))
        if rc != 0:
            if fc.fingerprint(session) != before:
                findings.append(Finding("data-changed", self.name, line, f"rc {rc}"))
            if session.e is not e_before and _e_digest(session.e) != e_repr:
                findings.append(Finding("e-changed", self.name, line, f"rc {rc}"))
        return rc, findings, printed


def _e_digest(e) -> str:
    if e is None:
        return "None"
    import numpy as np
    b = getattr(e, "b", None)
    return f"{type(e).__name__}:{getattr(e, 'cmd', None)}:{np.asarray(b).tobytes() if b is not None else None}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=25, help="lines a model")
    ap.add_argument("--only", default="")
    ap.add_argument("--skip", default="")
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--before", type=float, default=0.25, help="share of lines after a state-changing line")
    ap.add_argument("--show", action="store_true", help="print the lines without running them")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args(argv)
    names = [n for n in sweep.FITS if (not args.only or n in args.only.split(",")) and n not in args.skip.split(",")]
    families = args.families.split(",")
    if args.show:
        for name in names:
            for line in lines_for(name, args.seed, args.count, families, args.before):
                print(f"{name:14} {line}")
        return 0
    fc._install_traceback_hook()
    data = sweep.panel()
    findings: list[Finding] = []
    lines = 0
    rcs: dict[int, int] = {}
    start = time.monotonic()
    with fc.memory_cap(), warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")
        for name in names:
            bench = Bench(name, data)
            if not bench.ok:
                print(f"{name}: fit failed", flush=True)
                continue
            t0 = time.monotonic()
            for line in lines_for(name, args.seed, args.count, families, args.before):
                rc, found, printed = bench.run(line)
                lines += 1
                rcs[rc] = rcs.get(rc, 0) + 1
                if args.v:
                    first = next((ln for ln in printed.splitlines() if ln.strip()), "")[:70] if rc else ""
                    print(f"  {name:13} rc={rc:<5} {line[:70]:70} {first}", flush=True)
                for f in found:
                    print(f"** {f.kind}: {name}\n   . {line}\n   {f.detail}", flush=True)
                findings.extend(found)
                bench.reset()
            print(f"{name}: {time.monotonic() - t0:.1f} s", flush=True)
    print(f"\n{lines} lines in {time.monotonic() - start:.0f} s; rcs {dict(sorted(rcs.items()))}; "
          f"{len(findings)} findings")
    for f in findings:
        print(f"{f.kind:12} {f.model:14} {f.line}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
