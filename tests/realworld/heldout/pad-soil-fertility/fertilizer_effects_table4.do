* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:precision-agriculture-for-development/soil-fertility-data@b65fac7d71a24725f70098bbfbac41b75283560d 99-paper/do/table4.do (excerpt: the first two of four panels -- full sample and the farmer-reported-yield sample; the satellite and intersecting samples repeat the same lines. A soil-testing and fertilizer-recommendation RCT with cotton farmers in Gujarat, randomised within blocks: capture confirm file / mkdir, four regress ... treatment i.block_id per outcome family in foreach loops with noi estimates store, tempvar e(sample), summ if, r(sd) into locals, suest ..., robust of four models, nlcom (v1: [eq_mean]treatment/sd ... / 4), post for an average standardised effect, estimates store/restore, eststo, eststo: regress ..., robust, estadd scalar, esttab using .tex with rename() frag tex star() noomitted nobaselevels scalars() sfmt() indicate("... = *block*") mtitles(); preserve/keep if/restore)
* author: Precision Agriculture for Development (PAD) research team (per the repository)
* licence: none stated
* data: final_data.dta = pad_cotton_fertilizer
* mlm-added: main.do sets the global (a file in c(tmpdir)) before it runs this file
global final_data "final_data.dta"
use "$final_data", clear
capture confirm file "tables/t4/"
if _rc mkdir "tables/t4/"
generate productivity_2017 = .
label var productivity_2017 "Label"
eststo clear
local var_num = 1
foreach x of varlist urea_kg_hectare_ml dap_kg_hectare_ml mop_kg_hectare_ml zinc_kg_hectare_ml {
  regress `x' treatment i.block_id
  noi estimates store var`var_num'_eg1
  tempvar samplevar
  g `samplevar' = e(sample)
  summ `x' if `samplevar' == 1 & treatment == 0
  local sd1_`var_num' = r(sd)
  local var_num = `var_num' + 1
}
suest var1_eg1 var2_eg1 var3_eg1 var4_eg1, robust
nlcom (v1:([var1_eg1_mean]treatment/`sd1_1' + [var2_eg1_mean]treatment/`sd1_2' + [var3_eg1_mean]treatment/`sd1_3' + [var4_eg1_mean]treatment/`sd1_4') / 4), post
estimates store est1
estimates restore est1
eststo
local var_num = 1
foreach x of varlist distance_urea distance_dap distance_mop distance_zinc {
  regress `x' treatment i.block_id
  noi estimates store var`var_num'_eg1
  tempvar samplevar
  g `samplevar' = e(sample)
  summ `x' if `samplevar' == 1 & treatment == 0
  local sd1_`var_num' = r(sd)
  local var_num = `var_num' + 1
}
suest var1_eg1 var2_eg1 var3_eg1 var4_eg1, robust
nlcom (v1:([var1_eg1_mean]treatment/`sd1_1' + [var2_eg1_mean]treatment/`sd1_2' + [var3_eg1_mean]treatment/`sd1_3' + [var4_eg1_mean]treatment/`sd1_4') / 4), post
estimates store est2
estimates restore est2
eststo
replace productivity_2017 = yield_hectare_2017_merged
summarize yield_hectare_2018_merged if treatment == 0, meanonly
local varMean: di %9.3f `r(mean)'
eststo: regress yield_hectare_2018_merged treatment productivity_2017 i.block_id, robust
estadd scalar depMean = `varMean'
esttab using "tables/t4/panel_a.tex", replace se noobs rename(v1 treatment) frag not label tex star(* 0.10 ** 0.05 *** 0.01) noomitted nobaselevels scalars("N Observations" "r2_a Adjusted \$R^2$" "depMean Control mean") sfmt(%9.0fc %9.3fc %9.3fc) noconstant indicate("Block FE = *block*") b(%9.3fc) mtitles("Model 1" "Model 2" "Model 3")
preserve
keep if fr_yield_sample == 1
eststo clear
local var_num = 1
foreach x of varlist urea_kg_hectare_ml dap_kg_hectare_ml mop_kg_hectare_ml zinc_kg_hectare_ml {
  regress `x' treatment i.block_id
  noi estimates store var`var_num'_eg1
  tempvar samplevar
  g `samplevar' = e(sample)
  summ `x' if `samplevar' == 1 & treatment == 0
  local sd1_`var_num' = r(sd)
  local var_num = `var_num' + 1
}
suest var1_eg1 var2_eg1 var3_eg1 var4_eg1, robust
nlcom (v1:([var1_eg1_mean]treatment/`sd1_1' + [var2_eg1_mean]treatment/`sd1_2' + [var3_eg1_mean]treatment/`sd1_3' + [var4_eg1_mean]treatment/`sd1_4') / 4), post
estimates store est1
estimates restore est1
eststo
local var_num = 1
foreach x of varlist distance_urea distance_dap distance_mop distance_zinc {
  regress `x' treatment i.block_id
  noi estimates store var`var_num'_eg1
  tempvar samplevar
  g `samplevar' = e(sample)
  summ `x' if `samplevar' == 1 & treatment == 0
  local sd1_`var_num' = r(sd)
  local var_num = `var_num' + 1
}
suest var1_eg1 var2_eg1 var3_eg1 var4_eg1, robust
nlcom (v1:([var1_eg1_mean]treatment/`sd1_1' + [var2_eg1_mean]treatment/`sd1_2' + [var3_eg1_mean]treatment/`sd1_3' + [var4_eg1_mean]treatment/`sd1_4') / 4), post
estimates store est2
estimates restore est2
eststo
replace productivity_2017 = yield_hectare_2017_merged
summarize yield_hectare_2018_merged if treatment == 0, meanonly
local varMean: di %9.3f `r(mean)'
eststo: regress yield_hectare_2018_merged treatment productivity_2017 i.block_id, robust
estadd scalar depMean = `varMean'
esttab using "tables/t4/panel_b.tex", replace se noobs rename(v1 treatment) frag not label tex star(* 0.10 ** 0.05 *** 0.01) noomitted nobaselevels scalars("N Observations" "r2_a Adjusted \$R^2$" "depMean Control mean") sfmt(%9.0fc %9.3fc %9.3fc) noconstant indicate("Block FE = *block*") b(%9.3fc) mtitles("Model 1" "Model 2" "Model 3")
restore
