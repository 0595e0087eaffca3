* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 14331353760 (a public GitHub .do file; the index does not name the repository)
* author: unknown
* licence: none stated
* data: ../data/hsb_selected.dta = hsb_mlmus
use "../data/hsb_selected.dta", clear
egen pickone = tag(schoolid)
di _N
mixed mathach ses || schoolid:, reml stddev
mixed mathach ses || schoolid:, ml stddev
bysort sector: summarize mathach
graph box mathach, over(sector)
mixed mathach ses sector || schoolid:, reml stddev
mixed mathach ses sector || schoolid:, ml stddev
summarize size
gen c_size = (size - r(mean)) / 100
mixed mathach ses sector c_size || schoolid:, reml stddev
mixed mathach ses sector c_size || schoolid:, ml stddev
mixed mathach ses i.sector##c.c_size || schoolid:, reml stddev
mixed mathach ses i.sector##c.c_size || schoolid:, ml stddev
mixed mathach ses i.sector##c.c_size female minority || schoolid:, reml stddev
tabulate sector minority, chi2 column nokey
tabulate sector female, chi2 column nokey
mixed mathach ses i.sector##c.c_size i.sector##i.female minority || schoolid:, reml stddev
mixed mathach ses i.sector##c.c_size i.sector##i.minority female || schoolid:, reml stddev
mixed mathach ses i.sector##c.c_size female minority || schoolid:, reml stddev
predict uhat_eb, reffects reses(uhat_eb_se)
predict ehat, rstandard
browse
bysort schoolid: gen n_child = _N
gen R = 1.481716^2 / (1.481716^2 + 5.980756^2 / n_child)
gen var_sig_uj = R * 1.481716^2
gen uhat_eb_std = uhat_eb / sqrt(var_sig_uj)
summarize ehat
hist ehat
qnorm ehat
summarize uhat_eb_std if pickone
hist uhat_eb_std if pickone
qnorm uhat_eb_std if pickone
list schoolid if pickone == 1 & abs(uhat_eb_std) > 2, noobs
egen mean_ses = mean(ses), by(schoolid)
gen diff_ses = ses - mean_ses
mixed mathach ses || schoolid:, reml stddev
mixed mathach mean_ses diff_ses || schoolid:, reml stddev
test mean_ses == diff_ses
