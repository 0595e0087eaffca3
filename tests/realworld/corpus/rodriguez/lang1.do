* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:grodri/grodri.github.io@645d26aa56bb629b863ea6baec8c559674b4ac0d multilevel/lang1.html (Stata commands of the page, https://grodri.github.io/multilevel/lang1)
* author: Germán Rodríguez (Princeton, POP 510 Multilevel Models)
* licence: none stated
* data: https://grodri.github.io/datasets/snijders = shared:grodri/snijders.dta
use https://grodri.github.io/datasets/snijders, clear
sum langpost
scalar om = r(mean)
bysort schoolnr: gen sn = _N
by schoolnr: gen first = _n == 1
sum sn if first
xtreg langpost, i(schoolnr) mle
egen sm = mean(langpost), by(schoolnr)
quietly sum sm [fw=sn] if first
di r(mean)
quietly sum sm if first
di r(mean)
gen sw  = 1/(_b[/sigma_u]^2+_b[/sigma_e]^2/sn)
quietly sum sm [aw=sw] if first
di r(mean)
gen R = _b[/sigma_u]^2/(_b[/sigma_u]^2 + _b[/sigma_e]^2/sn)
gen ahat = R*(sm-_b[_cons])
gen alphahat = sm - om
scatter ahat alphahat, title(T1) xtitle(X) ytitle(Y)
graph export g1.png, width(500) replace
xtmixed langpost || schoolnr: , mle
predict ahat2, reffects
list schoolnr ahat ahat2 if first & schoolnr < 16
