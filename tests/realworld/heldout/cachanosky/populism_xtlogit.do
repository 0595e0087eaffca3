* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 41684426008 (a public GitHub .do file, "Populism and weak institutions": population-averaged, random- and fixed-effects panel logits of populist elections in twelve Latin American countries; the data file is public in github:ncachanosky/research, Populism and Institutions/data.xlsx; the index does not name the repository of the do-file) (excerpt: the descriptive plots of the first two countries, the summaries and the regular-populism models, and the population-averaged models of extreme populism; the other nine country plots and the later random-effects extreme-populism models left out)
* author: Nicolas Cachanosky, Alexandre Padilla, Lucas Sica (file header)
* licence: none stated
* data: https://github.com/ncachanosky/research/blob/master/Populism%20and%20Institutions/data.xlsx?raw=true = latam_populism
ssc install estout,  replace
set scheme scientific
cd "C:\Users\author\Research"
import excel "https://github.com/ncachanosky/research/blob/master/Populism%20and%20Institutions/data.xlsx?raw=true", sheet("STATA") cellrange(A1:L85) firstrow clear
tsset ID N, yearly
gen     CRISIS = 0
replace CRISIS = 1 if GDP_C <= -1.5
label variable COUNTRY      "text"
label variable POPULISM     "text"
label variable EXTREME      "text"
label variable VDEM_LEVEL   "text"
label variable VDEM_CHANGE  "text"
label variable UNEMPLOYMENT "text"
label variable COMMODITY    "text"
label variable CRISIS       "text"
rename COUNTRY      CTY
rename POPULISM     POP
rename EXTREME      EXT
rename VDEM_LEVEL   VDEM_L
rename VDEM_CHANGE  VDEM_C
rename GDP_LEVEL	GDP_L
rename GDP_CHANGE   GDP_C
rename UNEMPLOYMENT U
rename COMMODITY    COMM
* mlm-expect: r(110)
gen     CRISIS = 0
replace CRISIS = 1 if GDP_C <= -1.5
format VDEM_L %9.1f
twoway line VDEM_L N if ID==1, title("text") subtitle("text") xlabel(1(1)7  , grid) ylabel(0(0.1)1, grid) xtitle("text") ||scatteri 0.659 3 0.634 4 0.600 5 0.615 7, legend(off)
graph export "fig_01.png", as(png) replace
twoway line VDEM_L N if ID==2, title("text") subtitle("text") xlabel(1(1)7  , grid) ylabel(0(0.1)1, grid) xtitle("text") ||scatteri 0.749 3 0.777 4 0.782 5 0.583 7, legend(off)
graph export "fig_02.png", as(png) replace
summarize VDEM_L if POP==0
summarize VDEM_L if POP==1
summarize VDEM_L if EXT==1
kdensity VDEM_L if POP==0, addplot(kdensity VDEM_L if POP==1 || kdensity VDEM_L if EXT==1) legend(label(1 "a") label(2 "b") label(3 "c")) xtitle("text") note("")
graph export "Kernel", as(png) replace
local CONTROLS1 VDEM_L CRISIS
xtlogit POP `CONTROLS1', pa vce(robust)
		estimates store PA1, title(Model 1)
		margins, dydx(`CONTROLS1')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS2 VDEM_L CRISIS VDEM_C
xtlogit POP `CONTROLS2', pa vce(robust)
		estimates store PA2, title(Model 2)
		margins, dydx(`CONTROLS2')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS3 VDEM_L CRISIS VDEM_C GDP_L GDP_C COMM
xtlogit POP `CONTROLS3', pa vce(robust)
		estimates store PA3, title(Model 3)
		margins, dydx(`CONTROLS3')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS4 VDEM_L CRISIS VDEM_C U COMM
xtlogit POP `CONTROLS4', pa vce(robust)
		estimates store PA4, title(Model 4)
		margins, dydx(`CONTROLS4')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS5 VDEM_L CRISIS VDEM_C GDP_L GDP_C U COMM
xtlogit POP `CONTROLS5', pa vce(robust)
		estimates store PA5, title(Model 5)
		margins, dydx(`CONTROLS5')
		marginsplot, derivlabels yline(0) title("text")
