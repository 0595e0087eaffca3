"""“Did you mean …?”: the closest valid names to a mistyped one, and the Stata commands mlm
does not implement (so a user learns that ``sem`` is missing, not mistyped).

The hint is a second line under Stata's own message; the return code stays Stata's."""
from __future__ import annotations

import difflib

# Stata 13's official commands (the command index of its manuals: [R], [D], [G], [P], [TS],
# [XT], [ST], [SVY], [MI], [MV], [SEM], [PSS], [TE], [ME], [FN] aside) that mlm may lack.
# Checked against the registry at run time: a command mlm implements drops out of this list,
# and an unknown word that is in it gets "X is a Stata command that mlm does not implement".
STATA_COMMANDS_NOT_IMPLEMENTED = frozenset("""
sem gsem irt mim svy svyset svydescribe svymarkout stset stcox streg stcurve stdescribe
stsplit stjoin stfill stgen stvary stbase stci stir strate stptime stmh stmc stsum sttocc sttoct
stpower stcrreg stteffects stphplot stcoxkm estat ltable snapspan cttost ct ctset
ivreg2 ivprobit ivtobit ivpoisson xtabond xtdpd xtdpdsys xthtaylor
xtfrontier xtnbreg xttobit xtprobit xtologit xtoprobit xtpoisson
xtlogit xtregar xtunitroot xtmelogit xtmepoisson xtmixed xtline xtdescribe xtsum
xttab xttrans xtgee xtreg xtile tobit intreg biprobit mprobit
mlogit asclogit asmprobit asroprobit nlogit nlogitgen nlogittree rologit slogit
gmm nl nlsur arima arch arfima dfactor dfgls dfuller pperron corrgram ac
pac pergram cumsp wntestb wntestq prais sureg reg3 mvreg manova manovatest
factormat pcamat rotatemat cluster clustermat canon discrim candisc logistic mds
mdsmat mdslong ca camat mca biplot procrustes scoreplot loadingplot teffects bayesmh
power sampsi permute simulate fracreg betareg hetprob
scobit glogit blogit gprobit bprobit qreg sqreg iqreg bsqreg rreg gllamm runmlwin mixlogit
meqrlogit meqrpoisson mecloglog meglm melogit menbreg meologit meoprobit mepoisson meprobit
mixed var svar vec varbasic varsoc varstable varwle varlmar varnorm vargranger varfcast vecrank
veclmar vecnorm vecstable irf fcast sspace dvech dcc mgarch tsfilter tssmooth tsline tsrline ucm
rolling forecast lpoly lowess kdensity kwallis ranksum signrank
spearman ktau tetrachoric polychoric symmetry
epitab dstdize istdize binreg glm eivreg exlogistic expoisson boxcox constraint lroc
lsens szroter
icc inequality ineqdeco
ttest ttesti oneway loneway anova ancova pkcross pkequiv pkexamine pkshape pksumm
pkcollapse serrbar shewhart cchart pchart rchart xchart cusum qc pnorm qnorm pchi qchi qqplot
quantile symplot ladder gladder qladder gsort dotplot spikeplot histogram graph twoway
graph7 gr7 gph collapse contract cross destring tostring decode encode egen expand fillin
ipolate joinby merge append reshape separate split statsby mvencode mvdecode recode
rename order sample clonevar compress checksum codebook compare corr2data count datasignature
describe drawnorm duplicates edit browse erase filefilter format hexdump icd9 icd9p infile infix
input insheet inspect isid labelbook list lookfor memory mkdir notes odbc outfile outsheet
pctile range recast rmdir save sort sysuse type use varmanage webuse xmlsave xmluse zipfile
import export putexcel putmata mata ml nlcom predictnl testnl margins marginsplot contrast
pwcompare pwmean lincom test testparm hausman lrtest estimates mkspline fp fracpoly mfp
mvtest summarize tabstat table tabulate tab1 tab2 ssc net adoupdate update search
findit hsearch db dialog window menu mi misstable
_rmcoll _robust mkmat svmat makecns ereturn sreturn class classutil file fvexpand fvrevar fvset
levelsof plugin postfile post postclose serset signestimationsample tabdisp viewsource
which xi bootstrap jackknife brr sdr exlogistic cf datetime ds fdasave fdause haver javacall
netio notes odbc query rcof sretlist tsappend tsfill tsreport tsrevar tsunab zinb
bsample bstat mfx sunflower roccomp rocgold rocfit rocreg rocregplot lfit
logit_estat fracplot mvreg nptrend nbreg gnbreg truncreg clogit cloglog asclogit
""".split())


# Community (SSC) commands real do-files use that mlm does not carry, with what to use instead:
# a second line under Stata's "unrecognized command" (what Stata says when they are not installed).
COMMUNITY_NOT_CARRIED = {
    "asdoc": "(asdoc is an SSC package mlm does not carry: it writes Word tables; esttab or outreg2 "
             "using file.rtf write RTF tables of the same results)",
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
