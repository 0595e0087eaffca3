* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 36319147303 (a public GitHub .do file, a field-experiments class activity on Tennessee's STAR kindergarten data: balance checks with sum if, reg ... i.schid, vce(cluster schid) and test, set matsize, mvreg with test, a balance-plot program from an included file of the author's (not shipped), tab and the old table ..., c(mean ... freq) format() by(), xtset and xtreg fe vce(cluster) if, display 7*_b[], the author's stop line, xtmixed gkrank || schid:, var, egen mean() by(schid) and group-mean centring, browse, xtmixed || classid:, a random treatment slope with cov(un), cross-level products, tab schid, gen(s) and reg on s2-s79; the index does not name the repository)
* author: Vivian Wong (file header), 2014, revised 2017
* licence: none stated
* data: class_workingstar.dta = star_class_working
cd "/Users/author/field-experiments/week9"
use class_workingstar.dta, clear
describe
sum
sum k_female k_frl k_white k_black k_sped k_pullout tk_frl if t_smallclass == 1
sum k_female k_frl k_white k_black k_sped k_pullout tk_frl if t_smallclass == 0
reg t_smallclass k_female k_frl tk_frl k_white k_black k_sped k_pullout i.schid, vce(cluster schid)
test k_female k_frl tk_frl k_white k_black k_sped k_pullout
set matsize 1000
mvreg  k_female k_frl tk_frl k_white k_black k_sped k_pullout = t_smallclass i.schid
test t_smallclass
include "cov_balance_unwt.do"
local covariates k_female k_frl tk_frl k_white k_black k_sped k_pullout
ttest_cov_unwt, t(t_smallclass) c(`covariates') b(schid)
tab class_size t_smallclass
table t_smallclass, c(mean class_size freq) format(%9.1f)
tab actual_smallclass t_smallclass
tab attrit
tab attrit t_smallclass
table attrit, c(mean k_female mean k_frl mean tk_frl mean k_white freq) by(t_smallclass) format(%9.2f)
xtset schid
xtreg gkrank class_size if t_smallclass == 0, fe vce(cluster schid)
display 7*_b[class_size]
* mlm-expect: r(199)
stop
xtmixed gkrank || schid: , var
egen k_female_mean = mean(k_female), by(schid)
egen k_frl_mean = mean(k_frl), by(schid)
browse schid stdntid k_female_mean k_female k_frl_mean k_frl
xtmixed gkrank k_female_mean k_frl_mean || schid:   , var
gen c_frl = k_frl - k_frl_mean
gen c_female = k_female - k_female_mean
browse schid stdntid k_female_mean k_female c_female k_frl_mean k_frl c_frl
xtmixed gkrank c_frl c_female || schid: , var
xtmixed gkrank || classid: , var
xtmixed gkrank t_smallclass || classid: , var
xtmixed gkrank t_smallclass tk_frl || classid: , var
xtmixed gkrank t_smallclass tk_frl  c_female || classid: , var
xtmixed gkrank t_smallclass || schid: , var
xtmixed gkrank t_smallclass || schid: t_smallclass , var cov(un)
gen treat_innercity = t_smallclass*innercity
gen treat_suburban = t_smallclass*suburban
gen treat_urban = t_smallclass*urban
xtmixed gkrank t_smallclass innercity treat_innercity || schid:  t_smallclass, var cov(un)
tab schid, gen(s)
reg gkrank t_smallclass s2-s79
reg gkrank t_smallclass i.schid, vce(cluster schid)
xtset schid
xtreg gkrank t_smallclass, fe vce(cluster schid)
