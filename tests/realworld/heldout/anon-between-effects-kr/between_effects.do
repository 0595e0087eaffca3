* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 38809725929 (a public GitHub .do file, chapter 7 "between effects" of a Korean course on panel data in Stata: pooled OLS against xtreg, be, fitted values and their correlation, the between regression by hand from egen means on e(sample) and a tag, predict's xb/xbu/ue/u/e after xtreg, be, estimates store/restore and replay; the index does not name the repository)
* author: unknown
* licence: none stated
* data: P_data7_1.dta = nlswork_kr_between
cd "C:/x/data"
use P_data7_1.dta, clear
tsset id year
reg ln_wage ttl_exp tenure black
xtreg ln_wage ttl_exp tenure black, be
qui xtreg ln_wage ttl_exp tenure black, be
predict yhat
corr yhat ln_wage
di 0.3464^2
qui xtreg ln_wage ttl_exp tenure black, be
by id, sort: egen float wage_mean = mean(ln_wage) if e(sample)==1
by id, sort: egen float ttlexp_mean = mean(ttl_exp) if e(sample)==1
by id, sort: egen float tenure_mean = mean(tenure) if e(sample)==1
by id, sort: egen float black_mean = mean(black) if e(sample)==1
egen byte tag1 = tag(id) if e(sample)==1
reg wage_mean ttlexp_mean tenure_mean black_mean if tag1==1
tsset id year
qui xtreg ln_wage ttl_exp tenure black, be
* mlm-expect: r(110)
predict yhat, xb
predict xb1, xbu
predict res1, ue
predict res2, u
predict res3, e
list ln_wage yhat xb1 res1 res2 res3 in 1/10
qui xtreg ln_wage ttl_exp tenure black, be
estimates
qui xtreg ln_wage ttl_exp tenure black, be
estimates store BE_model
qui reg ln_wage ttl_exp tenure black
estimates store OLS_model
estimates restore BE_model
estimates
