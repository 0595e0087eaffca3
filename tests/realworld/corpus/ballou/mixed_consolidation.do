* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 45753559064 (a public GitHub .do file, "Risk5_MixedREG" replication; the index does not name the repository)
* author: Ethan Ballou (paths in the file)
* licence: none stated
* data: AlphaGammaRaw.dta = alpha_gamma
use "/Users/someone/Documents/Data/Risk/AlphaGammaRaw.dta", clear
drop if missing(J) | missing(Q)
drop if missing(gam_fhwage0_A_)
drop if missing(alph_fhwage0_A_)
drop gam_fearn0_A_ alph_fearn0_A_
gen sumjkq = J + Q + 2
gen JQ=J*Q
gen JJQQp = (J*100) + Q
gen idyear=.
recast long idyear
replace idyear=100*personid+(year-1969)
ren gam_fhwage0_A_ GAMMA
mixed GAMMA sumjkq J ||  idyear: sumjkq, cov(unstructured) cluster(personid) var ltol(0.0001) matlog
estat recovar, corr
predict b*, reffects
gen new_gamma = GAMMA - sumjkq * (_b[sumjkq] + b1) - J * (_b[J])
areg new_gamma i.JJQQp, a(idyear)
predict res, r
gen SquaredRES = res^2
egen msr = mean(SquaredRES), by(JJQQp)
gen sqrtinvmsr = sqrt(1/msr)
egen sumsqrtinvmsr = sum(sqrtinvmsr), by(idyear)
gen wt = sqrtinvmsr/sumsqrtinvmsr
gen temp3 = wt * new_gamma
egen gammaP_WEIGHTED = sum(temp3), by(idyear)
drop temp3 sumsqrtinvmsr SquaredRES msr res J Q sumjkq JJQQp JplusQ GAMMA new_gamma JQ sqrtinvmsr wt
duplicates drop
save "/Users/someone/Documents/Data/Risk/Consolidated.dta", replace
