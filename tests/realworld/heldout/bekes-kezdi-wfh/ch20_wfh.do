* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:gabors-data-analysis/da_case_studies@14a17c84e0addbe038f34efffcbb4afa5fc5b9b1 ch20-working-from-home/ch20-wfh.do (version 0.9 of the case study on working from home and employee performance -- the randomised experiment of a call-centre firm's employees (Bloom et al.), in Bekes and Kezdi's Data Analysis for Business, Economics, and Policy, chapter 20: cd, do of the reader's one-line directory file (not shipped), globals built from an unset global, cap mkdir, use of the tidy person-level file, order with abbreviated variable names (second_techn, prior_experi, ageyoungestc, costofcommut), save and use ..., replace, replace of an abbreviated name, tabstat ..., c(s) format() and s(sd) over a varlist range age-grosswage, reg treatment `z', robust nohead in a foreach over a varlist, des of an abbreviation, tabstat ..., by() s(mean sd n), label define/values, graph bar (mean) ... over() stack bar(#, col(navy*0.8)), graph export, lab var and la var, reg ..., robust with outreg2 ..., bdec() sdec() 2aster tex(frag) nonotes label replace/append)
* author: Gabor Bekes and Gabor Kezdi (file header)
* licence: free to share, modify and use for educational purposes, not for commercial purposes (file header)
* data: wfh_tidy_person = wfh_tidy_person
cd "C:/Users/x/GitHub/da_case_studies"
do set-data-directory.do
global data_in  "$data_dir/working-from-home/clean"
global work  	"ch20-working-from-home"
cap mkdir 		"$work/output"
global output 	"$work/output"
use "$data_in/wfh_tidy_person", clear
order personid treatment ordertaker type quitjob phonecalls0 phonecalls1 perform10 perform11 age male second_techn high_school tertiary_tec university prior_experi tenure married children ageyoungestc rental costofcommut bedroom internet basewage bonus grosswage
save "$work/ch20-wfh-workfile", replace
use "$work/ch20-wfh-workfile", replace
replace ageyoungest = . if children==0
tabstat perform10 age-grosswage ordertaker  if treatment==1, c(s) format(%5.2f)
tabstat perform10 age-grosswage ordertaker  if treatment==0, c(s) format(%5.2f)
tabstat perform10 age-grosswage ordertaker, s(sd) c(s) format(%5.2f)
foreach z of varlist perform10 age-grosswage ordertaker {
	reg treatment `z', robust nohead
}
des quit phonecalls1
tabstat quit , by(treatment) s(mean sd n)
tabstat phonecalls1 if ordertaker==1, by(treatment) s(mean sd n)
gen quit_pct = quitjob*100
gen stayed_pct = (1-quitjob)*100
lab def treatment 0 "text0" 1 "text1"
lab val treatment treatment
graph bar (mean) stayed_pct quit_pct, over(treatment) stack bar(1, col(navy*0.8)) bar(2, col(green*0.8)) ytitle("text") ylabel(0(25)100) legend(label(1 "text1") label(2 "text2"))
graph export "$output/figure-1.png", replace
lab var treatment "text"
lab var quitjob "text"
lab var phonecalls1 "text"
la var married "text"
lab var children "text"
lab var internet "text"
reg quitjob treatment , robust
 outreg2 using "$output/table-3", bdec(2) sdec(3) 2aster tex(frag) nonotes label replace
reg phonecalls1 treatment if ordertaker==1, robust
 outreg2 using "$output/table-3", bdec(2) sdec(2) 2aster tex(frag) nonotes label append
reg quitjob treatment married children internet, robust
 outreg2 using "$output/table-4", bdec(2) sdec(3) 2aster tex(frag) nonotes label replace
reg phonecalls1 treatment married children if ordertaker==1, robust
 outreg2 using "$output/table-4", bdec(2) sdec(2) 2aster tex(frag) nonotes label append
