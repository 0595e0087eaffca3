* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 56995071670 (a public GitHub .do file, replication package of a randomized trial of AI tools in legal tasks; the index does not name the repository) (excerpt: from the second import to the end: the pooled models, the random-intercept model with estat icc and margins, the fixed- and random-effects panel models, hausman and suest; the first part's per-outcome lincom tables left out)
* author: Jared Sloan (paths in the file)
* licence: none stated
* data: combined_data_for_stata.csv = ai_lawyering
cd "C:\Users\x\Replication Package"
import delimited "combined_data_for_stata.csv", clear
drop if outcome == "Productivity"
drop if outcome == "Time_Spent"
drop if outcome == "Total_Score"
encode ai_condition, generate(ai_condition_cat)
encode outcome, generate(outcome_cat)
encode task, generate(task_cat)
encode student_number, generate(student_number_cat)
encode group, generate(group_cat)
bysort student_number: egen outcome_count = count(score)
forvalues i = 1/5{ 
quietly sum score	if outcome_cat==`i' & ai_condition_cat==2
di `i'
di r(mean)
di r(sd)
}
forvalues j = 1/6{ 
quietly sum score	if task_cat==`j' & ai_condition_cat==2
di `j'
di r(mean)
di r(sd)
}
sum score if ai_condition_cat==2
regress score ib2.ai_condition_cat##outcome_cat##i.task_cat, vce(cluster student_number) nofvlabel
regress score ib2.ai_condition_cat##outcome_cat##i.task_cat i.group_cat, vce(cluster student_number)
regress score ib2.ai_condition_cat##i.outcome_cat##i.task_cat, vce(cluster student_number) nofvlabel
margins outcome_cat#task_cat, at(ai_condition_cat=2)
forvalues i = 1/5 { 
forvalues j=1/6 {
margins ai_condition_cat, at(outcome_cat=`i' task_cat=`j') pwcompare(effect)
}
}
regress score ib2.ai_condition_cat##i.outcome_cat i.task_cat, vce(cluster student_number)
margins ai_condition_cat#outcome_cat
forvalues i = 1/5 { 
margins ai_condition_cat, at(outcome_cat=`i') pwcompare(effect)
}
regress score ib2.ai_condition_cat##task_cat i.outcome_cat, vce(cluster student_number)
margins ai_condition_cat#task_cat
forvalues i = 1/6 { 
margins ai_condition_cat, at(task_cat=`i') pwcompare(effect)
}
mixed score ib2.ai_condition_cat##i.outcome_cat##i.task_cat || student_number:
est store re_mixed
estat icc
margins outcome_cat#task_cat, at(ai_condition_cat=2)
forvalues i = 1/5 { 
forvalues j=1/6 {
margins ai_condition_cat, at(outcome_cat=`i' task_cat=`j') pwcompare(effect)
}
}
mixed score ib2.ai_condition_cat##i.outcome_cat##i.task_cat i.student_number_cat
preserve
gen time_id = task_cat*10 + outcome_cat
bysort student_number time_id: gen dup = _N
tab dup
drop dup
xtset student_number_cat time_id
xtreg score ib2.ai_condition_cat##i.outcome_cat##i.task_cat i.group_cat, fe
estimates store fe_model
tempfile results_order
postfile handle int task int outcome int condition double control double control_sd int row_n double coef double se double pval using `results_order', replace
forvalues i = 1/5{ 
forvalues j=1/6{
forvalues k=1(2)3{
lincom `k'.ai_condition_cat + `k'.ai_condition_cat#`i'.outcome_cat + `k'.ai_condition_cat#`j'.task_cat + `k'.ai_condition_cat#`i'.outcome_cat#`j'.task_cat
local coef = r(estimate)
local se = r(se)
local pval = r(p)
sum score if task_cat == `j' & outcome_cat == `i' & ai_condition_cat == 2
local control = r(mean)
local control_sd = r(sd)
count if task_cat == `j' & outcome_cat == `i'
local row_n = r(N)
post handle (`j') (`i') (`k') (`control') (`control_sd') (`row_n') (`coef') (`se') (`pval') 
}
}
}
postclose handle
use `results_order', clear
export delimited using "lincom_results.csv", replace
restore
lincom 3.ai_condition_cat + 3.ai_condition_cat#3.outcome_cat + 3.ai_condition_cat#1.task_cat + 3.ai_condition_cat#3.outcome_cat#1.task_cat
matrix A = r(table)
di `A'
matrix list e(b)
forvalues i = 1/5 { 
forvalues j=1/6 {
margins ai_condition_cat, at(outcome_cat=`i' task_cat=`j') pwcompare(effect)
}
}
* mlm-expect: r(459)
xtreg score ib2.ai_condition_cat##i.outcome_cat##i.task_cat, re
estimates store re_model
est table fe_model re_model, b(%9.3f) se(%9.3f) stats(N r2)
hausman fe_model re_model, sigmamore
* mlm-expect: r(459)
xtreg score ib2.ai_condition_cat##i.outcome_cat##i.task_cat, re vce(cluster student_number)
regress score ib2.ai_condition_cat##i.outcome_cat##i.task_cat, vce(cluster student_number)
* mlm-expect: r(459)
xtreg score ib2.ai_condition_cat##i.outcome_cat##i.task_cat, re vce(cluster student_number)
* mlm-expect: r(321)
estat mundlak
* mlm-expect: r(111)
xtset student_number_cat time_id
* mlm-expect: r(459)
xtreg score ib2.ai_condition_cat##i.outcome_cat##i.task_cat, fe vce(cluster student_number)
* mlm-expect: r(459)
xtreg score ib2.ai_condition_cat##i.outcome_cat##i.task_cat i.group_cat, fe vce(cluster student_number)
estimates store fe_model
regress score i.student_number_cat ib2.ai_condition_cat##i.outcome_cat##i.task_cat, vce(cluster student_number)
regress score i.student_number_cat ib2.ai_condition_cat##i.outcome_cat i.task_cat, vce(cluster student_number)
regress score i.student_number_cat ib2.ai_condition_cat i.outcome_cat##i.task_cat, vce(cluster student_number)
* mlm-expect: r(111)
xtset student_number_cat time_id
* mlm-expect: r(459)
xtreg score ib2.ai_condition_cat##i.outcome_cat##i.task_cat, fe
forvalues i = 1/5 { 
forvalues j=1/6 {
margins ai_condition_cat, at(outcome_cat=`i' task_cat=`j') pwcompare(effect)
}
}
regress score ib2.ai_condition_cat##i.outcome_cat##i.task_cat, vce(cluster student_number)
* mlm-expect: r(321)
estat mundlak
regress score i.student_number_cat ib2.ai_condition_cat##outcome_cat i.task_cat, vce(cluster student_number)
margins ai_condition_cat#outcome_cat
forvalues i = 1/5{ 
forvalues k=1(2)3{
lincom `k'.ai_condition_cat + `k'.ai_condition_cat#`i'.outcome_cat
}
}
regress score i.student_number_cat ib2.ai_condition_cat##task_cat i.outcome_cat, vce(cluster student_number)
margins ai_condition_cat#task_cat
forvalues j=1/6{ 
forvalues k=1(2)3{
lincom `k'.ai_condition_cat + `k'.ai_condition_cat#`j'.task_cat
}
}
regress score i.student_number_cat ib2.ai_condition_cat i.task_cat i.outcome_cat, vce(cluster student_number)
regress score ib2.ai_condition_cat i.task_cat i.outcome_cat, vce(cluster student_number)
sum score if ai_condition_cat==2
forvalues i=1/5{ 
di `i'
regress score ib2.ai_condition_cat##i.task_cat if outcome_cat == `i'
forvalues j=1/6{
margins ai_condition_cat, at(task_cat=`j') pwcompare(effect)
}
}
regress score ib2.ai_condition_cat##i.outcome_cat##i.task_cat
estimates store re
regress score ib2.ai_condition_cat##i.outcome_cat##i.task_cat i.student_number_cat
estimates store fe
suest re fe, vce(cluster student_number)
test [re_mean = fe_mean],cons common
