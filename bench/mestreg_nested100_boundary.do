* nq100: a nested mestreg level whose variance goes to zero (sub: a coin flip within doctor), and
* the model without it -- the limit the boundary fit's other estimates and SEs should equal.
* usage (repo root): python3 -m mlmcli bench/mestreg_nested100_boundary.do
import delimited using tests/reference_values/mestreg_multilevel_sim.csv, clear
stset time, failure(fail)
set seed 12
gen sub = runiformint(1, 2)
mestreg x age || hosp: || doctor: || sub:, dist(exponential) intpoints(3)
mestreg x age || hosp: || doctor:, dist(exponential) intpoints(3)
