* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:grodri/grodri.github.io@645d26aa56bb629b863ea6baec8c559674b4ac0d multilevel/bangladesh.html (https://grodri.github.io/multilevel/bangladesh)
* author: Germán Rodríguez (Princeton, POP 510 Multilevel Models)
* licence: none stated
* data: bangladesh = shared:glmm/bangladesh.dta
webuse bangladesh, clear
desc
melogit c_use urban age child1 child2 child3 || district:
estimates store ri
mata exp(st_matrix("e(b)"))
predict xb, xb
statsby mle=_b[_cons], by(district) saving(ml,replace): logit c_use, offset(xb)
merge m:1 district using ml
estimates restore ri
predict re, ref
bysort district: gen first=_n==1
scatter re mle if first || function y=x, range(-1 1) ,title(T) xtitle(X) ytitle(Y) legend(off)
graph export g1.png, width(500) replace
egen ni = count(1), by(district)
egen pi = mean(c_use), by(district)
list district ni pi mle re if first & mle < -1, clean
list district ni pi mle re if first & ni < 15 & mle > -1, clean
di invlogit(_b[_cons] + _b[child1])
di invlogit(_b[_cons] + _b[child1] + _b[urban])
mat list e(b)
mata
gh = _gauss_hermite_nodes(12)'
gh[,1] = gh[, 1] :* sqrt(2)
gh[,2] = gh[, 2] :/ sqrt(pi())
b = st_matrix("e(b)")
sig = exp(b[7])
u = r = 0
for (i=1; i <= 12; i++) {
r = r + invlogit(b[6] + b[3] + sig*gh[i,1]) * gh[i,2]
u = u + invlogit(b[6] + b[3] + sig*gh[i,1] + b[1]) * gh[i,2]
}
r, u
end
melogit c_use urban age child1 child2 child3 || district: urban, covariance(unstructured)
mata exp(st_matrix("e(b)")[1])
predict rs ri, reffects
scatter rs ri, title(T) xtitle(X) ytitle(Y)
graph export g2.png, width(500) replace
