* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 21058300580 (a public GitHub .do file of a master's thesis experiment in human-computer interaction: participants each judge a series of pattern-detection trials under four interface versions in a counterbalanced run order -- string answers to 0/1 and ordinal codes by gen/replace ... if, encode, centring by hand, tabulate ..., generate(), xtset of the participant alone, random-effects xtlogit with factor variables and c.#i. interactions, margins, at() and marginsplot, collin (UCLA ATS, findit collin), predict xb, scatter and kdensity of residuals; the author stops the run with the undefined word stop three times; the index does not name the repository)
* author: unknown (TU Eindhoven student per the path in the file)
* licence: none stated
* data: complete_df_precision = pattern_detection_trials
clear
cls
set more off
use "C:\Users\student\thesis\results\complete_df_precision" 
summarize
describe
drop if participant == 11
drop if participant == 42
gen is_detected_dummy = .
replace is_detected_dummy = 0 if is_detected == "False"
replace is_detected_dummy = 1 if is_detected == "True"
encode gender, gen(gender_type)
gen experience_order = .
replace experience_order = 0 if experience == "None"
replace experience_order = 1 if experience == "Heard of it"
replace experience_order = 2 if experience == "Somewhat"
replace experience_order = 3 if experience == "Used it several times"
replace experience_order = 4 if experience == "Used it many times"
gen education_order = .
replace education_order = 0 if education == "Highschool"
replace education_order = 1 if education == "Applied university (HBO in Dutch)/ University bachelor"
replace education_order = 2 if education == "University master"
replace education_order = 3 if education == "Doctorate or equivalent"
gen age_order = .
replace age_order = 0 if age == "18-20"
replace age_order = 1 if age == "21-25"
replace age_order = 2 if age == "26-30"
replace age_order = 3 if age == "31-35"
gen centered_sequence_ID = .
replace centered_sequence_ID = sequenceid - 5.5
gen centered_ID = .
replace centered_ID = id - 149.5
encode version, gen(version_type)
tabulate version, generate(version_)
encode pattern, gen(pattern_type)
gen centered_order = .
replace centered_order = -1.5 if run_order == 1
replace centered_order = -0.5 if run_order == 2
replace centered_order = 0.5 if run_order == 3
replace centered_order = 1.5 if run_order == 4
xtset participant
xtlogit is_detected_dummy age_order i.gender_type education_order experience_order
xtlogit is_detected_dummy i.pattern_type
xtlogit is_detected_dummy centered_order c.centered_ID c.centered_sequence_ID i.pattern_type ib4.version_type
xtlogit is_detected_dummy  centered_ID c.centered_sequence_ID i.pattern_type c.centered_order##i.version_type c.centered_sequence_ID##i.version_type
* mlm-expect: r(199)
stop
xtlogit is_detected_dummy  id c.sequenceid i.pattern_type c.run_order##ib4.version_type
margins, at (run_order =(1, 2, 3, 4) version_type = (1,2,3,4))
marginsplot
* mlm-expect: r(199)
stop
collin centered_sequence_ID centered_ID pattern_type centered_order version_type
predict double p, xb
predict double res
scatter res p
kdensity res
* mlm-expect: r(199)
stop
