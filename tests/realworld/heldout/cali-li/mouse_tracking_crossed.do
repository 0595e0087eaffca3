* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 35016161202 (a public GitHub .do file, question 1 of problem set 4 of a statistics course, 2019: mouse-tracking curvature measures from a csv, encode of the condition, four log-outcome linear models with crossed random effects of subject and exemplar (mixed ... || _all: R.subject_nr || _all: R.exemplar), r(table) copied into matrices, a mata block that picks rows 1, 5 and 6 of each with st_matrix, and putexcel of names and matrices into a .xls; the index does not name the repository)
* author: Cali Li (file header), November 2019
* licence: none stated
* data: df.csv = mouse_tracking
version 16.0
log using ps4_q1.log, text replace
import delimited df.csv , clear
describe
encode condition, generate(newcondition)
gen new_tot_dist= log(tot_dist)
mixed new_tot_dist newcondition || _all: R.subject_nr || _all: R.exemplar
matrix table1=r(table)
gen new_abs_dev= log(max_abs_dev)
mixed new_abs_dev newcondition || _all: R.subject_nr || _all: R.exemplar
matrix table2=r(table)
gen new_avg_dev= log(avg_abs_dev)
mixed new_avg_dev newcondition || _all: R.subject_nr || _all: R.exemplar
matrix table3=r(table)
gen new_auc= log(auc)
mixed new_auc newcondition || _all: R.subject_nr || _all: R.exemplar
matrix table4=r(table)
mata
table1=st_matrix("table1")
table1=table1[(1,5,6),1]
st_matrix("tot_dist",table1)
table2=st_matrix("table2")
table2=table2[(1,5,6),1]
st_matrix("max_abs_dev",table2)
table3=st_matrix("table3")
table3=table3[(1,5,6),1]
st_matrix("avg_abs_dev",table3)
table4=st_matrix("table4")
table4=table4[(1,5,6),1]
st_matrix("auc",table4)
end
putexcel set ps4_q1.xls, replace
putexcel A1=" "
putexcel A2="a"
putexcel A3="b"
putexcel A4="c"
putexcel B1="tot_dist"
putexcel C1="max_abs_dev"
putexcel D1="avg_abs_dev"
putexcel E1="auc"
putexcel B2=matrix(tot_dist)
putexcel C2=matrix(max_abs_dev)
putexcel D2=matrix(avg_abs_dev)
putexcel E2=matrix(auc)
log close
