* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 41626038529 (a public GitHub .do file of a study of health-service use in the COVID-19 pandemic, KwaZulu-Natal part: interrupted time series over 24 months by district and by facility -- collapse (sum) by district and month, level- and slope-change terms and season dummies, xtset, xtgee family(gaussian) / family(poisson) link(log) / family(nbinomial) link(power) corr(exchangeable) vce(robust) in loops, margins postCovid, post, nlcom of the ratio of the two margins, post, putexcel of _b[rr] and _se[rr]-based limits; then twoway plots of collapsed series with lfit and a GEE fitted before the interruption predicted afterwards; the index does not name the repository; a sibling file, id 41929936780, does the same for Chile)
* author: unknown
* licence: none stated
* data: $user/$KZNdata/Data for analysis/KZN_su_24months_for_analyses.dta = kzn_facility_months
use "$user/$KZNdata/Data for analysis/KZN_su_24months_for_analyses.dta",  clear
collapse (sum) opd_util anc_util del_util, by (dist year month rmonth)
sort dist rmonth
gen postCovid = rmonth>15
gen timeafter= rmonth-15
replace timeafter=0 if timeafter<0
gen spring = month>=3 & month<=5
gen summer = month>=6 & month<=8
gen fall = month>=9 & month<=11
gen winter= month==12 | month==1 | month==2
save "$user/$KZNdata/Data for analysis/KZNtmp.dta",  replace
xtset dist rmonth 
putexcel set "$analysis/Results/Prelim results APR28.xlsx", sheet(KZN)  modify
putexcel A1 = "Table A"
putexcel A2 = "Column 1" B2="Column 2" C2="Column 3" D2="Column 4" 
local i = 2
foreach var in opd_util anc_util del_util  {
	local i = `i'+1
	xtgee `var' i.postCovid rmonth timeafter i.spring i.summer i.fall i.winter , family(gaussian) link(identity) corr(exchangeable) vce(robust)	
	margins postCovid, post
	nlcom (rr: (_b[1.postCovid]/_b[0.postCovid])) , post
	putexcel A`i' = "`var'"
	putexcel B`i'= (_b[rr])
	putexcel C`i'= (_b[rr]-invnormal(1-.05/2)*_se[rr])  
	putexcel D`i'= (_b[rr]+invnormal(1-.05/2)*_se[rr])
}
use "$user/$KZNdata/Data for analysis/KZN_su_24months_for_analyses.dta",  clear
egen unique_id = concat(dist subdist Facility)
encode unique_id, gen(id)
sort id rmonth
gen postCovid = rmonth>14
gen timeafter= rmonth-15
replace timeafter=0 if timeafter<0
gen spring = month>=3 & month<=5
gen summer = month>=6 & month<=8
gen fall = month>=9 & month<=11
gen winter= month==12 | month==1 | month==2
xtset id rmonth 
putexcel set "$analysis/Results/Prelim results APR28.xlsx", sheet(KZN)  modify
putexcel A7 = "Table B"
putexcel A8 = "Column 1" B8="Column 2" C8="Column 3" D8="Column 4" 
local i = 8
foreach var in opd_util anc_util del_util  {
	local i = `i'+1
	xtgee `var' i.postCovid rmonth timeafter i.spring i.summer i.fall i.winter, family(gaussian) link(identity) corr(exchangeable) vce(robust)	
	margins postCovid, post
	nlcom (rr: (_b[1.postCovid]/_b[0.postCovid])) , post
	putexcel A`i' = "`var'"
	putexcel B`i'= (_b[rr])
	putexcel C`i'= (_b[rr]-invnormal(1-.05/2)*_se[rr])  
	putexcel D`i'= (_b[rr]+invnormal(1-.05/2)*_se[rr])
}
putexcel set "$analysis/Results/Prelim results APR28.xlsx", sheet(KZN)  modify
putexcel A13 = "Table C"
putexcel A14 = "Column 1" B14="Column 2" C14="Column 3" D14="Column 4" 
local i = 14
foreach var in opd_util anc_util del_util  {
	local i = `i'+1
	xtgee `var' i.postCovid rmonth timeafter i.spring i.summer i.fall i.winter, family(poisson) link(log) corr(exchangeable) vce(robust)	
	margins postCovid, post
	nlcom (rr: (_b[1.postCovid]/_b[0.postCovid])) , post
	putexcel A`i' = "`var'"
	putexcel B`i'= (_b[rr])
	putexcel C`i'= (_b[rr]-invnormal(1-.05/2)*_se[rr])  
	putexcel D`i'= (_b[rr]+invnormal(1-.05/2)*_se[rr])
}
putexcel set "$analysis/Results/Prelim results APR28.xlsx", sheet(KZN)  modify
putexcel A20 = "Table D"
putexcel A21 = "Column 1" B21="Column 2" C21="Column 3" D21="Column 4" 
local i = 21
foreach var in opd_util anc_util del_util  {
	local i = `i'+1
	xtgee `var' i.postCovid rmonth timeafter i.spring i.summer i.fall i.winter, family(nbinomial) link(power) corr(exchangeable) vce(robust)	
	margins postCovid, post
	nlcom (rr: (_b[1.postCovid]/_b[0.postCovid])) , post
	putexcel A`i' = "`var'"
	putexcel B`i'= (_b[rr])
	putexcel C`i'= (_b[rr]-invnormal(1-.05/2)*_se[rr])  
	putexcel D`i'= (_b[rr]+invnormal(1-.05/2)*_se[rr])
}
			u "$user/$KZNdata/Data for analysis/KZNtmp.dta", clear
			collapse (sum)  del_util , by(rmonth)
			twoway (scatter del_util rmonth,  sort msize(small)) (lfit del_util rmonth if rmonth<16) (lfit del_util rmonth if rmonth>=16, lcolor(green)), ylabel(, labsize(small)) xline(15, lpattern(dash) lcolor(black)) xtitle("Axis", size(small)) legend(off) graphregion(color(white)) title("Panel 1", size(small)) xlabel(1(1)24) xlabel(, labsize(small)) ylabel(0(2500)15000, labsize(small))
			graph export "$analysis/Results/Graphs/KZN_del_util.pdf", replace
			u "$user/$KZNdata/Data for analysis/KZNtmp.dta", clear
			collapse (sum) anc_util , by(rmonth)
			twoway (scatter anc_util rmonth, msize(small) sort) (lfit anc_util rmonth if rmonth<16) (lfit anc_util rmonth if rmonth>=16, lcolor(green)) , ylabel(, labsize(small)) xline(15, lpattern(dash) lcolor(black)) xtitle("Axis", size(small)) legend(off) graphregion(color(white)) title("Panel 2", size(small)) xlabel(1(1)24) xlabel(, labsize(small)) ylabel(0(5000)30000, labsize(small))
			graph export "$analysis/Results/Graphs/KZN_anc_util.pdf", replace
			u "$user/$KZNdata/Data for analysis/KZNtmp.dta", clear
			 drop if rmonth>15
			xtset dist rmonth
			 xtgee opd_util rmonth , family(gaussian) link(identity) corr(exchangeable) vce(robust)	
			u "$user/$KZNdata/Data for analysis/KZNtmp.dta", clear
			rename opd_util opd_util_real
			predict opd_util
			collapse (sum) opd_util_real opd_util , by(rmonth)
			twoway (line opd_util_real rmonth,  sort) (line opd_util rmonth), ylabel(, labsize(small)) xline(15, lpattern(dash) lcolor(black)) xtitle("Axis", size(small)) legend(off) graphregion(color(white)) title("Panel 3", size(small)) xlabel(1(1)24) xlabel(, labsize(small)) ylabel(0(50000)500000, labsize(vsmall))
			graph export "$analysis/Results/Graphs/KZN_opd_util.pdf", replace
rm "$user/$KZNdata/Data for analysis/KZNtmp.dta"