estout PA1 PA2 PA3 PA4 PA5, style(fixed) replace collabels(none) mlabels(, titles) cells(b(star fmt(3)) se(par fmt(2))) legend prehead("text") label varlabels(_cons Constant) stats(N, fmt(0) label("Observations"))
local CONTROLS1 VDEM_L CRISIS
xtlogit POP `CONTROLS1', re vce(robust)
		estimates store RE1, title(Model 1)
		margins, dydx(`CONTROLS1')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS2 VDEM_L CRISIS VDEM_C
xtlogit POP `CONTROLS2', re vce(robust)
		estimates store RE2, title(Model 2)
		margins, dydx(`CONTROLS2')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS3 VDEM_L CRISIS VDEM_C GDP_L GDP_C COMM
xtlogit POP `CONTROLS3', re vce(robust)
		estimates store RE3, title(Model 3)
		margins, dydx(`CONTROLS3')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS4 VDEM_L CRISIS VDEM_C U COMM
xtlogit POP `CONTROLS4', re vce(robust)
		estimates store RE4, title(Model 4)
		margins, dydx(`CONTROLS4')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS5 VDEM_L CRISIS VDEM_C GDP_L GDP_C U COMM
xtlogit POP `CONTROLS5', re vce(robust)
		estimates store RE5, title(Model 5)
		margins, dydx(`CONTROLS5')
		marginsplot, derivlabels yline(0) title("text")
estout RE1 RE2 RE3 RE4 RE5, style(fixed) replace collabels(none) mlabels(, titles) cells(b(star fmt(3)) se(par fmt(2))) legend prehead("text") label varlabels(_cons Constant) stats(aic bic N N_g, fmt(2 2 0 0) label("AIC" "BIC" "Observations" "Groups"))
local CONTROLS1 VDEM_L CRISI
xtlogit POP `CONTROLS1', fe
		estimates store FE1, title(Model 1)
		margins, dydx(`CONTROLS1')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS2 VDEM_L CRISIS VDEM_C
xtlogit POP `CONTROLS2', fe
		estimates store FE2, title(Model 2)
		margins, dydx(`CONTROLS2')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS3 VDEM_L CRISIS VDEM_C GDP_L GDP_C COMM
xtlogit POP `CONTROLS3', fe
		estimates store FE3, title(Model 3)
		margins, dydx(`CONTROLS3')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS4 VDEM_L CRISIS VDEM_C U COMM
xtlogit POP `CONTROLS4', fe
		estimates store FE4, title(Model 4)
		margins, dydx(`CONTROLS4')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS5 VDEM_L CRISIS VDEM_C GDP_L GDP_C U COMM
xtlogit POP `CONTROLS5', fe
		estimates store FE5, title(Model 5)
		margins, dydx(`CONTROLS5')
		marginsplot, derivlabels yline(0) title("text")
estout FE1 FE2 FE3 FE4 FE5, style(fixed) replace collabels(none) mlabels(, titles) cells(b(star fmt(3)) se(par fmt(2))) legend prehead("text") label varlabels(_cons Constant) stats(aic bic N N_g, fmt(2 2 0 0) label("AIC" "BIC" "Observations" "Groups"))
local CONTROLS1 VDEM_L CRISIS
xtlogit EXT `CONTROLS1', pa vce(robust)
		estimates store PA1, title(Model 1)
		margins, dydx(`CONTROLS1')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS2 VDEM_L CRISIS VDEM_C
xtlogit EXT `CONTROLS2', pa vce(robust)
		estimates store PA2, title(Model 2)
		margins, dydx(`CONTROLS2')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS3 VDEM_L CRISIS VDEM_C GDP_L GDP_C COMM
xtlogit EXT `CONTROLS3', pa vce(robust)
		estimates store PA3, title(Model 3)
		margins, dydx(`CONTROLS3')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS4 VDEM_L CRISIS VDEM_C U COMM
xtlogit EXT `CONTROLS4', pa vce(robust)
		estimates store PA4, title(Model 4)
		margins, dydx(`CONTROLS4')
		marginsplot, derivlabels yline(0) title("text")
local CONTROLS5 VDEM_L CRISIS VDEM_C GDP_L GDP_C U COMM
xtlogit EXT `CONTROLS5', pa vce(robust)
		estimates store PA5, title(Model 5)
		margins, dydx(`CONTROLS5')
		marginsplot, derivlabels yline(0) title("text")
estout PA1 PA2 PA3 PA4 PA5, style(fixed) replace collabels(none) mlabels(, titles) cells(b(star fmt(3)) se(par fmt(2))) legend prehead("text") label varlabels(_cons Constant) stats(N, fmt(0) label("Observations"))
