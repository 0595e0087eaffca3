* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 25665469517 (a public GitHub .do file of a laboratory experiment on need-based redistribution with and without experts: the attempts needed for agreement rebuilt with a running sum and a forvalues loop over rows, group ranges of endowments from summarize r(max)-r(min) in a loop over groups, tabulations under preserve/restore and bysort, egen rank(), tab ..., gen(), indices of justice items, xtset, fvset base, random-effects ordered logits (xtologit) with factor interactions stored with est store and tabulated with esttab; the index does not name the repository)
* author: unknown (paths in the file: Lutz, Tepe; a DFG research group, FOR2104)
* licence: none stated
* data: 20170721_expert_arbeitsdatei.dta = expert_experiment
cd "C:\Users\x\Daten"
use "20170721_expert_arbeitsdatei.dta", clear
set more off
keep if check == 1
sort id period
by id: gen c=sum(voteresult)
order id numagree c rep  voteresult  period numagree rep voteresult
sort id c
quietly by id c:  gen dap = cond(_n==_n+1,99,_n)
gen running = _n
gen dap2=.
forvalues i = 2(1)861 {
               replace dap2 = dap[`i'-1] if running==`i'
           }
replace dap2 = 1 if running == 1
order id numagree c rep dap dap2
replace rep = dap2
drop dap2
keep if voteresult == 1
drop einigung
gen fullinfo = 0
replace fullinfo = 1 if sessionid > 3
gen with_expert = 0
replace with_expert = 1 if treatmentside == 2
replace treatment = treatmentside
gen newperiod = c
replace numagree = newperiod
keep if role_expert == 0
bysort treatment: sum rep
keep if voteresult== 1
egen groupid = group(sessionid period group)
gen ed = .
replace ed = distributeex1 if groupmember == 1
replace ed = distributeex2 if groupmember == 2
replace ed = distributeex3 if groupmember == 3
gen cd = .
replace cd = distributeco1 if groupmember == 1
replace cd = distributeco2 if groupmember == 2
replace cd = distributeco3 if groupmember == 3
gen endowment_q = .
replace endowment_q =1 if endowment <=2
replace endowment_q =2 if endowment >2 & endowment < 7
replace endowment_q =3 if endowment >=7
gen success_m =  0
replace success_m = 1 if groupmember == 1 & distributeco1+endowment > 9
replace success_m = 1 if groupmember == 2 & distributeco2+endowment > 9
replace success_m = 1 if groupmember == 3 & distributeco3+endowment > 9
gen success_e =  0
replace success_e = 1 if groupmember == 1 & distributeex1+endowment > 9
replace success_e = 1 if groupmember == 2 & distributeex2+endowment > 9
replace success_e = 1 if groupmember == 3 & distributeex3+endowment > 9
bysort groupid: egen sum_success =sum(success)
bysort groupid: egen sum_success_m =sum(success_m)
bysort groupid: egen sum_success_e =sum(success_e)
sort groupid
gen range = .
 forvalues i = 1(1)468 {
                 sum  endowment if groupid == `i'
				 replace range = r(max)-r(min) if groupid == `i'
           }
tab treatment success, col
preserve
keep if fullinfo == 0
bysort ressources: tab treatment success, col
bysort ressources: tab treatment sum_success_m, col row
bysort ressources: tab treatment sum_success_e, col row
restore
bysort groupid: egen inc_pos = rank(endowment)
tab inc_pos, gen(inc_pos_)
gen distribute = distributeex1 if groupmember == 1
replace distribute = distributeex2 if groupmember == 2
replace distribute = distributeex3 if groupmember == 3
gen linos_equality = (linos_c + linos_k + linos_g)/3
gen linos_need = (linos_e + linos_j + linos_a)/3
gen linos_equity = (linos_b + linos_i + linos_h)/3
gen linos_entitlement = (linos_d + linos_l + linos_f)/3
gen needorientation = 0
replace needorientation = 1 if sum_success_m == 3
xtset id newperiod
keep if chosenone == 1
gen treat_cat = .
replace treat_cat = 1 if with_expert==0 & fullinfo==0
replace treat_cat = 2 if with_expert==1 & fullinfo==0
replace treat_cat = 3 if with_expert==0 & fullinfo==1
replace treat_cat = 4 if with_expert==1 & fullinfo==1
label define treat_cat_lb 1 "a" 2 "b" 3 "c" 4 "d"
label values treat_cat treat_cat_lb
label var treat_cat "v"
gen need_just = 0
replace need_just = 1 if sum_success_m==3
xtset id newperiod
fvset base 15 ressources
xtologit sum_success_m i.ressources i.treat_cat   range newperiod
est store m1
xtologit sum_success_m              i.treat_cat   range newperiod if ressources==10,
est store m2
xtologit sum_success_m              i.treat_cat   range newperiod if ressources==15,
est store m3
xtologit sum_success_m              i.treat_cat   range newperiod if ressources==20,
est store m4
xtologit sum_success_m i.ressources##i.treat_cat  range newperiod
est store m5
esttab m1 m2 m3 m4 m5 using tab_A.csv, se(2) brackets star(* 0.10 ** 0.05 *** 0.01) ar2 bic nogaps replace label
xtologit sum_success_m i.ressources##i.treat_cat  range newperiod if fullinfo==0
xtologit sum_success_m i.ressources##i.treat_cat  range newperiod if fullinfo==1
xtologit sum_success_m i.ressources i.with_expert##i.fullinfo   range newperiod
xtologit sum_success_m i.ressources                   newperiod
estimates store m1
xtologit sum_success_m i.ressources i.with_expert     newperiod
estimates store m2
xtologit sum_success_m i.ressources##i. with_expert   newperiod
estimates store m3
xtologit sum_success_m i.ressources i.treat_cat       newperiod
estimates store m4
xtologit sum_success_m i.ressources##i.treat_cat      newperiod
estimates store m5
esttab m1 m2 m3 m4 m5 using tab_A.csv, p(2) brackets star(* 0.10 ** 0.05 *** 0.01) ar2 bic nogaps replace label
