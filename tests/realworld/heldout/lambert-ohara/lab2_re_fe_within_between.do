* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:paul-lambert/SGSSS-2025@dc39f893c8fcc5bb40b3979bfd554be7092c7cda syntax_files/lab2_Stata.do (lab 2 of the same summer-school course on multilevel models for applied social research, 2025) (excerpt: the preliminaries and exercises 2.1-2.3 -- random effects, fixed effects and the within-between model of BHPS households, the GCSE schools compared by regression, cluster-robust, survey and random-intercept estimators, occupational units with the authors' own coefficient-plot program, and a BHPS panel by pooled, between, fixed, random-effects, ML and REML estimators; exercises 2.4 and 2.5, on UKHLS occupations, French census tables, ESS rounds and simulated designs, left out)
* author: Paul Lambert and Kate O'Hara (University of Stirling; file header)
* licence: none stated for the code
* data: gcse.dta = gcse_sgsss
* data: bhps_ghq_extract1.dta = bhps_ghq_households
* data: bhps_soc_extract1.dta = bhps_soc_jobs
* data: bh1to15_long.dta = bhps_long_1to15
global gcse_data "C:\1\sgsss-2025\data\gcse.dta"
global bhps_ghq_extract1 "C:\1\sgsss-2025\data\bhps_ghq_extract1.dta"
global bhps_soc_extract1 "C:\1\sgsss-2025\data\bhps_soc_extract1.dta"
global bh1to15_long "C:\1\sgsss-2025\data\bh1to15_long.dta"
global ukhls_occs_extract_1 "C:\1\sgsss-2025\data\ukhls_occs_extract_1.dta"
global ukhls_educ_extract_1 "C:\1\sgsss-2025\data\ukhls_educ_extract_1.dta"
global fr2006_pcs "C:\1\sgsss-2025\data\fr2006_pcs4_table.dta"
global ess_extract1 "C:\1\sgsss-2025\data\ess_extract1.dta"
global pupcross_data "C:\1\sgsss-2025\data\pupcross.dta"
global path6a "C:\soft\stata\ado\"
adopath+ "$path6a"
global path9 "c:\temp\"
which gllamm
which esttab
which tabplot
de using "$bhps_ghq_extract1"
use "$bhps_ghq_extract1", clear
sort ohid pid
list pid ohid in 1/100
codebook pid ohid ghq fem age age2 cohab  emp_10hrs  gdn , compact
capture drop miss1
egen miss1=rmiss(ghq fem age age2 cohab  emp_10hrs  gdn)
tab miss1
mixed ghq fem age age2 cohab  gdn  emp_10hrs    if miss1==0
est store ghq1
mixed ghq fem age age2 cohab  gdn  emp_10hrs    if miss1==0 ||ohid:, reml
est store ghq2
xtreg ghq fem age age2 cohab  gdn  emp_10hrs    if miss1==0 , i(ohid) fe
est store ghq_fe
capture drop hh_emp
egen hh_emp = mean(emp_10hrs) if miss1==0, by(ohid)
capture drop dev_emp
gen dev_emp =  emp_10hrs - hh_emp
codebook pid ohid ghq fem age age2 cohab  gdn emp_10hrs  dev_emp hh_emp  if miss1==0 , compact
mixed ghq fem age age2 cohab  gdn hh_emp emp_10hrs    if miss1==0 ||ohid:, reml
est store orig_var
mixed ghq fem age age2 cohab  gdn hh_emp dev_emp   if miss1==0 ||ohid:, reml
est store dev_var
est table ghq1 ghq2  orig_var dev_var, stats(N ll bic) b(%8.4g) star eq(1)
codebook fem age age2 cohab emp_10hrs, compact
foreach var in fem age age2 cohab emp_10hrs {
capture drop hmean_`var'
egen hmean_`var'=mean(`var')   if miss1==0 , by(ohid)
capture drop hdev_`var'
gen hdev_`var' = `var' - hmean_`var'
}
replace hmean_age2=hmean_age^2
replace hdev_age2=hmean_age2 - age2
mixed ghq hmean_fem hmean_age hmean_age2 hmean_cohab hmean_emp_10hrs                hdev_fem hdev_age hdev_age2 hdev_cohab hdev_emp_10hrs     if miss1==0    ||ohid:, reml
est store rewb
xtreg ghq fem age age2 cohab emp_10hrs  if miss1==0, i(ohid) fe
est store fe_2
xtreg ghq fem age age2 cohab emp_10hrs  if miss1==0, i(ohid) be
est store be_2
est table fe_2 be_2 rewb , stats(N ll bic) b(%8.4g) star eq(1)
mixed ghq hmean_fem hmean_age  hmean_cohab hmean_emp_10hrs                hdev_fem hdev_age hdev_cohab hdev_emp_10hrs     if miss1==0    ||ohid:, reml
est store rewb_3
xtreg ghq fem age cohab emp_10hrs  if miss1==0, i(ohid) fe
est store fe_3
xtreg ghq fem age  cohab emp_10hrs  if miss1==0, i(ohid) be
est store be_3
est table fe_3 be_3 rewb_3 , stats(N ll bic) b(%8.4g) star eq(1)
use "$gcse_data", clear
label variable gcse "x"
label variable lrt "x"
label variable girl "x"
label variable schgen "x"
capture label drop schgenl
label define schgenl 1 "a" 2 "b" 3 "c"
label values schgen schgenl
capture drop sch_*
tab schgen, gen(sch_)
tab1 schgen sch_*
codebook gcse lrt girl schgen sch_2 sch_3 , compact
regress gcse lrt girl sch_2 sch_3
regress gcse lrt girl sch_2 sch_3, robust cluster(school)
svyset , clear
svyset school
svy: regress gcse lrt girl sch_2 sch_3
mixed gcse lrt girl sch_2 sch_3 ||school:, stddev
mixed gcse lrt girl sch_2 sch_3 ||school:, stddev robust
capture drop s_lrt
egen s_lrt = mean(lrt), by(school)
regress gcse s_lrt lrt girl sch_2 sch_3
regress gcse s_lrt lrt girl sch_2 sch_3, robust cluster(school)
mixed gcse s_lrt lrt girl sch_2 sch_3 ||school:, stddev
xtreg gcse lrt girl sch_2 sch_3, i(school) be
xtreg gcse lrt girl sch_2 sch_3, i(school) fe
use "$bhps_soc_extract1", clear
codebook ajbsoc lfimnl ajbhrs ahlstat fem age age2 cohab separ widow degdip vocq noqual, compact
summarize mcamsis ajbonus
tab ajbonus
capture drop bonus
gen bonus=ajbonus==1
capture drop s_mcam
egen s_mcam=mean(mcamsis), by(ajbsoc)
capture drop s_bonus
egen s_bonus=mean(bonus), by(ajbsoc)
label variable s_mcam "x"
label variable s_bonus "x"
capture drop miss1
egen miss1=rmiss(lfimnl ajbhrs ahlstat fem age age2 cohab separ widow degdip vocq noqual s_mcam s_bonus)
tab miss1
keep if miss1==0
capture drop c_*
summarize ajbhrs, detail
gen c_ajbhrs=ajbhrs - round(r(p50))
summarize s_mcam, detail
gen c_smcam=s_mcam - round(r(p50))
summarize ahlstat, detail
gen c_ahlstat=ahlstat - round(r(p50))
summarize age, detail
gen c_age=age - r(min)
gen c_age2=age^2 - r(min)^2
capture drop femage
gen femage=fem*c_age
label variable lfimnl "x"
label variable c_ajbhrs "x"
label variable c_ahlstat "x"
label variable c_smcam "x"
label variable bonus "x"
label variable cohab "x"
label variable degdip "x"
label variable vocq "x"
label variable noqual "x"
label variable femage "x"
codebook lfimnl c_ajbhrs c_ahlstat fem c_age c_age2 cohab degdip vocq noqual femage         c_smcam s_bonus bonus, compact
sav "$path9\soc_temp.dta", replace
use "$path9\soc_temp.dta", clear
summarize
capture drop s_fem
egen s_fem=mean(fem), by(ajbsoc)
summarize s_fem
codebook lfimnl age age2 fem s_fem , compact
regress lfimnl age age2 fem s_fem
est store reg1
regress lfimnl age age2 fem s_fem, robust cluster(ajbsoc)
est store reg1_rb
mixed lfimnl age age2 fem s_fem ||ajbsoc:, mle
est store xtm_ri
mixed lfimnl age age2 fem s_fem ||ajbsoc:fem, mle cov(un)
est store xtm_rc
est table reg1 reg1_rb xtm_ri xtm_rc, b(%7.3g) se stats(r2 ll bic N N_clust) eq(1)
capture program drop getse1
program define getse1
est restore $mod
matrix temp=e(b)
matrix temp2=e(V)
capture drop coef_$mod
gen coef_$mod=temp[1,$wx]
sum coef_$mod
capture drop se_$mod
gen se_$mod=(temp2[$wx,$wx])^0.5
capture drop ciu_$mod
gen ciu_$mod=coef_$mod + 1.96*se_$mod
capture drop cil_$mod
gen cil_$mod=coef_$mod - 1.96*se_$mod
sum se_$mod ciu_$mod cil_$mod
end
global wx "4"
global mod "reg1"
getse1
global mod "reg1_rb"
getse1
global mod "xtm_ri"
getse1
global mod "xtm_rc"
getse1
capture drop ncol
gen ncol=_n
graph twoway  (rspike ciu_reg1 cil_reg1 ncol if _n==1, lwidth(thick) lcolor(gs12))      (scatter coef_reg1 ncol if _n==1, msymbol(circle) msize(large) mcol(gs8))      (rspike ciu_reg1_rb cil_reg1_rb ncol if _n==2, lwidth(thick) lcolor(gs12))      (scatter coef_reg1_rb ncol if _n==2, msymbol(circle) msize(large) mcol(gs8))   (rspike ciu_xtm_ri cil_xtm_ri ncol if _n==3, lwidth(thick) lcolor(gs12))      (scatter coef_xtm_ri ncol if _n==3, msymbol(circle) msize(large) mcol(gs8))      (rspike ciu_xtm_rc cil_xtm_rc ncol if _n==4, lwidth(thick) lcolor(gs12))      (scatter coef_xtm_rc ncol if _n==4, msymbol(circle) msize(large) mcol(gs8)),    xscale(range(0 5)) xlabel(1 "x" 2 "x" 3 "x" 4 "x")     title("x") legend(off)     subtitle("x")
codebook lfimnl s_mcam s_bonus, compact
regress lfimnl s_mcam s_bonus
est store reg1
regress lfimnl s_mcam s_bonus, robust cluster(ajbsoc)
est store reg1_rb
mixed lfimnl s_mcam s_bonus ||ajbsoc:, mle
est store xtm_ri
est table reg1 reg1_rb xtm_ri, stats(ll bic r2 N_clust N) b(%7.3g) se eq(1)
global wx "2"
global mod "reg1"
getse1
global mod "reg1_rb"
getse1
global mod "xtm_ri"
getse1
capture drop ncol
gen ncol=_n
graph twoway  (rspike ciu_reg1 cil_reg1 ncol if _n==1, lwidth(thick) lcolor(gs12))      (scatter coef_reg1 ncol if _n==1, msymbol(circle) msize(large) mcol(gs8))      (rspike ciu_reg1_rb cil_reg1_rb ncol if _n==2, lwidth(thick) lcolor(gs12))      (scatter coef_reg1_rb ncol if _n==2, msymbol(circle) msize(large) mcol(gs8))   (rspike ciu_xtm_ri cil_xtm_ri ncol if _n==3, lwidth(thick) lcolor(gs12))      (scatter coef_xtm_ri ncol if _n==3, msymbol(circle) msize(large) mcol(gs8))        ,    xscale(range(0 4)) xlabel(1 "x" 2 "x" 3 "x")     title("x") legend(off)     subtitle("x")
de using "$bh1to15_long"
use "$bh1to15_long", clear
numlabel _all, add
summarize
gen ghq=zhlghq1 if zhlghq1 >= 0
gen lninc=ln(zfimn) if (zfimn >= 100)
summarize ghq lninc
xtsum ghq lninc, i(pid)
gen fem=(zsex==2)
gen age=zage - 40 if zage >= 16
gen age2=zage^2 - 40^2
tab zqfedhi
gen hied=(zqfedhi >= 1 & zqfedhi <= 4) if zqfedhi >= 1
gen noed=(zqfedhi >= 12) if zqfedhi >= 1
gen convot=(zvote4==1) if (zvote >= 1)
gen labvot=(zvote4==2) if (zvote >= 1)
summarize ghq lninc fem age hied noed convot labvot
correlate ghq lninc fem age hied noed convot labvot
capture drop fullinf
egen fullinf= rowmiss(ghq lninc fem age hied noed convot labvot)
tab fullinf
xtdes if fullinf==0, i(pid) t(year)
codebook pid ghq lninc fem age age2 hied noed convot labvot if fullinf==0, compact
regress ghq lninc fem age age2 hied noed convot labvot
est store lin2
regress ghq lninc fem age age2 hied noed convot labvot, robust cluster(pid)
est store clus2
xtreg ghq lninc fem age age2 hied noed convot labvot, i(pid) fe
est store fe2
xtreg ghq lninc fem age age2 hied noed convot labvot, i(pid) be
est store be2
xtreg ghq lninc fem age age2 hied noed convot labvot, i(pid) re
est store re2
xtreg ghq lninc fem age age2 hied noed convot labvot, i(pid) mle
est store mle2
est table  lin2 clus2 be2 fe2 re2 mle2, star stats(N r2 rho ll) b(%8.4g) eq(1)
mixed ghq lninc fem age age2 hied noed convot labvot ||pid:, reml stddev
est store reml2
mixed ghq lninc fem age age2 hied noed convot labvot ||pid:age, reml cov(un) stddev
est store reml2b
est table   be2 fe2  mle2 reml2 reml2b, star stats(N r2 rho ll) b(%8.4g) eq(1)
xtreg ghq lninc  age age2 hied noed convot labvot if fem==0, i(pid) fe
est store fe3m
xtreg ghq lninc age age2 hied noed convot labvot if fem==0, i(pid) be
est store be3m
xtreg ghq lninc age age2 hied noed convot labvot if fem==0, i(pid) re
est store re3m
xtreg ghq lninc  age age2 hied noed convot labvot if fem==1, i(pid) fe
est store fe3f
xtreg ghq lninc age age2 hied noed convot labvot if fem==1, i(pid) be
est store be3f
xtreg ghq lninc age age2 hied noed convot labvot if fem==1, i(pid) re
est store re3f
est table   be3m fe3m re3m be3f fe3f re3f, star stats(N r2 rho ll) b(%8.4g) eq(1)
codebook ghq lninc fem age age2 hied noed pid , compact
capture drop rmiss
egen rmiss=rowmiss(ghq lninc fem age age2 hied noed  pid)
xtreg ghq lninc fem age age2 hied noed  if rmiss==0, i(pid) fe
est store fix1
foreach var in  lninc fem age age2 hied noed  {
capture drop m_`var'
capture drop dev_`var'
egen m_`var' = mean(`var') if rmiss==0, by(pid)
gen dev_`var' = `var' - m_`var'
}
regress ghq dev_lninc dev_fem dev_age dev_age2 dev_hied dev_noed            m_lninc m_fem m_age m_age2 m_hied m_noed
est store fix2
regress ghq lninc fem age age2 hied noed            m_lninc m_fem m_age m_age2 m_hied m_noed
est store fix3
est table fix1 fix2 fix3, stats(N ll bic) b(%11.5g) star
mixed ghq dev_lninc dev_fem dev_age dev_age2 dev_hied dev_noed            m_lninc m_fem m_age m_age2 m_hied m_noed ||pid:,
est store hyb1
mixed ghq lninc fem age age2 hied noed            m_lninc m_fem m_age m_age2 m_hied m_noed ||pid:,
est store hyb2
est table fix1 fix2 fix3 hyb1 hyb2, stats(N ll bic) b(%11.5g) star equations(1)
