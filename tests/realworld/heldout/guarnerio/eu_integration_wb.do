* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 7666626367 (a public GitHub .do file, course paper "Fixed and Random Effects Modelling" 2023: support for EU integration in ESS rounds 4, 6 and 9, respondents in country-surveys in countries; the index does not name the repository)
* author: Mattia Guarnerio (file header)
* licence: none stated
* data: C:\Users\x\Desktop\paper\ESS469.dta = ess469_euftf
clear
clear matrix
set more off
set seed 20082013
cap log close
set scheme s2mono
global path "C:\Users\x\Desktop\paper"
use "C:\Users\x\Desktop\paper\ESS469.dta", clear
hist euftf, percent col("0 204 204") xlabel(0(2)10) ylabel(0(5)32, angle(0))width(.3) ytitle("text") xtitle ("text")
hist euftf if cntry_wave < 412, percent by(cntry_wave_char) col("0 204 204") xlabel(0(2)10) ylabel(0(15)32, angle(0)) width(.3) ytitle("text") xtitle ("text") name(W4n1, replace)
hist euftf if cntry_wave >= 412 & cntry_wave < 600, percent by(cntry_wave_char) col("0 204 204") xlabel(0(2)10) ylabel(0(15)32, angle(0)) width(.3) ytitle("text") xtitle ("text") name(W4n2, replace)
hist euftf if cntry_wave >= 601 & cntry_wave < 612, percent by(cntry_wave_char) col("0 204 204") xlabel(0(2)10) ylabel(0(15)32, angle(0)) width(.3) ytitle("text") xtitle ("text") name(W6n1, replace)
hist euftf if cntry_wave >= 612 & cntry_wave < 900, percent by(cntry_wave_char) col("0 204 204") xlabel(0(2)10) ylabel(0(15)32, angle(0)) width(.3) ytitle("text") xtitle ("text") name(W6n2, replace)
hist euftf if cntry_wave >= 901 & cntry_wave < 912, percent by(cntry_wave_char) col("0 204 204") xlabel(0(2)10) ylabel(0(15)32, angle(0)) width(.3) ytitle("text") xtitle ("text") name(W9n1, replace)
hist euftf if cntry_wave >= 912, percent by(cntry_wave_char) col("0 204 204") xlabel(0(2)10) ylabel(0(15)32, angle(0)) width(.3) ytitle("text") xtitle ("text") name(W9n2, replace)
graph combine W4n1 W6n1 W9n1, rows(2) cols(2)
graph combine W4n2 W6n2 W9n2, rows(2) cols(2)
hist euftf if cntry_num < 13, percent by(cntry) col("0 204 204") xlabel(0(2)10) ylabel(0(5)32, angle(0)) xtitle("text") ytitle("text") width(.3) name(n1, replace)
hist euftf if cntry_num >= 13, percent by(cntry) col("0 204 204") xlabel(0(2)10) ylabel(0(5)32, angle(0)) xtitle("text") ytitle("text") width(.3) name(n2, replace)
graph combine n1 n2, cols(2)
mixed euftf, ml dfmethod(residual) var
est store A
mixed euftf || cntry: || cntry_wave: , ml dfmethod(residual) var
est store B
lrtest A B
est clear
estat icc
mixed euftf lrscale_m female agea_m eduyrs_m cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi || cntry: || cntry_wave: , reml dfmethod(residual) var
est store riwb
estat icc
display ttail(62, 3.49) * 2
display ttail(19, 1.80) * 2
foreach var of varlist female agea_m eduyrs_m {
	mixed euftf lrscale_m female agea_m eduyrs_m cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi || cntry: lrscale_m cntry_lrscale_diff, cov(unstructured) || cntry_wave: lrscale_m `var', cov(unstructured) iter(20) reml dfmethod(residual) var
	est store `var'
	}
foreach var of varlist female {
	lrtest riwb `var'
	}
foreach var of varlist female agea_m eduyrs_m {
	drop _est_`var'
	}
foreach var of varlist female agea_m eduyrs_m {
	mixed euftf lrscale_m female agea_m eduyrs_m cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi || cntry: lrscale_m cntry_lrscale_diff `var', cov(unstructured) || cntry_wave: lrscale_m, cov(unstructured) iter(20) reml dfmethod(residual) var
	est store `var'
	}
foreach var of varlist female agea_m eduyrs_m {
	drop _est_`var'
	}
foreach var of varlist gdp_z_diff cpi_diff {
	mixed euftf lrscale_m female agea_m eduyrs_m cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi || cntry: lrscale_m cntry_lrscale_diff `var', cov(unstructured) || cntry_wave: lrscale_m, cov(unstructured) iter(20) reml dfmethod(residual) var
	est store `var'
	}
foreach var of varlist gdp_z_diff cpi_diff {
	drop _est_`var'
	}
