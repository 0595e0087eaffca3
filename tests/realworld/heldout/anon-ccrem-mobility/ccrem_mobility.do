* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 55339014594 (a public GitHub .do file comparing models of student mobility across schools in a longitudinal mathematics panel: a naive three-level model (occasions in students in schools, || school: , covariance(identity) || student: time, cov(unstructured)), an acute-effects cross-classified model with || _all: R.school, then cumulative-effects multiple-membership models whose school weights are built by tabulate ..., generate() dummies filled downward within student by a forvalues loop over r(r) and entered as || _all: w*, nocons covariance(identity), and the same with the weights standardised to sum to one by egen rowtotal(); each with reml variance; the index does not name the repository)
* author: unknown (path in the file: a home Desktop folder)
* licence: none stated
* data: cleaned_data.csv = ccrem_mobility
cd "/Users/x/Desktop/"
import delimited "cleaned_data.csv", clear
browse
mixed math time female ses public suspension platform || school: , covariance(identity) || student: time, cov(unstructured) reml variance
mixed math time female ses public suspension platform || _all: R.school, nocons covariance(identity) || student: time, cov(unstructured) reml variance
tabulate school, generate(d)
local n_schools = r(r)
forvalues x = 1/`n_schools' {
	gen w`x' = d`x'
	bysort student: replace w`x' = w`x'[_n-1] if w`x'==0 & w`x'[_n-1]==1
}
mixed math time female ses public suspension platform || _all: w*, nocons covariance(identity) || student: time, cov(unstructured) reml variance
egen tot_w = rowtotal(w*)
foreach x of varlist w* {
	replace `x' = `x' / tot_w
}
mixed math time female ses public suspension platform || _all: w*, nocons covariance(identity) || student: time, cov(unstructured) reml variance
