* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37342686980 (a public GitHub .do file, replication materials of an informant/expert-sampling paper; the index does not name the repository) (excerpt: the simulation and two of its figures)
* author: unknown
* licence: none stated
* data: CCES Data = cces_experts
cd "D:\Paper\political_analysis\Replication Materials"
use "CCES Data", clear
tab pid, g(piddum)
egen districtn=count(pid3), by(district)
egen districtndem=total(piddum1), by(district)
egen districtnind=total(piddum2), by(district)
egen districtnrep=total(piddum3), by(district)
g percdem=districtndem/districtn
g percind=districtnind/districtn
g percrep=districtnrep/districtn
drop if expert_n<30
save sim_temp, replace
postutil clear
postfile mypost skewed number expert rel rel_p rel_wp val val_p val_wp using sim_results, replace
foreach number_sims of numlist 1/1{
display `number_sims' " "
foreach random_or_skewed of numlist 0/1 {
foreach random_or_expert of numlist 0/1 {
quietly foreach num of numlist 2(5)30 {
use sim_temp, clear
drop if expert_n<30
g r_or_e=`random_or_expert'
drop if expert==0&r_or_e==1
g x=runiform()
egen xmean=mean(x), by(district)
recode xmean min/.5=0 .5/max=1, g(republican)
g weight=1
if `random_or_skewed'==1 {
replace weight=1/percind if pid3==0
replace weight=1.5/percrep if republican==0&pid3==1
replace weight=7.5/percdem if republican==0&pid3==-1
replace weight=7.5/percrep if republican==1&pid3==1
replace weight=1.5/percdem if republican==1&pid3==-1
}
expand weight
bsample `num', strata(district)
xtmixed rlc_voter pid3 ||district: pid3, iterate(10)
predict rslope rintercept , reffects
scalar rpurge=_b[pid3]
g rlc_p=rlc_voter-(_b[pid3]+rslope)*pid3
xtmixed dlc_voter pid3 ||district: pid3, iterate(10)
predict dslope dintercept , reffects
scalar dpurge=_b[pid3]
g dlc_p=dlc_voter-(_b[pid3]+dslope)*pid3
g inclc_p=rlc_p if repinc10==1&incran10==1
replace inclc_p=dlc_p if deminc10==1&incran10==1
replace expertise=expertise^4
egen sumexpertise=sum(expertise), by(district)
egen inclc_wp=sum(expertise/sumexpertise*inclc_p), by(district)
loneway inclc district
scalar rel=r(rho_t)
loneway inclc_p district
scalar rel_p=r(rho_t)
loneway inclc_p district [aw=expertise]
scalar rel_wp=r(rho_t)
collapse inclc inclc_p inclc_wp nominate10 *D, by(district)
cor inclc nominate10
scalar val=r(rho)
cor inclc_p nominate10
scalar val_p=r(rho)
cor inclc_wp nominate10
scalar val_wp=r(rho)
post mypost (`random_or_skewed') (`num') (`random_or_expert') (rel) (rel_p) (rel_wp) (val) (val_p) (val_wp)
}
}
}
}
postclose mypost
use sim_results, clear
collapse  rel-val_wp, by(number expert skewed)
recode expert 1=0 0=1, g(random)
twoway  (scatter rel number if expert==0&skewed==0, ylab(.55(.15)1) ytitle("Y") xtitle("X")) (scatter rel number if expert==1&skewed==0, legend(order(1 "a" 2 "b")))
twoway  (scatter val number if expert==0&skewed==0, ylab(.55(.15)1) ytitle("Y") xtitle("X")) (scatter val number if expert==1&skewed==0, legend(order(1 "a" 2 "b")))
