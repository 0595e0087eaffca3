* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:vincecarse/EC331@5093e34dc6f9540e57f0dbd413b26a22687a33df Regressions_and_visualisations/hs_reg.do (code-index file id 25625078748: an undergraduate thesis on Texas school finance and high-school TAKS scores, a campus-year panel -- import delimited, tabulate ..., gen() dummies of the district type, lags by [_n-1], per-pupil revenue ratios, egen mean() demeaning, xtset campus year, then for math and English an eststo clear, quietly regress and five quietly xtreg ..., fe (with i.year, and if var3 / var4 / var7 subsamples) each followed by estadd local and eststo, all written in #delimit ; blocks, and an esttab using .tex with nodepvars mlabels(none) ar2 indicate() nonotes addnotes() title() coef() stats(N fe, labels()); the author's '#'-lines (comments that Stata would refuse) are left out as comments)
* author: Vincent Carse (repository vincecarse, per the paths in the file)
* licence: none stated
* data: /Users/x/project/balanced_panel_real_hs.csv = texas_hs_campus_panel
clear
import delimited /Users/x/project/balanced_panel_real_hs.csv

tabulate description, gen(var)
gen recapture  = (dist_wealth_transfers>0)

gen taks_math_gr9_lag1 = taks_math_gr9[_n-1]
gen taks_reading_gr9_lag1 = taks_reading_gr9[_n-1]

gen dist_total_rev_per_pupil = dist_total_rev/all_stud_dist
gen dist_local_rev_per_pupil = dist_local_rev/all_stud_dist
gen dist_state_rev_per_pupil = dist_state_rev/all_stud_dist
gen dist_other_rev_per_pupil = dist_other_rev/all_stud_dist
gen dist_federal_rev_per_pupil = dist_federal_rev/all_stud_dist
gen dist_oil_val_per_pupil = dist_oil_val/all_stud_dist
gen dist_wealth_transfers_per_pupil = dist_wealth_transfers/all_stud_dist

gen taks_reading_gr10 = taks_ela_gr10

egen dist_total_val_per_pupil_mean  = mean(dist_total_val_per_pupil)
gen dist_total_val_per_pupil_demean  = dist_total_val_per_pupil - dist_total_val_per_pupil_mean

xtset campus year

eststo clear

#delimit ;

quietly reg taks_math_gr10 taks_math_gr9_lag1  
per_pupil_exp econ_dis_stu_percent 
teacher_avg_salary teacher_experience math_class_size;

#delimit cr

estadd local fe No

eststo

#delimit ;

quietly xtreg taks_math_gr10 taks_math_gr9_lag1  
per_pupil_exp econ_dis_stu_percent 
teacher_avg_salary teacher_experience math_class_size, fe ;

#delimit cr

estadd local fe Yes

eststo

#delimit ;

quietly xtreg taks_math_gr10 taks_math_gr9_lag1  
per_pupil_exp econ_dis_stu_percent 
teacher_avg_salary teacher_experience math_class_size i.year, fe ;

#delimit cr

estadd local fe Yes

eststo

#delimit ;

quietly xtreg taks_math_gr10 taks_math_gr9_lag1  
per_pupil_exp econ_dis_stu_percent 
teacher_avg_salary teacher_experience math_class_size i.year if var3, fe ;

#delimit cr

estadd local fe Yes

eststo

#delimit ;

quietly xtreg taks_math_gr10 taks_math_gr9_lag1  
per_pupil_exp econ_dis_stu_percent 
teacher_avg_salary teacher_experience math_class_size i.year if var4, fe ;

#delimit cr

estadd local fe Yes

eststo

#delimit ;

quietly xtreg taks_math_gr10 taks_math_gr9_lag1  
per_pupil_exp econ_dis_stu_percent 
teacher_avg_salary teacher_experience math_class_size i.year if var7, fe ;

#delimit cr

estadd local fe Yes

eststo

#delimit ;

esttab using table_one.tex, nodepvars mlabels(none) ar2 indicate("year fe = *year") nonotes addnotes(
"note one"
"note two"
"note three"
"note four")

title("Table one")
coef(taks_math_gr10 "Outcome"  taks_math_gr9_lag1   "Lag"
per_pupil_exp "Label a" econ_dis_stu_percent "Label b"
teacher_avg_salary "Label c" teacher_experience "Label d"
math_class_size "Label e" _cons "Constant")

 stats(N  fe, labels("N"))

 ;

#delimit cr

eststo clear

#delimit ;

quietly reg taks_reading_gr10 taks_reading_gr9_lag1  
per_pupil_exp econ_dis_stu_percent 
teacher_avg_salary teacher_experience eng_class_size;

#delimit cr

estadd local fe No

eststo

#delimit ;

quietly xtreg taks_reading_gr10 taks_reading_gr9_lag1  
per_pupil_exp econ_dis_stu_percent 
teacher_avg_salary teacher_experience eng_class_size, fe ;

#delimit cr

estadd local fe Yes

eststo

#delimit ;

quietly xtreg taks_reading_gr10 taks_reading_gr9_lag1  
per_pupil_exp econ_dis_stu_percent 
teacher_avg_salary teacher_experience eng_class_size i.year, fe ;

#delimit cr

estadd local fe Yes

eststo

#delimit ;

quietly xtreg taks_reading_gr10 taks_reading_gr9_lag1  
per_pupil_exp econ_dis_stu_percent 
teacher_avg_salary teacher_experience eng_class_size i.year if var3, fe ;

#delimit cr

estadd local fe Yes

eststo

#delimit ;

quietly xtreg taks_reading_gr10 taks_reading_gr9_lag1  
per_pupil_exp econ_dis_stu_percent 
teacher_avg_salary teacher_experience eng_class_size i.year if var4, fe ;

#delimit cr

estadd local fe Yes

eststo

#delimit ;

quietly xtreg taks_reading_gr10 taks_reading_gr9_lag1  
per_pupil_exp econ_dis_stu_percent 
teacher_avg_salary teacher_experience eng_class_size i.year if var7, fe ;

#delimit cr

estadd local fe Yes

eststo

#delimit ;

esttab using table_two.tex, nodepvars mlabels(none) ar2 indicate("year fe = *year") nonotes addnotes(
"note one"
"note two"
"note three"
"note four")

title("Table two")
coef(taks_reading_gr10 "Outcome"  taks_reading_gr9_lag1   "Lag"
per_pupil_exp "Label a" econ_dis_stu_percent "Label b"
teacher_avg_salary "Label c" teacher_experience "Label d"
eng_class_size "Label f" _cons "Constant")

 stats(N fe, labels("N"))

 ;

#delimit cr
