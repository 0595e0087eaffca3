* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 69671315230 (a public GitHub .do file, a simulation of provider profiling by empirical Bayes; the index does not name the repository) (excerpt: the simulation, the melogit fit, its predictions and the rankability and shrinkage summaries; the 12-million-row probabilistic ranking and the figures left out)
* author: unknown
* licence: none stated
clear all
set seed 98765
local n_trusts = 120
local beta0 = -4.595
local beta_stage2 = 0.25
local beta_stage3 = 0.50
local beta_stage4 = 0.80
local beta_comorbid1 = 0.20
local beta_comorbid2 = 0.45
local beta_comorbid3 = 0.70
local tau = 0.35
set obs `n_trusts'
gen trust_id = _n
gen u_j_true = rnormal(0, `tau')
gen n_patients = floor(runiform(80, 351))
summarize n_patients
display _newline "text: " r(min) " to " r(max) " text"
expand n_patients
bysort trust_id: gen patient_id = _n
gen stage = ceil(runiform()*4)
gen comorbidity = min(floor(rpoisson(1)), 3)
gen xb = `beta0' + `beta_stage2'*(stage==2) + `beta_stage3'*(stage==3) + `beta_stage4'*(stage==4) + `beta_comorbid1'*(comorbidity==1) + `beta_comorbid2'*(comorbidity==2) + `beta_comorbid3'*(comorbidity==3) + u_j_true
gen p = invlogit(xb)
gen y = rbinomial(1, p)
display "text: " _N
melogit y i.stage i.comorbidity || trust_id:, nolog
scalar tau2_hat = _b[/:var(_cons[trust_id])]
predict u_eb, reffects reses(u_eb_se)
predict prob_adj_EB, fixedonly mu
predict linear_pred, fixedonly xb
summ linear_pred
scalar mean_xb = r(mean)
summ y
gen mean = r(mean)
scalar mean_xb = ln(mean / (1 - mean))
display mean_xb
gen logit_EB  = mean_xb + u_eb
gen p_EB    = invlogit(logit_EB)
gen p_EB_lo = invlogit(logit_EB - 1.96*u_eb_se)
gen p_EB_hi = invlogit(logit_EB + 1.96*u_eb_se)
gen pct_predicted = 100*p_EB
gen pct_ci_lower  = 100*p_EB_lo
gen pct_ci_upper  = 100*p_EB_hi
logit y i.stage i.comorbidity
predict p_exp, pr
collapse (sum) O=y E=p_exp (mean) u_eb u_eb_se logit_EB p_EB p_EB_lo p_EB_hi pct_predicted pct_ci_lower pct_ci_upper mean (count) n=y, by(trust_id)
gen ci_lower = u_eb - 1.96*u_eb_se
gen ci_upper = u_eb + 1.96*u_eb_se
gen outlier = (ci_lower > 0 | ci_upper < 0)
egen rank = rank(u_eb)
gen before_shrinkage_prop = O/E*mean
gen before_shrinkage = O/E*mean*100
display _newline "text"
display "text"
display "text"
display "text = " %6.2f tau2_hat
gen p_hat = O / n
replace p_hat = 0.001 if p_hat<=0.001
replace p_hat = 0.999 if p_hat>=0.999
gen s2_logit_raw = 1 / (n * p_hat * (1 - p_hat))
summ s2_logit_raw, detail
scalar med_s2_logit_raw = r(p50)
scalar R_raw = tau2_hat / (tau2_hat + med_s2_logit_raw)
summ O, meanonly
scalar Otot = r(sum)
summ n, meanonly
scalar Ntot = r(sum)
scalar pbar = Otot / Ntot
gen p_adj = pbar * (O / E)
replace p_adj = 0.001 if p_adj<=0.001
replace p_adj = 0.999 if p_adj>=0.999
gen s2_logit_adj = 1 / (n * p_adj * (1 - p_adj))
summ s2_logit_adj, detail
scalar med_s2_logit_adj = r(p50)
scalar R_adj = tau2_hat / (tau2_hat + med_s2_logit_adj)
display _newline "text"
display "text"
display "text"
display "text:"
display "  text = " %8.4f med_s2_logit_raw
display "  text = " %8.4f R_raw
display "  text = " %6.2f (100*R_raw)
display _newline "text:"
display "  text = " %8.4f pbar
display "  text = " %8.4f med_s2_logit_adj
display "  text = " %8.4f R_adj
display "  text = " %6.2f (100*R_adj)
scalar sigma2_const = 3.14159265^2 / 3
gen B_pi = tau2_hat / (tau2_hat + sigma2_const/n)
label variable B_pi "text"
summ B_pi, detail
scalar med_B_pi = r(p50)
display _newline "text"
display "text"
display "text"
display "  text = " %8.4f med_B_pi
display ""
display "  text = " %8.4f R_adj
