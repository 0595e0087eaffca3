"""“Did you mean …?”: the closest valid names to a mistyped one, and the Stata commands mlm
does not implement (so a user learns that ``sem`` is missing, not mistyped).

The hint is a second line under Stata's own message; the return code stays Stata's."""
from __future__ import annotations

import difflib

# Stata 13's official commands (the command index of its manuals: [R], [D], [G], [P], [TS],
# [XT], [ST], [SVY], [MI], [MV], [SEM], [PSS], [TE], [ME], [FN] aside) that mlm may lack.
# Sorted; the names mlm has since implemented were taken out (2026-12-05). Checked against the
# registry at run time too, so a command implemented later drops out by itself; an unknown word
# that is in it gets "X is a Stata command that mlm does not implement".
STATA_COMMANDS_NOT_IMPLEMENTED = frozenset("""
_robust adoupdate ancova arch arfima asmprobit asroprobit bayesmh brr bstat ca camat candisc canon
cchart class classutil ct ctset cttost cusum datetime db dcc dfactor dialog discrim dvech epitab
exlogistic expoisson factormat fdasave fdause findit forecast gph gr7 graph7 haver hexdump
hsearch icd9 icd9p ineqdeco inequality irt javacall logit_estat makecns mca mds mdslong
mdsmat menu mgarch mim mixlogit netio nlogit nlogitgen nlogittree nlsur odbc pcamat pchart
pkcollapse pkcross pkequiv pkexamine pkshape pksumm plugin polychoric procrustes putmata qc rchart
rcof rocreg rocregplot rotatemat sdr serset shewhart signestimationsample sretlist sspace
stpower stteffects sttocc sttoct sunflower szroter ucm update varfcast varmanage
viewsource window wntestb xchart xtdpd
""".split())


# Community (SSC) commands real do-files use that mlm does not carry, with what to use instead:
# a second line under Stata's "unrecognized command" (what Stata says when they are not installed).
COMMUNITY_NOT_CARRIED = {
    "webdoc": "(webdoc is an SSC package mlm does not carry: it weaves a do-file's commands and output "
              "into an HTML or Markdown document)",
    "grinter": "(grinter is an SSC package mlm does not carry: it graphs the marginal effect of a variable "
               "in an interaction across the other variable's values; margins, dydx() at() and marginsplot "
               "draw the same)",
    **{name: f"({name} is a command of the community-contributed binsreg package (Cattaneo, Crump, Farrell "
             "and Feng) that mlm does not carry: binned scatter plots with fitted curves and confidence "
             "bands; egen xtile() bins with collapse and twoway scatter draw a plain binned scatter)"
       for name in ("binsreg", "binslogit", "binsprobit", "binsqreg", "binstest", "binspwc")},
    "stmixed": "(stmixed is Michael J. Crowther's SSC package mlm does not carry: multilevel parametric "
               "survival models (Royston-Parmar, Weibull, ...) fitted through merlin; streg ..., frailty(gamma) "
               "shared() fits a Weibull or other parametric model with a shared frailty)",
    "somersd": "(somersd is Roger Newson's SSC package mlm does not carry: Somers' D and Kendall's tau-a "
               "with influence-function standard errors; ktau gives Kendall's tau-b and its test)",
    "grc1leg2": "(grc1leg2 is Mead Over's community-contributed extension of grc1leg that mlm does not "
                "carry; grc1leg, which mlm has, combines graphs with one legend from legendfrom())",
    "dropbox": "(dropbox is an SSC package mlm does not carry: it finds the user's Dropbox folder and cd's "
               "to it; cd to the folder by its path instead)",
    "sutex": "(sutex is Antoine Terracol's SSC package mlm does not carry: it writes a LaTeX table of "
             "summary statistics; estpost summarize with esttab using file.tex, cells() writes the same)",
    "log2html": "(log2html is Christopher F. Baum and Nicholas J. Cox's SSC package mlm does not carry: it "
                "converts a SMCL log to an HTML page; translate file.smcl file.log gives the log as text)",
    "metan": "(metan is Harris, Bradburn, Deeks, Harbord, Altman, Steichen and Sterne's SSC package mlm does "
             "not carry: meta-analysis of effect estimates with forest plots; with an estimate and its standard "
             "error the fixed-effect pooled estimate is sum(y/se^2)/sum(1/se^2), standard error "
             "1/sqrt(sum(1/se^2)))",
    "latabstat": "(latabstat is Ian Watson's SSC package mlm does not carry: it writes tabstat's table as a LaTeX "
                 "table; estpost tabstat with esttab using file.tex, cells() writes the same)",
    "sjlog": "(sjlog is a command of the Stata Journal's sjlatex package that mlm does not carry: it logs commands "
             "and output for a Stata Journal article and converts the log to TeX; log using and translate keep "
             "the log)",
    "bacondecomp": "(bacondecomp is Goodman-Bacon, Goldring and Nichols's SSC package mlm does not carry: it "
                   "splits a two-way fixed-effects difference-in-differences estimate into the 2x2 comparisons "
                   "of treatment-timing groups and their weights)",
    "twowayfeweights": "(twowayfeweights is de Chaisemartin, D'Haultfoeuille and Deeb's SSC package mlm does not "
                       "carry: the weights a two-way fixed-effects regression puts on each group's and period's "
                       "treatment effect, and how many are negative)",
}

# Commands of Stata versions after 13 (the version mlm follows) that real do-files use: Stata 13
# says "unrecognized command" for them too; the second line says what they are.
LATER_STATA_NOT_CARRIED = {
    name: f"({name} is a command of Stata 15 and later -- Bayesian estimation -- that mlm, which "
          "follows Stata 13, does not implement)"
    for name in ("bayes", "bayesstats", "bayestest", "bayesgraph", "bayespredict")
}


def closest(word: str, candidates, cutoff: float = 0.75) -> str | None:
    """The candidate most like ``word`` (difflib's ratio at least ``cutoff``), or None.
    Single letters and exact hits get no suggestion."""
    if len(word) < 2:
        return None
    pool = [c for c in dict.fromkeys(candidates) if c != word]
    hits = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return hits[0] if hits else None


def hint(word: str, candidates, template: str = "(did you mean {}?)") -> str:
    """The hint line for ``word`` ("" when nothing is close)."""
    best = closest(word, candidates)
    return "\n" + template.format(best) if best else ""
