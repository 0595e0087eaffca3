* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 5578813280 (a public GitHub .do file, a practical introducing repeated-measures growth curves of adolescent depression with mixed; the index does not name the repository)
* author: Alex Kwong (file header), June 2021
* licence: none stated
* data: FILEPATH\Dataset.dta = dep_trajectories
* data: Dataset.dta = dep_trajectories
use "FILEPATH\Dataset.dta", clear
use "Dataset.dta", clear
browse
reshape long dep_t age_t, i(subject) j(occasion)
rename age_t age
rename dep_t dep
order subject occasion age dep
sort subject occasion
bysort occasion: sum age dep
sort subject occ 
egen Age = mean(age), by(occasion)
egen Depression = mean(dep), by(occasion)
twoway connected Depression Age, sort
twoway connect dep age if subject == 5
twoway connect dep age if subject == 19
twoway connect dep age if subject == 6167
twoway connect dep age if subject == 96
bysort sex occ: sum age dep
egen Females = mean(dep) if sex==1, by(occasion)
egen Males = mean(dep) if sex==0, by(occasion)
twoway connected Females Age, sort || connected Males Age, sort  
mixed dep age || subject:, covariance(uns) cformat(%9.2f)
sum age
gen age_15 = age-15.06738
sum age_15
mixed dep age_15 || subject:, covariance(uns) cformat(%9.2f)
sum age
gen age_11 = age-11.33333
sum age_11
mixed dep age_11 || subject:, covariance(uns) cformat(%9.2f)
predict simple_model
sort subject occasion
twoway (line simple_model age, sort), ytitle("text") xtitle("text")
twoway (line simple_model age, sort), yline(3.57) xline(11.33333) ytitle("text") xtitle("text")
di 11.33333 - 16
di 0.44 * 4.66667
di 3.571637 + 2.0533348
twoway (line simple_model age, sort), yline(5.6249718) xline(16) ytitle("text") xtitle("text")
di %9.0f -2*(-64651.116)
di %9.0f -2*e(ll)
estimates store m1
mixed dep age_11 || subject: age_11, covariance(uns) cformat(%9.2f)
di %9.0f -2*e(ll)
estimates store m2
lrtest m1 m2
mixed dep age_11 sex || subject: age_11, covariance(uns) cformat(%9.2f)
estimates store m3
di 1.41 + 2.82
predict complex_model
twoway (line complex_model age if sex==0, sort lpattern(solid)) || (line complex_model age if sex==1, sort lpattern(dash))||, yline(4.23) xline(11.33333) ytitle("text") xtitle("text") legend(label(1 "a") label(2 "b"))
gen age_11xsex = age_11*sex
mixed dep age_11 sex age_11xsex || subject: age_11, covariance(uns) cformat(%9.2f)
predict final_model
estimates store m4
lrtest m3 m4
di 11.33333 - 18
di 6.66667 * 0.31
di 3.2 + 2.0731937
twoway (line final_model age if sex==0, sort lpattern(solid)) || (line final_model age if sex==1, sort lpattern(dash))||, yline(5.2898047) xline(18) ytitle("text") xtitle("text") legend(label(1 "a") label(2 "b"))
di 11.33333 - 18
di 6.66667 * (0.31 + 0.23)
di 3.6000018 + (3.22 + 0.69)
twoway (line final_model age if sex==0, sort lpattern(solid)) || (line final_model age if sex==1, sort lpattern(dash))||, yline(7.5100018) xline(18) ytitle("text") xtitle("text") legend(label(1 "a") label(2 "b"))
