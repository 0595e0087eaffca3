* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 41281012374 (a public GitHub .do file, a course project on intergenerational coresidence of adult children and their parents in five survey waves: capture log close, log using, import delimited, keep if, xtdes with i() and t() (the only panel declaration), tabulate ..., generate() for wave and state dummies, string-to-numeric by real(), globals of regressors and of their time means (by ...: egen mean() in a foreach), pooled probit, cluster-robust probit, random-effects xtprobit with and without vce(cluster), Chamberlain (Mundlak) xtprobit with the time means, test of the wave dummies and of the means, predict ..., pr and pu0 with a threshold classification and tab, margins, dydx(*) atmeans post and margins, dydx(*) post, est store, est table, quietly refits, eststo ...: quietly and eststo ...: margins, esttab using .csv ..., varwidth(30) se; the index does not name the repository)
* author: unknown
* licence: none stated
* data: analysis_sample_5655_v2.csv = psid_coresidence
capture log close
log using statalog_5655_nonlinreg_notables_v2.log, replace
import delimited "analysis_sample_5655_v2.csv"
keep if num_waves == 5
xtdes, i(g1_id) t(wave)
tabulate wave, generate(d)
tabulate g1_state, generate(s)
gen tmp = fmhpi
drop fmhpi
gen fmhpi = real(tmp)
drop tmp
gen tmp = state_ur
drop state_ur
gen state_ur = real(tmp)
drop tmp
gen g0_transfer_inc1000 = g0_transfer_inc/1000
gen g1_child_exp1000 = g1_child_exp/1000
global allvars g0_m_married g0_m_employed g0_max_age g1_kid1_fu g1_kid2_fu g1_child_exp1000 g1_emphealth g1_pubhealth g1_job_search g1_some_coll g0_emphealth g0_medicare g0_own g0_pension g0_d_retired g0_transfer_inc1000 state_ur
sort g1_id wave
global vars1bar
foreach v in $allvars{
by g1_id: egen `v'bar = mean(`v')
}
global allvarsbar g0_m_marriedbar g0_m_employedbar g0_max_agebar g1_kid1_fubar g1_kid2_fubar g1_child_exp1000bar g1_emphealthbar g1_pubhealthbar g1_job_searchbar g1_some_collbar g0_emphealthbar g0_medicarebar g0_ownbar g0_pensionbar g0_d_retiredbar g0_transfer_inc1000bar state_urbar
global vars1 g0_m_married g0_medicare g1_kid1_fu g0_own g1_emphealth state_ur g0_transfer_inc1000 g1_job_search d2 d3 d4 d5
global vars1bar g0_m_marriedbar g0_medicarebar g1_kid1_fubar g0_ownbar g1_emphealthbar state_urbar g0_transfer_inc1000bar g1_job_searchbar
probit cores $vars1, nolog
test d2 d3 d4 d5
est store pprob1
predict prob1hat, pr
egen prob1hat_mean = mean(prob1hat)
gen prob1hat_bern = (prob1hat >= prob1hat_mean)
tab cores prob1hat_bern
margins, dydx(*) atmeans post
est store PEA_prob1
quietly probit cores $vars1, nolog
margins, dydx(*) post
est store APE_prob1
est table PEA_prob1 APE_prob1
probit cores $vars1, vce(cluster g1_id) nolog
test d2 d3 d4 d5
est store pprob1hac
margins, dydx(*) atmeans post
est store PEA_prob1hac
quietly probit cores $vars1, vce(cluster g1_id) nolog
margins, dydx(*) post
est store APE_prob1hac
est table PEA_prob1hac APE_prob1hac
est table pprob1 pprob1hac
xtprobit cores $vars1, re nolog
test d2 d3 d4 d5
est store pprob1re
predict reprob1hat, pu0
egen reprob1hat_mean = mean(reprob1hat)
gen reprob1hat_bern = (reprob1hat >= reprob1hat_mean)
tab cores reprob1hat_bern
margins, dydx(*) atmeans post
est store PEA_prob1re
quietly xtprobit cores $vars1, re nolog
margins, dydx(*) post
est store APE_prob1re
est table PEA_prob1re APE_prob1re
xtprobit cores $vars1, re vce(cluster g1_id) nolog
test d2 d3 d4 d5
est store pprob1rehac
margins, dydx(*) atmeans post
est store PEA_prob1rehac
quietly xtprobit cores $vars1, re vce(cluster g1_id) nolog
margins, dydx(*) post
est store APE_prob1rehac
est table PEA_prob1rehac APE_prob1rehac
est table pprob1re pprob1rehac
xtprobit cores $vars1 $vars1bar, re nolog
test d2 d3 d4 d5
est store chamb1
predict chamb1hat, pu0
egen chamb1hat_mean = mean(chamb1hat)
gen chamb1hat_bern = (chamb1hat >= chamb1hat_mean)
tab cores chamb1hat_bern
quietly xtprobit cores $vars1 $vars1bar, re nolog
margins, dydx(*) atmeans post
est store PEA_chamb1
quietly xtprobit cores $vars1 $vars1bar, re nolog
margins, dydx(*) post
est store APE_chamb1
est table PEA_chamb1 APE_chamb1
test $vars1bar
xtprobit cores $vars1 $vars1bar, re vce(cluster g1_id) nolog
test d2 d3 d4 d5
est store chamb1hac
predict chamb1hachat, pu0
gen chamb1hachat_bern = (chamb1hachat >= .1)
tab cores chamb1hachat_bern
quietly xtprobit cores $vars1 $vars1bar, re vce(cluster g1_id) nolog
margins, dydx(*) atmeans post
est store PEA_chamb1hac
quietly xtprobit cores $vars1 $vars1bar, re vce(cluster g1_id) nolog
margins, dydx(*) post
est store APE_chamb1hac
est table PEA_chamb1hac APE_chamb1hac
test $vars1bar
eststo est1: quietly probit cores $vars1
eststo m1: margins, dydx(*) atmeans post
eststo est2: quietly probit cores $vars1, vce(cluster g1_id)
eststo m2: margins, dydx(*) atmeans post
eststo est3: quietly xtprobit cores $vars1
eststo m3: margins, dydx(*) atmeans post
eststo est4: quietly xtprobit cores $vars1, vce(cluster g1_id)
eststo m4: margins, dydx(*) atmeans post
eststo est5: quietly xtprobit cores $vars1 $vars1bar
eststo m5: margins, dydx(*) atmeans post
eststo est6: quietly xtprobit cores $vars1 $vars1bar, vce(cluster g1_id)
eststo m6: margins, dydx(*) atmeans post
esttab est1 est2 est3 est4 est5 est6 using results_nonlinreg.csv, varwidth(30) se replace
esttab m1 m2 m3 m4 m5 m6 using results_nonlinreg_margins.csv, varwidth(30) se replace
log close
