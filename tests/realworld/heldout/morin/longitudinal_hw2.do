* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 33552340045 (a public GitHub .do file, homework 2 of a longitudinal-data course (PHP 2516): a calcium-supplement trial's bone density read with import delimited, xtset, xtdescribe, xtline spaghetti plots, a response-profile model mixed bmd visit##tx with no random effects and an unstructured residual covariance, hand-made interactions and estimates stats over nested models, residual structures compared (unstructured, exchangeable, ar 1, ar 3, toeplitz 1 and 3), then a CD4 panel with rounded weeks, exchangeable/ar 1/toeplitz residuals, random slopes on week, week squared and age, xb and fit predictions and #delimit ; twoway overlays of fitted trajectories, two of them closed with the author's #delimitcr; the index does not name the repository)
* author: Blain Morin (file header)
* licence: none stated
* data: C:\Users\x\hw2\calcium_allL.csv = calcium_long
* data: C:\Users\x\hw2\cd4.csv = cd4_long
import delimited C:\Users\x\hw2\calcium_allL.csv, clear
xtset person visit
xtdescribe
xtline bmd if person <= 108, overlay title(Plot)
graph box bmd, over(visit) box(1, fcolor(red)) by(group)
gen tx = 1 if group=="C"
replace tx=0 if group=="P"
label define tx 1 "A" 0 "B"
label values tx tx
mixed bmd visit##tx || person: , noconst residuals(unstructured, t(visit)) reml
estimate store model1
generate visit2 = visit^2
generate txvisit = tx * visit
generate txvisit2 = tx * visit2
generate txage = tx * age
mixed bmd visit visit2 tx age txvisit txvisit2 txage  || person: , noconst residuals(unstructured, t(visit)) reml nolog
estimate store model2
mixed bmd visit visit2 tx age txvisit txage  || person: , noconst residuals(unstructured, t(visit)) reml nolog
estimate store model3
mixed bmd visit tx age txvisit txage  || person: , noconst residuals(unstructured, t(visit)) reml nolog
estimate store model4
mixed bmd visit tx age txvisit  || person: , noconst residuals(unstructured, t(visit)) reml nolog
estimate store model5
estimates stats model1 model2 model3 model4 model5 
mixed bmd visit tx age txvisit || person: , noconst residuals(unstructured, t(visit)) reml nolog
estimate store unstr
mixed bmd visit tx age txvisit  || person: , noconst residuals(exchangeable, t(visit)) reml nolog
estimate store exch
mixed bmd visit tx age txvisit || person: , noconst residuals(ar 1, t(visit)) reml nolog
estimate store auto1
 mixed bmd visit tx age txvisit || person: , noconst residuals(ar 3, t(visit)) reml nolog
estimate store auto3
 mixed bmd visit tx age txvisit || person: , noconst residuals(toeplitz 1, t(visit)) reml nolog
estimate store toe1
 mixed bmd visit tx age txvisit || person: , noconst residuals(toeplitz 3, t(visit)) reml nolog
estimate store toe3
 mixed bmd visit tx age txvisit || person: , noconst residuals(toeplitz 3, t(visit)) reml nolog
estimate store toe4
estimates stats unstr exch auto1 auto3 toe1 toe3 toe4 
mixed bmd visit tx  || person: , noconst residuals(unstructured, t(visit)) reml nolog
estimate store unstr
mixed bmd visit tx  || person: , noconst residuals(exchangeable, t(visit)) reml nolog
estimate store exch
mixed bmd visit tx  || person: , noconst residuals(ar 1, t(visit)) reml nolog
estimate store auto1
 mixed bmd visit tx  || person: , noconst residuals(ar 3, t(visit)) reml nolog
estimate store auto3
 mixed bmd visit tx  || person: , noconst residuals(toeplitz 1, t(visit)) reml nolog
estimate store toe1
 mixed bmd visit tx  || person: , noconst residuals(toeplitz 3, t(visit)) reml nolog
estimate store toe3
 mixed bmd visit tx  || person: , noconst residuals(toeplitz 3, t(visit)) reml nolog
estimate store toe4
mixed bmd i.visit tx || person: , noconst residuals(unstructured, t(visit)) reml nolog
estimate store meanresp
estimates stats unstr exch auto1 auto3 toe1 toe3 toe4 meanresp
import delimited C:\Users\x\hw2\cd4.csv, clear
gen trt = 0
replace trt = 1 if treatment == 4
label define trt 1 "A" 0 "B"
label values trt trt
xtline logcd4 if trt == 0 & id <= 50, i(id) t(week) overlay
xtline logcd4 if trt == 1 & id <= 100, i(id) t(week) overlay
gen int intweek = ceil(week)
gen trtintweek = trt*intweek
mixed logcd4 trt intweek trtintweek || id: ,  noconst residuals(exchangeable, t(intweek)) reml nolog 
estimate store exchange
mixed logcd4 trt intweek trtintweek || id: ,  noconst residuals(ar 1, t(intweek)) reml nolog 
estimate store ar1
mixed logcd4 trt intweek trtintweek || id: ,  noconst residuals(toeplitz 1, t(intweek)) reml nolog 
estimate store toeplitz
estimates stats exchange ar1 toeplitz
gen week2 = week^2
gen weektrt = week * trt
gen week2trt = week2 * trt
gen agetrt = age * trt
gen gendertrt = gender * trt
mixed logcd4 week week2 trt age gender weektrt week2trt agetrt gendertrt || id: , reml nolog
estimate store randint
predict xbrandint, xb
predict fitrandint, fit
mixed logcd4 week week2 trt age gender weektrt week2trt agetrt gendertrt || id: week , reml nolog
estimate store rand1
predict xbrand1, xb
predict fitrand1, fit
mixed logcd4 week week2 trt age gender weektrt week2trt agetrt gendertrt || id: week week2 , reml nolog
estimate store rand2
predict xbrand2, xb
predict fitrand2, fit
mixed logcd4 week week2 trt age gender weektrt week2trt agetrt gendertrt || id: week week2 age, reml nolog
estimate store rand3
predict xbrand3, xb
predict fitrand3, fit
estimates stats randint rand1 rand2 rand3
#delimit ;
twoway (line logcd4 week if id == 154, sort lcolor(blue)) 
	(line xbrandint week if id == 154, sort lpattern(dot) lcolor(blue))
	(line fitrandint week if id == 154, sort lpattern(dash) lcolor(blue))
	(line logcd4 week if id == 162, sort lcolor(orange)) 
	(line fitrandint week if id == 162, sort lpattern(dash) lcolor(orange))
	(line xbrandint week if id == 162, sort lpattern(dot) lcolor(orange)),
	ylabel(0(1)5)
	legend(order(1 "a" 2 "b" 3 "c" 4 "d" 5 "e" 6 "f"))
	title("Plot");
#delimit cr
#delimit ;
twoway (line logcd4 week if id == 161, sort lcolor(blue)) 
	(line xbrandint week if id == 161, sort lpattern(dot) lcolor(blue))
	(line fitrandint week if id == 161, sort lpattern(dash) lcolor(blue))
	(line logcd4 week if id == 160, sort lcolor(orange)) 
	(line fitrandint week if id == 160, sort lpattern(dash) lcolor(orange))
	(line xbrandint week if id == 160, sort lpattern(dot) lcolor(orange)),
	ylabel(0(1)5)
	legend(order(1 "a" 2 "b" 3 "c" 4 "d" 5 "e" 6 "f"))
	title("Plot");
#delimit cr	
#delimit ;
twoway (line logcd4 week if id == 154, sort lcolor(blue)) 
	(line xbrand1 week if id == 154, sort lpattern(dot) lcolor(blue))
	(line fitrand1 week if id == 154, sort lpattern(dash) lcolor(blue))
	(line logcd4 week if id == 162, sort lcolor(orange)) 
	(line fitrand1 week if id == 162, sort lpattern(dash) lcolor(orange))
	(line xbrand1 week if id == 162, sort lpattern(dot) lcolor(orange)),
	ylabel(0(1)5)
	legend(order(1 "a" 2 "b" 3 "c" 4 "d" 5 "e" 6 "f"))
	title("Plot");
#delimit cr
#delimit ;
twoway (line logcd4 week if id == 161, sort lcolor(blue)) 
	(line xbrand1 week if id == 161, sort lpattern(dot) lcolor(blue))
	(line fitrand1 week if id == 161, sort lpattern(dash) lcolor(blue))
	(line logcd4 week if id == 160, sort lcolor(orange)) 
	(line fitrand1 week if id == 160, sort lpattern(dash) lcolor(orange))
	(line xbrand1 week if id == 160, sort lpattern(dot) lcolor(orange)),
	ylabel(0(1)5)
	legend(order(1 "a" 2 "b" 3 "c" 4 "d" 5 "e" 6 "f"))
	title("Plot");
#delimitcr
#delimit ;
twoway (line logcd4 week if id == 154, sort lcolor(blue)) 
	(line xbrand2 week if id == 154, sort lpattern(dot) lcolor(blue))
	(line fitrand2 week if id == 154, sort lpattern(dash) lcolor(blue))
	(line logcd4 week if id == 162, sort lcolor(orange)) 
	(line fitrand2 week if id == 162, sort lpattern(dash) lcolor(orange))
	(line xbrand2 week if id == 162, sort lpattern(dot) lcolor(orange)),
	ylabel(0(1)5)
	legend(order(1 "a" 2 "b" 3 "c" 4 "d" 5 "e" 6 "f"))
	title("Plot");
#delimit cr
#delimit ;
twoway (line logcd4 week if id == 161, sort lcolor(blue)) 
	(line xbrand2 week if id == 161, sort lpattern(dot) lcolor(blue))
	(line fitrand2 week if id == 161, sort lpattern(dash) lcolor(blue))
	(line logcd4 week if id == 160, sort lcolor(orange)) 
	(line fitrand2 week if id == 160, sort lpattern(dash) lcolor(orange))
	(line xbrand2 week if id == 160, sort lpattern(dot) lcolor(orange)),
	ylabel(0(1)5)
	legend(order(1 "a" 2 "b" 3 "c" 4 "d" 5 "e" 6 "f"))
	title("Plot");
#delimitcr
#delimit ;
twoway (line logcd4 week if id == 154, sort lcolor(blue)) 
	(line xbrand3 week if id == 154, sort lpattern(dot) lcolor(blue))
	(line fitrand3 week if id == 154, sort lpattern(dash) lcolor(blue))
	(line logcd4 week if id == 162, sort lcolor(orange)) 
	(line fitrand3 week if id == 162, sort lpattern(dash) lcolor(orange))
	(line xbrand3 week if id == 162, sort lpattern(dot) lcolor(orange)),
	ylabel(0(1)5)
	legend(order(1 "a" 2 "b" 3 "c" 4 "d" 5 "e" 6 "f"))
	title("Plot");
#delimit cr
#delimit ;
twoway (line logcd4 week if id == 161, sort lcolor(blue)) 
	(line xbrand3 week if id == 161, sort lpattern(dot) lcolor(blue))
	(line fitrand3 week if id == 161, sort lpattern(dash) lcolor(blue))
	(line logcd4 week if id == 160, sort lcolor(orange)) 
	(line fitrand3 week if id == 160, sort lpattern(dash) lcolor(orange))
	(line xbrand3 week if id == 160, sort lpattern(dot) lcolor(orange)),
	ylabel(0(1)5)
	legend(order(1 "a" 2 "b" 3 "c" 4 "d" 5 "e" 6 "f"))
	title("Plot");
#delimitcr
