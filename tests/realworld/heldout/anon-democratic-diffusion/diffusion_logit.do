* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 8808268175 (a public GitHub .do file, replication materials of a Comparative Political Studies article rethinking democratic diffusion: a country-year file of autocratic regimes and democratic transitions with spatial lags of breakdowns among similar regimes and geographic neighbours; corr, logit ... , cluster(cowcode) with SPost's fitstat after each model, Clarify's estsimp/setx mean/setx (varlist) 0/simqi, genpr() prval(1) inside a qui foreach of numlist with sum, meanonly, _pctile ..., p(2.5 97.5) and replace ... in `b', grstyle init/set/color/anglestyle/linewidth/yesno/linepattern, twoway rcap || scatter, hist ..., percent fysize() barwidth(), graph combine ..., xcommon note(), quietly logit + SPost9's prvalue, x() rest(mean) save/diff with display arithmetic, tab ... if e(sample), m, sum ... if e(sample), det, xtset cowcode year and xtserial, logit with i.year and testparm i(1962/2010).year, clear mata/matrix, spatwmat using a weights file and spatreg ..., weights() eigenval() model(lag) on a second data set; titles, notes and legend text replaced; the index does not name the repository)
* author: unknown
* licence: none stated
* data: RDD_CPS_replication = democratic_diffusion_cy
* data: RDD_SAR_replication = democratic_diffusion_sar
use "RDD_CPS_replication", clear
corr geog_cont_aut_fail_lag regime_aut_fail_lag
logit gwf_fail geog_cont_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_lag interaction_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
set seed 135798642
estsimp logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
foreach v in x mn lo hi {
	gen `v' = .
}
local b = 1
setx mean
setx (intrastate_war_1000_robust inter_state_war former_anglo_colony regime_aut_fail_lag) 0
qui foreach x of numlist 0(1)6 {
	setx regime_aut_fail_lag `x'
	simqi, genpr(pr) prval(1)
	sum pr, meanonly
	local mn = r(mean)
	replace mn = `mn' in `b'
	_pctile pr, p(2.5 97.5)
	local lo = r(r1)
	local hi = r(r2)
	replace lo = `lo' in `b'
	replace hi = `hi' in `b'
	replace x = `x' in `b'
	drop pr
	local b = `b' + 1
}
set scheme s2color
grstyle init
grstyle set noextend
grstyle color background white
grstyle anglestyle vertical_tick horizontal
grstyle color major_grid gray
grstyle linewidth major_grid thin
grstyle yesno grid_draw_min yes
grstyle yesno grid_draw_max yes
grstyle linepattern major_grid dot
twoway rcap hi lo x, lstyle(ci) || scatter mn x, mstyle(p1) ytitle("Y") xtitle("{it:X}") xlabel(0(1)6) legend(position(6) order(1 "A" 2 "B") cols(2)) name(twoway, replace)
hist regime_aut_fail_lag, percent xtitle("{it:X}") xlabel(0(1)6) fysize(30) barwidth(0.5) ytitle("Y") title("T") name(hist, replace)
graph combine twoway hist, cols(1) xcommon note("{it:N}: text." "More text.", size(small))
foreach v in x mn lo hi {
	drop `v'
}
quietly logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
qui prvalue, x(regime_aut_fail_lag=1 intrastate_war_1000_robust=0 inter_state_war=0 former_anglo_colony=0) rest(mean) save
prvalue, x(regime_aut_fail_lag=3 intrastate_war_1000_robust=0 inter_state_war=0 former_anglo_colony=0) rest(mean) diff
di (.0162/.0376)*100
qui prvalue, x(regime_aut_fail_lag=1 intrastate_war_1000_robust=0 inter_state_war=0 former_anglo_colony=0) rest(mean) save
prvalue, x(regime_aut_fail_lag=6 intrastate_war_1000_robust=0 inter_state_war=0 former_anglo_colony=0) rest(mean) diff
di (.0531/.0376)*100
qui prvalue, x(geog_cont_aut_fail_lag=0 intrastate_war_1000_robust=0 inter_state_war=0 former_anglo_colony=0) rest(mean) save
prvalue, x(geog_cont_aut_fail_lag=1 intrastate_war_1000_robust=0 inter_state_war=0 former_anglo_colony=0) rest(mean) diff
di (.0021/.0375)*100
qui prvalue, x(geog_cont_aut_fail_lag=0 intrastate_war_1000_robust=0 inter_state_war=0 former_anglo_colony=0) rest(mean) save
prvalue, x(geog_cont_aut_fail_lag=2 intrastate_war_1000_robust=0 inter_state_war=0 former_anglo_colony=0) rest(mean) diff
di (.0044/.0375)*100
logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
tab regime_aut_fail_lag if e(sample), m
logit democratization geog_cont_trans_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit democratization regime_trans_lag geog_cont_trans_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit democratization regime_trans_lag geog_cont_trans_lag interaction_dem_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
quietly logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum gwf_fail regime_aut_fail_lag geog_cont_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity if e(sample), det
tab gwf_fail if e(sample), m
tab intrastate_war_1000_robust if e(sample), m
tab inter_state_war if e(sample), m
tab former_anglo_colony if e(sample), m
quietly logit democratization regime_trans_lag geog_cont_trans_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum democratization regime_trans_lag geog_cont_trans_lag if e(sample), det
tab democratization if e(sample), m
quietly logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_150_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum geog_cont_aut_fail_150_lag if e(sample), det
quietly logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_400_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum geog_cont_aut_fail_400_lag if e(sample), det
quietly logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_lag gwf_duration log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum gwf_duration if e(sample), det
quietly logit democratization regime_trans_lag geog_150_trans_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum geog_150_trans_lag if e(sample), det
quietly logit democratization regime_trans_lag geog_400_trans_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum geog_400_trans_lag if e(sample), det
quietly logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_lag interaction_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum interaction_aut_fail_lag if e(sample), det
quietly logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_150_lag interaction_aut_fail_150_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum interaction_aut_fail_150_lag if e(sample), det
quietly logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_400_lag interaction_aut_fail_400_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum interaction_aut_fail_400_lag if e(sample), det
quietly logit democratization regime_trans_lag geog_cont_trans_lag interaction_dem_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum interaction_dem_lag if e(sample), det
quietly logit democratization regime_trans_lag geog_150_trans_lag interaction_dem_150_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum interaction_dem_150_lag if e(sample), det
quietly logit democratization regime_trans_lag geog_400_trans_lag interaction_dem_400_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
sum interaction_dem_400_lag if e(sample), det
xtset cowcode year
xtserial gwf_fail regime_aut_fail_lag geog_cont_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity
xtserial democratization regime_trans_lag geog_cont_trans_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity
logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_150_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_400_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit democratization regime_trans_lag geog_150_trans_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit democratization regime_trans_lag geog_400_trans_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit gwf_fail regime_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit democratization regime_trans_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_lag gwf_duration log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit democratization regime_trans_lag geog_cont_trans_lag gwf_duration log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity i.year, cluster(cowcode)
fitstat
testparm i(1962/2010).year
logit democratization regime_trans_lag geog_cont_trans_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity i.year, cluster(cowcode)
fitstat
testparm i(1962/2010).year
clear
clear mata
clear matrix
spatwmat using "W", name(W) eigenval(E)
use "RDD_SAR_replication", clear
spatreg polity2 regime_aut_fail_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, weights(W) eigenval(E) model(lag)
use "RDD_CPS_replication", clear
logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_150_lag interaction_aut_fail_150_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit gwf_fail regime_aut_fail_lag geog_cont_aut_fail_400_lag interaction_aut_fail_400_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit democratization regime_trans_lag geog_150_trans_lag interaction_dem_150_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
logit democratization regime_trans_lag geog_400_trans_lag interaction_dem_400_lag log_development growth intrastate_war_1000_robust inter_state_war former_anglo_colony mean_polity, cluster(cowcode)
fitstat
