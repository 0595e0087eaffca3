* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:marsya-candradewi/consumption_smoothing_jamkesmas@1de8368a7decb74b9ab0abc8946a28ccef7afa3b Code/analysis/01_Consumption_Smoothing_40_vfinal.do (a study of health shocks and consumption smoothing of the poorest 40% of Indonesian households in IFLS 2007 and 2014, per the repository: a Windows-only root-folder block, folder locals, then for total, medical and earnings changes: foreach over three head's health shocks with eststo ...: reg ..., vce(cluster kabid14) and eststo ...: reghdfe ..., absorb(kabid14)/absorb(provid14) vce(cluster ...), estfe ..., labels(), esttab ... using .tex with replace fragment booktabs nomtitles nonumber b() se() keep() star() varlabels() stats(N r2, fmt() labels()) prehead("") posthead("") postfoot("") refcat(N "", nolabel) alignment(), filefilter ..., from("\BSmidrule") to("") replace, pause; then five consumption groups by reghdfe in nested loops; the $\Delta$ labels shortened)
* author: Marsya Candradewi (per the repository)
* licence: none stated
* data: final0714_bottom40 = ifls_bottom40
clear all
set maxvar 120000
capture log close
set more off
pause on
if c(os) == "Windows" & c(username) == "someone" {
		local DROPBOX_ROOT "C:/Users/`c(username)'/Dropbox/project"
		local GIT_ROOT "C:/Users/`c(username)'/Documents/GitHub/project/Code"
}
local CODE_CONS "`GIT_ROOT'/consumption"
local CODE_HEALTH "`GIT_ROOT'/health_measures"
local CODE_INS "`GIT_ROOT'/insurance"
local CODE_CHARA "`GIT_ROOT'/hh_chara"
local CODE_MER "`GIT_ROOT'/merging"
local CODE_ANALYSIS "`GIT_ROOT'/analysis"
local RAW "`DROPBOX_ROOT'/Data/Raw"
local RAW_ID4 "`RAW'/id_tracking/IFLS4"
local RAW_ID5 "`RAW'/id_tracking/IFLS5"
local RAW_CONS "`RAW'/consumption"
local RAW_CONS5 "`RAW'/consumption/IFLS5"
local RAW_HEALTH4 "`RAW'/health_measures/IFLS4"
local RAW_HEALTH5 "`RAW'/health_measures/IFLS5"
local RAW_INS4 "`RAW'/insurance/IFLS4"
local RAW_INS5 "`RAW'/insurance/IFLS5"
local RAW_CHARA4 "`RAW'/hh_chara/IFLS4"
local RAW_CHARA5 "`RAW'/hh_chara/IFLS5"
local WORKING "`DROPBOX_ROOT'/Data/Working"
local WORKING_ID "`WORKING'/id_tracking"
local WORKING_CONS "`WORKING'/consumption"
local WORKING_HEALTH "`WORKING'/health_measures"
local WORKING_INS "`WORKING'/insurance"
local WORKING_CHARA "`WORKING'/hh_chara"
local WORKING_MER "`WORKING'/merged"
local OUTPUT "`DROPBOX_ROOT'/Data/Output"
local FIGURES "`OUTPUT'/Figures"
local TABLES "`OUTPUT'/Tables"
local LOG "`OUTPUT'/Log"
use "`WORKING_MER'/final0714_bottom40", clear
local shocks "dh headADL headchronic"
local names  "Days ADL Chronic"
eststo clear
local i = 1
foreach s of local shocks {
    local label : word `i' of `names'
    eststo reg_`s'_nocontrol: reg d_lpce d_`s' if t == 1, vce(cluster kabid14)
    eststo reg_`s'_controls: reg d_lpce d_`s' base_heduc base_headage base_headagesq d_prodage d_child d_fhead d_urban moved if t == 1, vce(cluster kabid14)
    eststo reg_`s'_FEkab: reghdfe d_lpce d_`s' base_heduc base_headage base_headagesq d_prodage d_child d_fhead d_urban moved if t == 1, absorb(kabid14) vce(cluster kabid14)
    eststo reg_`s'_FEprov: reghdfe d_lpce d_`s' base_heduc base_headage base_headagesq d_prodage d_child d_fhead d_urban moved if t == 1, absorb(provid14) vce(cluster provid14)
    local ++i
}
estfe reg_headADL_FEkab reg_dh_FEkab reg_headchronic_FEkab reg_headADL_FEprov reg_dh_FEprov reg_headchronic_FEprov, labels(kabid14 "District FE" provid14 "Province FE")
esttab reg_headADL_nocontrol reg_headADL_controls reg_headADL_FEprov using "`TABLES'/panel_totcons_ADL.tex", replace fragment booktabs nomtitles nonumber b(%9.3f) se(%9.3f) keep(d_headADL) star(* 0.10 ** 0.05 *** 0.01) varlabels(d_headADL "$\Delta$ ADL") stats(N r2, fmt(0 3) labels("Observations" "R-squared")) prehead("") posthead("") postfoot("") refcat(N "", nolabel) alignment(p{5cm}p{2cm}<{\centering}p{2cm}<{\centering}p{2.5cm}<{\centering})
filefilter "`TABLES'/panel_totcons_ADL.tex" "`TABLES'/panel_totcons_ADL_clean.tex", from("\BSmidrule") to("") replace
esttab reg_dh_nocontrol reg_dh_controls reg_dh_FEprov using "`TABLES'/panel_totcons_Days.tex", replace label nonotes noobs nodepvar b(%9.3f) se(%9.3f)     prehead("") posthead("") keep(d_dh) nomtitles nonumber star(* 0.10 ** 0.05 *** 0.01) varlabels(d_dh "$\Delta$ Days") stats(N r2, fmt(0 3) labels("Observations" "R-squared")) alignment(p{5cm}p{2cm}<{\centering}p{2cm}<{\centering}p{2.5cm}<{\centering}) booktabs fragment
filefilter "`TABLES'/panel_totcons_Days.tex" "`TABLES'/panel_totcons_Days_clean.tex", from("\BSmidrule") to("") replace
pause
eststo clear
local i = 1
foreach s of local shocks {
    local label : word `i' of `names'
    eststo reg_`s'_nocontrol: reg d_lpcmedical d_`s' if t == 1, vce(cluster kabid14)
    eststo reg_`s'_controls: reg d_lpcmedical d_`s' base_heduc base_headage base_headagesq d_prodage d_child d_fhead d_urban moved if t == 1, vce(cluster kabid14)
    eststo reg_`s'_FEkab: reghdfe d_lpcmedical d_`s' base_heduc base_headage base_headagesq d_prodage d_child d_fhead d_urban moved if t == 1, absorb(kabid14) vce(cluster kabid14)
    eststo reg_`s'_FEprov: reghdfe d_lpcmedical d_`s' base_heduc base_headage base_headagesq d_prodage d_child d_fhead d_urban moved if t == 1, absorb(provid14) vce(cluster provid14)
    local ++i
}
estfe reg_headADL_FEkab reg_dh_FEkab reg_headchronic_FEkab reg_headADL_FEprov reg_dh_FEprov reg_headchronic_FEprov, labels(kabid14 "District FE" provid14 "Province FE")
esttab reg_headADL_nocontrol reg_headADL_controls reg_headADL_FEprov using "`TABLES'/panel_med_ADL.tex", replace fragment booktabs nomtitles nonumber b(%9.3f) se(%9.3f) keep(d_headADL) star(* 0.10 ** 0.05 *** 0.01) varlabels(d_headADL "$\Delta$ ADL") stats(N r2, fmt(0 3) labels("Observations" "R-squared")) prehead("") posthead("") postfoot("") refcat(N "", nolabel) alignment(p{5cm}p{2cm}<{\centering}p{2cm}<{\centering}p{2.5cm}<{\centering})
filefilter "`TABLES'/panel_med_ADL.tex" "`TABLES'/panel_med_ADL_clean.tex", from("\BSmidrule") to("") replace
esttab reg_dh_nocontrol reg_dh_controls reg_dh_FEprov using "`TABLES'/panel_med_Days.tex", replace label nonotes noobs nodepvar b(%9.3f) se(%9.3f)     prehead("") posthead("") keep(d_dh) nomtitles nonumber star(* 0.10 ** 0.05 *** 0.01) varlabels(d_dh "$\Delta$ Days") stats(N r2, fmt(0 3) labels("Observations" "R-squared")) alignment(p{5cm}p{2cm}<{\centering}p{2cm}<{\centering}p{2.5cm}<{\centering}) booktabs fragment
filefilter "`TABLES'/panel_med_Days.tex" "`TABLES'/panel_med_Days_clean.tex", from("\BSmidrule") to("") replace
pause
eststo clear
local i = 1
foreach s of local shocks {
    local label : word `i' of `names'
    eststo reg_`s'_nocontrol: reg d_learningpc d_`s' if t == 1, vce(cluster kabid14)
    eststo reg_`s'_controls: reg d_learningpc d_`s' base_heduc base_headage base_headagesq d_prodage d_child d_fhead d_urban moved if t == 1, vce(cluster kabid14)
    eststo reg_`s'_FEkab: reghdfe d_learningpc d_`s' base_heduc base_headage base_headagesq d_prodage d_child d_fhead d_urban moved if t == 1, absorb(kabid14) vce(cluster kabid14)
    eststo reg_`s'_FEprov: reghdfe d_learningpc d_`s' base_heduc base_headage base_headagesq d_prodage d_child d_fhead d_urban moved if t == 1, absorb(provid14) vce(cluster provid14)
    local ++i
}
estfe reg_headADL_FEkab reg_dh_FEkab reg_headchronic_FEkab reg_headADL_FEprov reg_dh_FEprov reg_headchronic_FEprov, labels(kabid14 "District FE" provid14 "Province FE")
esttab reg_headADL_nocontrol reg_headADL_controls reg_headADL_FEprov using "`TABLES'/panel_earn_ADL.tex", replace fragment booktabs nomtitles nonumber b(%9.3f) se(%9.3f) keep(d_headADL) star(* 0.10 ** 0.05 *** 0.01) varlabels(d_headADL "$\Delta$ ADL") stats(N r2, fmt(0 3) labels("Observations" "R-squared")) prehead("") posthead("") postfoot("") refcat(N "", nolabel) alignment(p{5cm}p{2cm}<{\centering}p{2cm}<{\centering}p{2.5cm}<{\centering})
filefilter "`TABLES'/panel_earn_ADL.tex" "`TABLES'/panel_earn_ADL_clean.tex", from("\BSmidrule") to("") replace
esttab reg_dh_nocontrol reg_dh_controls reg_dh_FEprov using "`TABLES'/panel_earn_Days.tex", replace label nonotes noobs nodepvar b(%9.3f) se(%9.3f)     prehead("") posthead("") keep(d_dh) nomtitles nonumber star(* 0.10 ** 0.05 *** 0.01) varlabels(d_dh "$\Delta$ Days") stats(N r2, fmt(0 3) labels("Observations" "R-squared")) alignment(p{5cm}p{2cm}<{\centering}p{2cm}<{\centering}p{2.5cm}<{\centering}) booktabs fragment
filefilter "`TABLES'/panel_earn_Days.tex" "`TABLES'/panel_earn_Days_clean.tex", from("\BSmidrule") to("") replace
pause
eststo clear
local shocks "dh headADL headchronic"
local names  "Days ADL Chronic"
local cons   "foodcon nfoodess discre badcon intrans"
local i = 1
foreach s of local shocks {
    local label : word `i' of `names'
    foreach c of local cons {
        eststo reg_`s'_`c': reghdfe d_lpc`c' d_`s' base_heduc base_headage base_headagesq d_prodage d_child d_fhead d_urban moved if t == 1, absorb(provid14) vce(cluster provid14)
    }
    local ++i
}
esttab reg_headADL_foodcon reg_headADL_nfoodess reg_headADL_discre reg_headADL_badcon reg_headADL_intrans using "`TABLES'/panel_constype_ADL.tex", replace fragment booktabs nomtitles nonumber b(%9.3f) se(%9.3f) keep(d_headADL) star(* 0.10 ** 0.05 *** 0.01) varlabels(d_headADL "$\Delta$ ADL") stats(N r2, fmt(0 3) labels("Observations" "R-squared")) prehead("") posthead("") postfoot("") refcat(N "", nolabel) alignment(p{5cm}p{2cm}<{\centering}p{2cm}<{\centering}p{2.5cm}<{\centering})
filefilter "`TABLES'/panel_constype_ADL.tex" "`TABLES'/panel_constype_ADL_clean.tex", from("\BSmidrule") to("") replace
esttab reg_dh_foodcon reg_dh_nfoodess reg_dh_discre reg_dh_badcon reg_dh_intrans using "`TABLES'/panel_constype_Days.tex", replace fragment booktabs nomtitles nonumber b(%9.3f) se(%9.3f) keep(d_dh) star(* 0.10 ** 0.05 *** 0.01) varlabels(d_dh "$\Delta$ Days") stats(N r2, fmt(0 3) labels("Observations" "R-squared")) prehead("") posthead("") postfoot("") refcat(N "", nolabel) alignment(p{5cm}p{2cm}<{\centering}p{2cm}<{\centering}p{2.5cm}<{\centering})
filefilter "`TABLES'/panel_constype_Days.tex" "`TABLES'/panel_constype_Days_clean.tex", from("\BSmidrule") to("") replace
