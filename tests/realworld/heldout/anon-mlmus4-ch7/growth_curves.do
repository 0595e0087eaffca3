* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 3777086287 (a public GitHub .do file, the commands of chapter 7, "Growth-curve models", of Rabe-Hesketh & Skrondal's Multilevel and Longitudinal Modeling Using Stata, 4th edition: Asian children's weights -- label define/values, graph twoway line connect(ascending) by(gender), quadratic growth with mixed ... || id: age, cov(unstructured) mle stddeviations vce(robust) and with c.age##c.age random part, twoway function of _b[c.age#c.age], estat sd, variance post coeflegend, scalars from _b[id:var(age)] and _b[id:cov(age,_cons)], predict fitted, twoway ... by(id, compact), set obs beyond _N and mkspline knots, piecewise linear growth, predict xb on added rows, cross-level interaction, residuals(independent, by(gender)), lrtest rc ., force, separate random-effects equations for each gender (1.gender#c.age), then the reading data -- misstable patterns, graph box ascategory, sem growth curve with method(mlmv), predict latent, reshape long, xtdescribe, egen mean by(), mixed with residual(independent, by(grade)), predict xb and reffects; the same book as corpus/rabe-hesketh-skrondal (chapter 10) and heldout anon-mlmus4-ch6/ch14; the index does not name the repository)
* author: unknown (the book's chapter 7 examples)
* licence: none stated
* data: https://www.stata-press.com/data/mlmus4/asian = mlmus_asian
* data: https://www.stata-press.com/data/mlmus4/reading = mlmus_reading
use https://www.stata-press.com/data/mlmus4/asian, clear
label define g 1 "Label A" 2 "Label B"
label values gender g
sort id age
graph twoway (line weight age, connect(ascending)), by(gender) xtitle(Text) ytitle(Text)
mixed weight i.gender age c.age#c.age || id: age, covariance(unstructured) mle stddeviations vce(robust)
estimates store rc
mixed weight i.gender c.age##c.age || id: c.age##c.age, covariance(unstructured) mle stddeviations vce(robust)
estimates restore rc
twoway (function Weight=_b[_cons]+_b[age]*x+_b[c.age#c.age]*x^2,  range(0.1 2.6)), xtitle(Text) ytitle(Text)     yscale(range(0 20)) ylab(0(5)20)
estat sd, variance post coeflegend
scalar var_s = _b[id:var(age)]      
scalar var_i = _b[id:var(_cons)]    
scalar cov = _b[id:cov(age,_cons)]
estimates restore rc
twoway (function Weight=_b[_cons]+_b[age]*x+_b[c.age#c.age]*x^2,          range(0.1 2.6) lwidth(medium))                                    (function upper=_b[_cons]+_b[age]*x+_b[c.age#c.age]*x^2           +1.96*sqrt(var_i+2*cov*x+var_s*x^2), range(0.1 2.6) lpatt(dash))  (function lower=_b[_cons]+_b[age]*x+_b[c.age#c.age]*x^2           -1.96*sqrt(var_i+2*cov*x+var_s*x^2), range(0.1 2.6) lpatt(dash)), legend(order(1 "Label A" 2 "Label B")) xtitle(Text)        ytitle(Text) yscale(range(0 20)) ylab(0(5)20)
predict traj, fitted
twoway (scatter weight age) (line traj age, sort) if gender==1, by(id, compact legend(off))
disp _N
set obs 201
replace age = 0.4 in 199
replace age = 0.9 in 200
replace age = 1.5 in 201
mkspline ages1 .4 ages2 .9 ages3 1.5 ages4 = age
twoway (line ages1 age, sort) (line ages2 age, sort)     (line ages3 age, sort) (line ages4 age, sort),    xscale(range(0 2.5)) xlabel(0 .4 .9 1.5)
mixed weight i.gender ages1 ages2 ages3 ages4 || id: age, covariance(unstructured) mle stddeviations vce(robust)
replace gender = 1 in 199/201
predict mean, xb
estimates store piecewise
quietly estat sd, variance post
scalar var_s = _b[id:var(age)]
scalar var_i = _b[id:var(_cons)]
scalar cov = _b[id:cov(age,_cons)]
estimates restore piecewise
generate upper = mean + 1.96*sqrt(var_i+2*cov*age+var_s*age^2) 
generate lower = mean - 1.96*sqrt(var_i+2*cov*age+var_s*age^2) 
twoway (line mean age, sort lwidth(medium)) (line lower age, sort lpatt(dash)) (line upper age, sort lpatt(dash)) if gender==2, legend(order(1 "Label A" 2 "Label B")) xtitle(Text) ytitle(Text) xtick(.4 .9 1.5, grid) ylabel(,nogrid) yscale(range(0 20)) ylab(0(5)20)
mixed weight i.gender age c.age#i.gender c.age#c.age || id: age, covariance(unstructured) mle stddeviations vce(robust)
mixed weight i.gender age c.age#c.age || id: age, covariance(unstructured) mle residuals(independent, by(gender)) stddeviations vce(robust)
lrtest rc ., force
mixed weight i.gender age c.age#c.age || id: 1.gender#c.age 1.gender, noconstant covariance(unstructured) || id: 2.gender#c.age 2.gender, noconstant covariance(unstructured) mle stddeviations vce(robust)
lrtest rc ., force
use https://www.stata-press.com/data/mlmus4/reading, clear
misstable patterns read*
graph box read0 read1 read2 read3, ascategory intensity(0) medtype(line)
sem (read0 <- L1@1 L2@0 ) (read1 <- L1@1 L2@1 ) (read2 <- L1@1 L2@2 ) (read3 <- L1@1 L2@3 ) , means(L1 L2) noconstant method(mlmv) vce(robust)
predict l1 l2, latent
reshape long read math age, i(id) j(grade)
quietly xtset id grade
drop if missing(read)
xtdescribe 
egen mn_read = mean(read), by(grade)
twoway (connected mn_read grade, sort), xtitle(Text) ytitle(Text)
mixed read grade || id: grade, covariance(unstructured) mle residual(independent, by(grade)) vce(robust)
predict fixed, xb
twoway (connected mn_read grade, sort lpatt(solid)) (connected fixed grade, sort lpatt(dash)), xtitle(Text) ytitle(Text) legend(order(1 "Label A" 2 "Label B"))
predict zeta2 zeta1, reffects
generate eta1 = _b[_cons] + zeta1
generate eta2 = _b[grade] + zeta2
