* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 5114641637 (a public GitHub .do file, example 1 of Ruettenauer and Ludwig (2020), "Fixed Effects Individual Slopes", Sociological Methods & Research, replicating Ludwig and Bruederl's (2018) male marital wage premium on an NLSY79 person-year panel: xtset, xtsum, recode ..., gen() and tab ..., gen() dummies, FEIS by xtfeis ..., slope() cluster() (SSC), fixed- and random-effects xtreg ..., vce(cluster id) with c.exp##c.exp and ib1.yeargr, a group-specific-slopes FE model with 1.evermarr#c.exp, random-intercept random-slope mixed ... || id: exp expq, vce(cluster id) mle, test, estout of six stored models with stats() labels() keep() note(), a LaTeX table written by file open/write/close, and the artificial-regression and bootstrapped Hausman tests xtart and xtbsht (SSC) with their r() results in locals; the index does not name the repository)
* author: Tobias Ruettenauer and Volker Ludwig (header of the file)
* licence: none stated
* data: mwp_US_analysis = mwp_us_analysis
global xmpldir ""
cd $xmpldir
use mwp_US_analysis, clear
xtset id year
xtsum lnw exp marry evermarr nchild enrol yeduc year
recode nchild 3/max=3, gen(dchild)
tab dchild, gen(dchild)
recode year 1979/1980=1 1981/1985=2 1986/1990=3 1991/1995=4 1996/2000=5 2001/2005=6 2006/2012=7, gen(yeargr)
tab yeargr, gen(yeargr)
keep if sample1==1
xtfeis lnw marry dchild2-dchild4 enrol yeduc tenure ib1.yeargr, slope(c.exp c.exp#c.exp) cluster(id)
est store FEIS
qui xtreg lnw marry dchild2-dchild4  enrol yeduc tenure c.exp##c.exp ib1.yeargr, fe vce(cluster id)
qui est store FE
qui xtfeis lnw marry dchild2-dchild4  enrol yeduc tenure c.exp##c.exp ib1.yeargr, cluster(id)
qui est store FE_xtfeis
qui xtreg lnw marry dchild2-dchild4  enrol yeduc tenure c.exp c.exp#c.exp ib1.yeargr 1.evermarr#c.exp 1.evermarr#c.exp#c.exp , fe vce(cluster id)
qui est store FEGS
qui xtreg lnw marry dchild2-dchild4  enrol yeduc tenure c.exp##c.exp ib1.yeargr , re vce(cluster id)
qui est store RE
qui mixed lnw marry dchild2-dchild4  enrol yeduc tenure ib1.yeargr exp expq || id: exp expq , vce(cluster id) mle
qui est store RS
qui mixed lnw marry dchild2-dchild4  enrol yeduc tenure ib1.yeargr exp expq evermarr 1.evermarr#c.exp 1.evermarr#c.expq || id: exp expq , vce(cluster id)
qui est store RSGS
test evermarr
test 1.evermarr#c.exp 1.evermarr#c.expq
estout RE FE FEIS RS FEGS RSGS, cells(b(fmt(3)) se(par fmt(3))) numbers varwidth(22) stats(N N_g r2_w, fmt(0 0 3) labels("a" "b" "c")) keep(marry dchild2 dchild3 dchild4 enrol yeduc tenure exp c.exp#c.exp 1.evermarr#c.exp 1.evermarr#c.exp#c.exp expq 1.evermarr#c.expq ) note("a")
file open Spec using table_example1.tex, replace write
file write Spec "a" _n
file write Spec "b" _n
file write Spec "c" _n
file write Spec "d" _n
file write Spec "e" _n
file write Spec "f" _n
file close Spec
estout RE FE FEIS RS using table_example1.tex, cells(b(fmt(3)) se(par fmt(3))) numbers varwidth(22) stats(N N_g r2_w, fmt(0 0 3) labels("a" "b" "c")) keep(marry dchild2 dchild3 dchild4 enrol yeduc tenure exp c.exp#c.exp) varlabels(_cons \_cons) note("a") style(tex) append
qui xtfeis lnw marry dchild2-dchild4 enrol yeduc tenure yeargr2-yeargr7, slope(exp expq) cluster(id)
est store FEIS
qui xtreg lnw marry dchild2-dchild4  enrol yeduc tenure exp expq yeargr2-yeargr7, fe vce(cluster id)
qui est store FE
qui xtreg lnw marry dchild2-dchild4  enrol yeduc tenure exp expq yeargr2-yeargr7, re vce(cluster id)
qui est store RE
xtart FEIS
di "chi2(`r(df)') = `r(chi2)'"
di "p-value = `r(p)'"
xtart FEIS
local ARTchi2=round(`r(chi2)',0.001)
local ARTdf=`r(df)'
local ARTp=`r(p)'
xtart FEIS, fe
local ARTchi2_1=round(`r(chi2)',0.001)
local ARTdf_1=`r(df)'
local ARTp_1=`r(p)'
xtart FEIS, re
local ARTchi2_2=round(`r(chi2)',0.001)
local ARTdf_2=`r(df)'
local ARTp_2=`r(p)'
xtbsht FEIS FE, seed(123) reps(100)
local BSHTchi2=round(`r(chi2)',0.001)
local BSHTdf=`r(df)'
local BSHTp=`r(p)'
xtbsht FE RE, seed(123) reps(100)
local BSHTchi2_1=round(`r(chi2)',0.001)
local BSHTdf_1=`r(df)'
local BSHTp_1=`r(p)'
xtbsht FEIS RE, seed(123) reps(100)
local BSHTchi2_2=round(`r(chi2)',0.001)
local BSHTdf_2=`r(df)'
local BSHTp_2=`r(p)'
file open Spec using spec_example1.tex, replace write
file write Spec "a" _n
file write Spec "b" _n
file write Spec "c" _n
file write Spec "d" _n
file write Spec "e" _n
file write Spec "f" _n
file write Spec "g" _n
file write Spec "h: & `ARTchi2' & `ARTdf' & `ARTp' \\" _n
file write Spec "i: & `ARTchi2_1' & `ARTdf_1' & `ARTp_1' \\" _n
file write Spec "j: & `ARTchi2_2' & `ARTdf_2' & `ARTp_2' \\" _n
file write Spec "k" _n
file write Spec "l" _n
file write Spec "m: & `BSHTchi2' & `BSHTdf' & `BSHTp' \\" _n
file write Spec "n: & `BSHTchi2_1' & `BSHTdf_1' & `BSHTp_1' \\" _n
file write Spec "o: & `BSHTchi2_2' & `BSHTdf_2' & `BSHTp_2' \\" _n
file write Spec "p" _n
file write Spec "q" _n
file write Spec "r" _n
file close Spec
