* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 40945119044 (github:lrowleyabel/Precarity-and-Frailty, the hybrid panel regression file of 'Later Life Precarity and Longitudinal Frailty Trajectories in Older Adults': import delimited of a long ELSA person-wave file, merge 1:1 idauniq wave keepusing(), drop if, xtset, xtdescribe, xtsum, z-transforms with summarize/r(mean)/r(sd), mark/markout, egen mean() if nonmiss == 1, by(idauniq) person means and deviations (the within-between hybrid model), collect clear, collect, tag(model[#]): xtreg ..., re vce(robust) with estimates store, collect layout/stars/style cell nformat() cidelimiter()/style column dups()/preview, putexcel set + putexcel A1 = collect, input of an age grid, estimates restore + predict xb, scatter, summarize detail r(p10) r(p50) r(p90) into locals, nested foreach/forvalues building matrices with mat x = x \ `v', mat out = id, age, y, preserve/drop */svmat/rename, predict stdp, export excel firstrow(variables), and residual diagnostics predict e/u, scatter msize() name(), hist, graph combine, graph export)
* author: Laurence Rowley-Abel (per the file's header)
* licence: none stated
* data: ELSA Subset with Elastic Net Precarity Index.csv = elsa_precarity_long
* data: ../../Data/Dta/Processed Data/ELSA Frailty and Precarity Analysis Dataset.dta = elsa_precarity_wealth
cd "C:\project\analysis"
clear all
import delimited "C:\project\data\ELSA Subset with Elastic Net Precarity Index.csv", clear
merge 1:1 idauniq wave using "../../Data/Dta/Processed Data/ELSA Frailty and Precarity Analysis Dataset.dta", keepusing(idauniq wave hatotb)
keep if _merge == 3
drop _merge
drop if age < 50
xtset idauniq wave
xtdescribe
xtsum
summarize age
replace age = (age-r(mean))/r(sd)
summarize hatotb
replace hatotb = (hatotb-r(mean))/r(sd)
summarize precarity
replace precarity = (precarity-r(mean))/r(sd)
drop agesqrd
gen agesqrd = age*age
mark nonmiss
markout nonmiss frailty precarity age female
egen mprecarity = mean(precarity) if nonmiss == 1, by(idauniq)
generate dprecarity = precarity - mprecarity
egen mage = mean(age) if nonmiss == 1, by(idauniq)
generate dage = age - mage
egen magesqrd = mean(agesqrd) if nonmiss == 1, by(idauniq)
generate dagesqrd = agesqrd - magesqrd
egen mhatotb = mean(hatotb) if nonmiss == 1, by(idauniq)
generate dhatotb = hatotb - mhatotb
collect clear
collect, tag(model[1]): xtreg frailty dage dagesqrd mage magesqrd i.female, re vce(robust)
estimates store m1
collect, tag(model[2]): xtreg frailty dage dagesqrd mage magesqrd i.female dprecarity mprecarity, re vce(robust)
estimates store m2
collect, tag(model[3]): xtreg frailty dage dagesqrd mage magesqrd i.female dhatotb mhatotb, re vce(robust)
estimates store m3
collect layout (colname) (model#result[_r_b _r_ci])
collect stars _r_p 0.001 "***" 0.01 "**" 0.05 "*", attach(_r_b)
collect style cell result[_r_b _r_ci], nformat(%8.3f)
collect style cell result[_r_ci], cidelimiter(,)
collect style column, dups(center)
collect preview
collect layout  (colname[dage dagesqrd dprecarity dhatotb mage magesqrd mprecarity mhatotb 0.female 1.female _cons] ) (model#result[_r_b _r_ci])
putexcel set "results/models.xlsx", replace
putexcel A1 = collect
collect layout (result[r2_w r2_b r2_o]) (model)
collect style cell result[r2_w r2_b r2_o], nformat(%8.3f)
collect preview
collect layout (result[N N_clust]) (model)
preserve
clear
input age age_o
	50	50
	51	51
	52	52
	53	53
	54	54
	55	55
	56	56
	57	57
	58	58
	59	59
	60	60
	61	61
	62	62
	63	63
	64	64
	65	65
	66	66
	67	67
	68	68
	69	69
	70	70
	71	71
	72	72
	73	73
	74	74
	75	75
	76	76
	77	77
	78	78
	79	79
	80	80
	81	81
	82	82
	83	83
	84	84
	85	85
	86	86
	87	87
	88	88
	89	89
	90	90
end
gen female = 1
summarize age
replace age = (age-r(mean))/r(sd)
gen agesqrd = age*age
egen mage = mean(age)
generate dage = age - mage
egen magesqrd = mean(agesqrd)
generate dagesqrd = agesqrd - magesqrd
estimates restore m1
predict predicted_frailty, xb
list
scatter predicted_frailty age_o
restore
summarize mprecarity, detail
local low_mprecarity = r(p10)
local median_mprecarity = r(p50)
local high_mprecarity = r(p90)
capture drop max_precarity min_precarity total_change_in_precarity
by idauniq, sort: egen max_precarity = max(precarity)
by idauniq, sort: egen min_precarity = min(precarity)
gen total_change_in_precarity = max_precarity - min_precarity
summarize total_change_in_precarity, det
local low_change = r(p10)
local median_change = r(p50)
local high_change = r(p90)
foreach mean_value in `low_mprecarity' `median_mprecarity' `high_mprecarity' {
		foreach change in `low_change' `median_change' `high_change' {
			forvalues i = -4/4 {
				local new_value = `mean_value' + (`i'*(`change'/9))
				if `i' == -4 {
					mat x = `new_value'
				}
				else {
					mat x = x \ `new_value'
				}
			}
			if `mean_value' == `low_mprecarity' & `change' == `low_change' {
				mat y = x
			}
			else {
				mat y = y \ x
			}
		}
}
forvalues i = 1/9 {
	forvalues j = 1/9 {
		if `i' == 1 & `j' == 1 {
			mat id = `i'
		}
		else {
			mat id = id \ `i'
		}	
	}
}
forvalues i = 1/9 {
	foreach j in 50 55 60 65 70 75 80 85 90 {
		if `i' == 1 & `j' == 50 {
			mat age = `j'
		}
		else {
			mat age = age \ `j'
		}	
	}
}
mat out = id, age, y
preserve
	drop *
	svmat out
	rename out1 id
	rename out2 age
	rename out3 precarity
	gen original_age = age
	summarize age
	replace age = (age-r(mean))/r(sd)
	gen agesqrd = age*age
	gen female = 0
	egen mprecarity = mean(precarity), by(id)
	generate dprecarity = precarity - mprecarity
	egen mage = mean(age), by(id)
	generate dage = age - mage
	egen magesqrd = mean(agesqrd), by(id)
	generate dagesqrd = agesqrd - magesqrd
	estimates restore m1
	predict pred_frailty
	predict pred_se, stdp
	summarize original_age
	replace age = (age*r(sd))+r(mean)
	export excel using "models\predicted_m1_0.xlsx", firstrow(variables) replace
restore
preserve
	drop *
	svmat out
	rename out1 id
	rename out2 age
	rename out3 precarity
	gen original_age = age
	summarize age
	replace age = (age-r(mean))/r(sd)
	gen agesqrd = age*age
	gen female = 1
	egen mprecarity = mean(precarity), by(id)
	generate dprecarity = precarity - mprecarity
	egen mage = mean(age), by(id)
	generate dage = age - mage
	egen magesqrd = mean(agesqrd), by(id)
	generate dagesqrd = agesqrd - magesqrd
	estimates restore m1
	predict pred_frailty
	predict pred_se, stdp
	summarize original_age
	replace age = (age*r(sd))+r(mean)
	export excel using "models\predicted_m1_1.xlsx", firstrow(variables) replace
restore
preserve
	drop *
	svmat out
	rename out1 id
	rename out2 age
	rename out3 precarity
	gen original_age = age
	summarize age
	replace age = (age-r(mean))/r(sd)
	gen agesqrd = age*age
	gen female = 0
	egen mprecarity = mean(precarity), by(id)
	generate dprecarity = precarity - mprecarity
	egen mage = mean(age), by(id)
	generate dage = age - mage
	egen magesqrd = mean(agesqrd), by(id)
	generate dagesqrd = agesqrd - magesqrd
	estimates restore m2
	predict pred_frailty
	predict pred_se, stdp
	summarize original_age
	replace age = (age*r(sd))+r(mean)
	export excel using "models\predicted_m2_0.xlsx", firstrow(variables) replace
restore
preserve
	drop *
	svmat out
	rename out1 id
	rename out2 age
	rename out3 precarity
	gen original_age = age
	summarize age
	replace age = (age-r(mean))/r(sd)
	gen agesqrd = age*age
	gen female = 1
	egen mprecarity = mean(precarity), by(id)
	generate dprecarity = precarity - mprecarity
	egen mage = mean(age), by(id)
	generate dage = age - mage
	egen magesqrd = mean(agesqrd), by(id)
	generate dagesqrd = agesqrd - magesqrd
	estimates restore m2
	predict pred_frailty
	predict pred_se, stdp
	summarize original_age
	replace age = (age*r(sd))+r(mean)
	export excel using "models\predicted_m2_1.xlsx", firstrow(variables) replace
restore
estimates restore m3
capture drop pred_frailty resid_e resid_u
predict pred_frailty
predict resid_e, e
predict resid_u, u
scatter resid_e pred_frailty, msize(0.1) name(scatter_e, replace) title("Title one", size(3))
scatter resid_u pred_frailty, msize(0.1) name(scatter_u, replace)  title("Title two", size(3))
hist resid_e, name(hist_e, replace) title("Title three", size(3))
hist resid_u, name(hist_u, replace) title("Title four", size(3))
graph combine scatter_e scatter_u hist_e hist_u, rows(2) title("Title five", size(3))
graph export "plots/diagnostics_a.png", replace
gen log_frailty = log(frailty)
xtreg log_frailty dprecarity dage dagesqrd mprecarity mage magesqrd i.female, re
capture drop pred_frailty resid_e resid_u
predict pred_frailty
predict resid_e, e
predict resid_u, u
scatter resid_e pred_frailty, msize(0.1) name(scatter_e, replace) title("Title one", size(3))
scatter resid_u pred_frailty, msize(0.1) name(scatter_u, replace)  title("Title two", size(3))
hist resid_e, name(hist_e, replace) title("Title three", size(3))
hist resid_u, name(hist_u, replace) title("Title four", size(3))
graph combine scatter_e scatter_u hist_e hist_u, rows(2) title("Title six", size(3))
graph export "plots/diagnostics_b.png", replace
