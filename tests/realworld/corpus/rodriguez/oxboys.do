* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:grodri/grodri.github.io@645d26aa56bb629b863ea6baec8c559674b4ac0d multilevel/oxboys.html (https://grodri.github.io/multilevel/oxboys)
* author: Germán Rodríguez (Princeton, POP 510 Multilevel Models)
* licence: none stated
* data: https://grodri.github.io/datasets/oxboys.dta = shared:grodri/oxboys.dta
use https://grodri.github.io/datasets/oxboys.dta, clear
twoway  line height age, connect(ascending) color(gs12) || scatter height age, color(black) legend(off) title(T) xt(X) yt(Y)
graph export g1.png, width(500) replace
gen sc = cos( _pi * seas / 6 )
mixed height age age2 age3 age4 sc || id: age age2 , mle covariance(unstructured)
mixed height age age2 age3 age4 sc || id: age age2 , mle covariance(unstructured) residuals(exponential, t(age))
predict fv, fitted
sort id age
local model _b[_cons] + _b[age]*x + _b[age2]+x^2 + _b[age3]*x^3 + _b[age4]*x^4
twoway function y = `model', range(-1 1) lw(thick) color(blue) || line fv age , connect(ascending) color(black) xt(X) yt(Y) legend(off) title(T)
graph export g2.png, width(500) replace
twoway function y = _b[sc] * cos(_pi * x/6), range(0.84 9.36) title(T) xt(X) yt(Y)
graph export g3.png, width(500) replace
scalar rho = invlogit(_b[r_logitr1:_cons])
scalar gamma = -log(rho)
mata exp(-st_numscalar("gamma"):*(0.25,.50,.75))
twoway function y=exp(-6.907647*x/12), range(0 12) title(T) yt("r(t)") xt(X) xlab(0(3)12)
graph export g4.png, width(500) replace
estat recov
mata:
V = st_matrix("r(cov)")
b = st_matrix("e(b)")
s2e = exp(2*b[13])
rho = invlogit(b[14])^0.25
E =  (s2e, s2e * rho \ s2e * rho, s2e)
Z = J(3,2,0)
V = V, Z \ Z', E
C = (-1, 1, 1, 1, 0 \ -0.75, 0.75^2, 1, 0, 1)
A = C * V * C'
D = diag(1:/sqrt(diagonal(A)))
D * A * D
end
quietly xtmixed height age age2 age3 age4 sc, mle
estimates store ols
quietly xtmixed height age age2 age3 age4 sc || id: , mle
estimates store ri
lrtest ols .
quietly xtmixed height age age2 age3 age4 sc || id: age , mle covariance(unstructured)
estimates store rs
lrtest ri .
quietly xtmixed height age age2 age3 age4 sc || id: age age2 , mle covariance(unstructured)
estimates store rq
lrtest rs .
quietly xtmixed height age age2 age3 age4 sc || id: age age2 , mle covariance(unstructured) residuals(exponential, t(age))
lrtest rq .