mixed euftf lrscale_m female agea_m eduyrs_m cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi || cntry: lrscale_m cntry_lrscale_diff, cov(unstructured) || cntry_wave: lrscale_m, cov(unstructured) reml dfmethod(residual) var
est store rswb
lrtest riwb rswb
drop _est_riwb _est_rswb
mixed euftf lrscale_m female agea_m eduyrs_m within_lr_int between_lr_int cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi || cntry: lrscale_m cntry_lrscale_diff, cov(unstructured) || cntry_wave: lrscale_m, cov(unstructured) reml dfmethod(residual) var
display ttail(62, 2.84) * 2
display ttail(19, 1.83) * 2
predict u0 u1 u2 u3 u4, reffects
predict u0se u1se u2se u3se u4se, reses
sort u1
egen pickone = tag(cntry)
gen u1rank = sum(pickone)
serrbar u1 u1se u1rank if pickone == 1, col("255 127 80") scale(1.96) yline(0) mvopts(mlabel(cntry) mlabpos(12) mlabgap(3) col("0 204 204")) xlab("") ylab(-5(1)5) ytitle("text") xtitle ("text") title("text")
drop u0 u1 u2 u3 u4 u0se u1se u2se u3se u4se pickone u1rank
gen missing_l2 = (cntry == "HR" | cntry == "IT" | cntry == "LV")
mixed euftf lrscale_m female agea_m eduyrs_m within_lr_int between_lr_int cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi missing_l2 || cntry: lrscale_m cntry_lrscale_diff, cov(unstructured) || cntry_wave: lrscale_m, cov(unstructured) reml dfmethod(residual) var
display ttail(62, 2.86) * 2
display ttail(18, 1.58) * 2
drop missing_l2
xtmixed euftf lrscale_m female agea_m eduyrs_m within_lr_int between_lr_int cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi || cntry_wave_char: lrscale_m, cov(unstructured) reml var
mltcooksd, fixed random counter graph
drop mltl2idstr
gen outliers_within = (cntry_wave_char == "BG 2008" | cntry_wave_char == "HR 2008" | cntry_wave_char == "CZ 2012" | cntry_wave_char == "CY 2018" | cntry_wave_char == "EE 2008" | cntry_wave_char == "DK 2018" | cntry_wave_char == "IT 2012" | cntry_wave_char == "IT 2018")
gen outliers_between = (cntry_wave_char == "DE 2018" | cntry_wave_char == "LV 2008" | cntry_wave_char == "LV 2018" | cntry == "PL" | cntry_wave_char == "ES 2018")
mixed euftf lrscale_m female agea_m eduyrs_m within_lr_int between_lr_int cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi outliers_within || cntry: lrscale_m cntry_lrscale_diff, cov(unstructured) || cntry_wave: lrscale_m, cov(unstructured) reml dfmethod(residual) var
display ttail(61, 2.68) * 2
mixed euftf lrscale_m female agea_m eduyrs_m within_lr_int between_lr_int cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi outliers_between || cntry: lrscale_m cntry_lrscale_diff, cov(unstructured) || cntry_wave: lrscale_m, cov(unstructured) reml dfmethod(residual) var
display ttail(19, 2.05) * 2
mixed euftf lrscale_m female agea_m eduyrs_m within_lr_int between_lr_int cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi outliers_within outliers_between || cntry: lrscale_m cntry_lrscale_diff, cov(unstructured) || cntry_wave: lrscale_m, cov(unstructured) reml dfmethod(residual) var
display ttail(60, 2.49) * 2
display ttail(19, 2.19) * 2
drop outliers_within outliers_between
xtmixed euftf lrscale_m female agea_m eduyrs_m within_lr_int between_lr_int cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi || cntry: , reml var
mltcooksd, fixed random counter graph
drop mltl2idstr
gen outliers_within = (cntry == "BG" | cntry_wave_char == "HR")
gen outliers_between = (cntry == "CZ" | cntry == "LV" | cntry == "PL")
mixed euftf lrscale_m female agea_m eduyrs_m within_lr_int between_lr_int cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi outliers_within || cntry: lrscale_m cntry_lrscale_diff, cov(unstructured) || cntry_wave: lrscale_m, cov(unstructured) reml dfmethod(residual) var
display ttail(62, 3.07) * 2
mixed euftf lrscale_m female agea_m eduyrs_m within_lr_int between_lr_int cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi outliers_between || cntry: lrscale_m cntry_lrscale_diff, cov(unstructured) || cntry_wave: lrscale_m, cov(unstructured) reml dfmethod(residual) var
display ttail(18, 1.51) * 2
mixed euftf lrscale_m female agea_m eduyrs_m within_lr_int between_lr_int cntry_lrscale_diff gdp_z_diff cpi_diff cntry_lrscale gdp_z cpi outliers_within outliers_between || cntry: lrscale_m cntry_lrscale_diff, cov(unstructured) || cntry_wave: lrscale_m, cov(unstructured) reml dfmethod(residual) var
display ttail(62, 3.06) * 2
display ttail(17, 1.98) * 2
drop outliers_within outliers_between
