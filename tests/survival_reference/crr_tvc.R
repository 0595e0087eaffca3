# Reference values for stcrreg's tvc()/texp() (tests/test_survival_stcrreg_tvc.py): R's
# cmprsk::crr with cov2 and tf -- the tvc columns times tf(t) at each unique failure time, for
# every member of the risk set (competing-failed subjects too) -- on MASS's Melanoma data
# (tests/survival_reference/melanoma.csv; status 1 melanoma death, 2 alive, 3 other death).
# Run from the worktree root: Rscript tests/survival_reference/crr_tvc.R > tests/survival_reference/crr_tvc.json
library(cmprsk)
d <- read.csv("tests/survival_reference/melanoma.csv")
out <- list()
put <- function(name, f) {
  out[[name]] <<- list(b = unname(f$coef), se = unname(sqrt(diag(f$var))), ll = f$loglik,
                       times = unname(f$uftime), basecsh = unname(cumsum(f$bfitj)), converged = f$converged)
}
# stcrreg age sex, compete(status==3) tvc(thickness)       (texp(_t))
put("t", crr(d$time, d$status, cbind(age = d$age, sex = d$sex), cov2 = cbind(thickness = d$thickness),
             tf = function(uft) cbind(uft), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100))
# stcrreg age thickness, compete(status==3) tvc(ulcer thickness) texp(ln(_t))
put("lnt", crr(d$time, d$status, cbind(age = d$age, thickness = d$thickness),
               cov2 = cbind(ulcer = d$ulcer, thickness = d$thickness),
               tf = function(uft) cbind(log(uft), log(uft)), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100))
# stcrreg, compete(status==3) tvc(sex) texp(_t/1000)      (the tvc equation alone)
put("only", crr(d$time, d$status, cov2 = cbind(sex = d$sex), tf = function(uft) cbind(uft / 1000),
                failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
