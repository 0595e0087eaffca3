* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 19943744767 (a public GitHub .do file of a course week on random-slopes models in Stata 15 with European Social Survey data -- hedonism of respondents in countries: egen mean centring, mixed hed || country:, ml variance, estimates store vc/ri/rs, estimates table vc ri rs, lrtest ri rs, random slopes with covariance(unstructured) / cov(uns), predict r1 lev2, reffects, predict lev1, resid, _b[_cons] + effects, bysort ... gen tolist = _n==1 and list if, graph dot (mean) ..., over(country, gap(country) sort()) cw linetype(line), kdensity ..., normal, pnorm, qnorm, estat recov, corr, egen tag(), scatter with yline/xline, predict fitted; the file opens no data: the course's dataset is in memory when it starts; the index does not name the repository)
* author: unknown
* licence: none stated
* preload: ess_hedonism
egen age2 = mean(age)
gen centage = age - age2
egen meanincome = mean(income)
gen centincome = income - meanincome
egen meanedu = mean(eduyrs)
gen centedu = eduyrs - meanedu
mixed hed|| country:, ml variance
estimates store vc
mixed hed centage centincome centedu female || country: , ml variance
estimates store ri
mixed hed centage centincome centedu female || country: centincome , ml variance covariance(unstructured)
estimates store rs
estimates table vc ri rs
lrtest ri rs
mixed hed centage centincome centedu female || country: female , ml variance covariance(unstructured)
mixed hed centage centincome centedu female || country: centage, ml variance covariance(unstructured)
gen agesmall = age*0.01
egen meanagesmall=mean(agesmall)
gen agesmall2 = agesmall - meanagesmall
mixed hed agesmall2 centincome centedu female || country: agesmall2, ml variance covariance(unstructured)
mixed hed centage centincome centedu female || country: centedu, ml variance cov(uns)
mixed hed centage centincome centedu female || country: centage centincome, ml variance cov(uns)
mixed hed centage centincome centedu female || country: centincome, ml variance cov(uns)
mixed hed centage centincome centedu female || country: centincome, ml variance cov(uns)
predict r1 lev2, reffects
predict lev1, resid
sum r1 lev1 lev2
gen b0=_b[_cons] + r1 + lev2
bysort country: gen tolist = _n==1
list country b0 if tolist
graph dot (mean) b0, over(country, gap(country) sort(b0)) cw linetype(line) ytitle(text)
kdensity lev1, normal
pnorm lev1
qnorm lev1
kdensity lev2, normal
pnorm lev2
qnorm lev2
mixed hed centage centincome centedu female || country: centage, ml variance cov(uns)
predict res r2, reffects
gen b02=_b[_cons] + r2 + res
bysort country: gen tolist2 = _n==1
list country b02 if tolist2
graph dot (mean) b02, over(country, gap(country) sort(b02)) cw linetype(line) ytitle(text)
mixed hed centage centincome centedu female || country: centincome, ml variance cov(uns)
estat recov, corr
predict u1 u02, reffects
egen pickone=tag(country)
scatter u1 u02 if pickone==1, yline(0) xline(0) ytitle("text") xtitle("text")
predict predhed, fitted
mixed hed centage centincome centedu female || country: centincome female, ml variance cov(uns)
