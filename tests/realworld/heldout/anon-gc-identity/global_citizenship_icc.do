* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 6177798603 (a public GitHub .do file of a dissertation on global citizenship of young adults in 30 countries of the EVS/WVS 2017 joint file: numlabel, add, globals of variable lists with ranges, tabstat unweighted and with [aw=], one row per country by quietly by ...: gen dup = cond(_N == 1, 0, _n), one-sample ttest against world means, tabstat by(cntry), tetrachoric ..., pw stats(rho p), somersd in a loop, ktau ..., pw stats(taub p), pwcorr, and the intraclass correlations of a random-intercept melogit and meprobit with estat icc (unweighted and with [pw=]) and loneway (with [aw=]); the index does not name the repository) (excerpt: sections B.1-B.3; the multiple-imputation random-slope models of B.4, run on an mi-set file, and B.5's residual files written by the HLM software left out)
* author: Yongwook (first name in the file's paths), dissertation analysis
* licence: none stated
* data: data.dta = evs_wvs_gc
cd "C:\Users\x\analysis"
use "data.dta", clear
numlabel, add
global y gcid moral mor_rel mor_for polit pol_reg pol_un
global x gce_hr1-gce_hr3 gce_cul1-gce_cul3 gce_sd1-gce_sd3
global control1 female immg edu1-edu5 class1-class3 lr
global control2 mimmgpp mpat gi hdipp 
tabstat $y $control1 , statistics(n mean sd min max) columns(statistics) format(%9.3f) 
tabstat $y $control1 [aw = gwght], statistics(n mean sd min max) columns(statistics) format(%9.3f) 
keep cntry $x $control2 
sort cntry 
quietly by cntry: gen dup = cond(_N == 1, 0, _n)
drop if dup > 1
tabstat $x $control2 , statistics(n mean sd min max) columns(statistics) format(%9.3f) 
ttest gi == 61.06 
ttest hdipp == 73.2 
use "data.dta", clear
numlabel, add
tabstat $x $y $control2 , by(cntry) statistics(mean sd) format(%9.3f) 
tabstat $x $y $control2 [aw = gwght], by(cntry) statistics(mean sd) format(%9.3f) 
use "data.dta", clear
numlabel, add
tetrachoric gcid female immg, pw stats(rho p) 
foreach b in gcid female immg {
	somersd `b' moral polit edu class lr 
	}
ktau moral polit edu_corr class_corr lr, pw stats(taub p)  	
keep cntry gce_hr gce_cul gce_sd mimmgpp mpat gi hdipp
sort cntry 
quietly by cntry: gen dup = cond(_N == 1, 0, _n)
drop if dup > 1
pwcorr mimmgpp mpat gi hdipp, sig
ktau gce_hr gce_cul gce_sd mimmgpp mpat gi hdipp, pw stats(taub p)
use "data.dta", clear
numlabel, add
melogit gcid || cntry: 
estat icc 
meprobit gcid || cntry: 
estat icc 
loneway moral cntry 
loneway polit cntry 
melogit gcid [pw = gwght] || cntry: 
estat icc 
meprobit gcid [pw = gwght] || cntry: 
estat icc 
loneway moral cntry [aw = gwght] 
loneway polit cntry [aw = gwght] 
