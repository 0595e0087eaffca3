* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:grodri/grodri.github.io@645d26aa56bb629b863ea6baec8c559674b4ac0d multilevel/hospmle.html (https://grodri.github.io/multilevel/hospmle)
* author: Germán Rodríguez (Princeton, POP 510 Multilevel Models)
* licence: none stated
* data: https://grodri.github.io/datasets/hospital.dat = hospital
infile hosp loginc distance dropout college mother using https://grodri.github.io/datasets/hospital.dat, clear
xtlogit hosp loginc distance dropout college, i(mother) re
estimates store xt
melogit hosp loginc distance dropout college || mother:, intpoints(12)
estimates store me
estimates table xt me
estimates restore xt
scalar v2 = exp(_b[/lnsig2u])
di v2/(v2 + _pi^2/3)
xtrho
egen first = tag(mother)
quietly sum dist if first
scalar mdist = r(mean)
quietly sum loginc if first
scalar mloginc = r(mean)
di mdist, mloginc
scalar xb = _b[_cons] + _b[loginc] * mloginc + _b[dist] * mdist
scalar sigma = exp(_b[/lnsig2u]/2)
scalar bcollege = _b[college]
mata:
xb = st_numscalar("xb")
sigma = st_numscalar("sigma")
b = st_numscalar("bcollege")
gh = _gauss_hermite_nodes(12)'
gh[,1] = gh[, 1] :* sqrt(2)
gh[,2] = gh[, 2] :/ sqrt(pi())
p1 = sum( invlogit(xb :+ b :+ gh[,1] :* sigma) :* gh[,2])
p0 = sum( invlogit(xb      :+ gh[,1] :* sigma) :* gh[,2])
(p1/(1-p1))/(p0/(1-p0))
end
