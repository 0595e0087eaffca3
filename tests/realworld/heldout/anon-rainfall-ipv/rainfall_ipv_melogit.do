* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 52729909057 (a public GitHub .do file of a study of rainfall variation and intimate partner violence among ever-married women in India's Demographic and Health Survey: three-level melogit ... ||state: ||distric:, or -- the district variable abbreviated, i.wealth listed twice --, a quadratic term, c.rainvar##i. interactions, subgroup fits in foreach loops with if, gsem mediation with L1[district] L2[state] and nlcom of _b[eq:1.x#c.z] products, ssc install and reghdfe absorb() vce(cluster), meprobit with robust and estat icc, preserve/keep/restore around fits with estat icc after restore, and trimming at r(p1)/r(p99); excerpt: the file's 53 fits and 3,500 bootstrap replications would take hours, so of each group of four outcomes the first (two of the mechanism fits, two of the six subgroup loops, the first gsem with its nlcom lines, the first of each trimmed block) is kept and the seven bootstrap _b, reps(500) blocks and the second gsem are left out; the index does not name the repository)
* author: unknown
* licence: none stated
* preload: nfhs_rainfall_ipv
melogit anyviolence rainvar i.wealth i.wemploy i.informal i.residence i.education  i.age i.maryears i.partnereduc i.wealth i.bankaccount i.children i.religion i.drinkalcohl  i.year i.month ||state: ||distric:,or
melogit physicviolence rainvar i.wealth i.wemploy i.informal i.residence i.education  i.age i.maryears i.partnereduc i.wealth i.bankaccount i.children i.religion i.drinkalcohl  i.year i.month ||state: ||distric:,or 
melogit sexviolence rainvar i.wealth i.wemploy i.informal i.residence i.education  i.age i.maryears i.partnereduc i.wealth i.bankaccount i.children i.religion i.drinkalcohl  i.year i.month ||state: ||distric:,or
melogit emoviolence rainvar i.wealth i.wemploy i.informal i.residence i.education  i.age i.maryears i.partnereduc i.wealth i.bankaccount i.children i.religion i.drinkalcohl  i.year i.month ||state: ||distric:,or

melogit anyviolence rainvar rainvarsqr i.wealth i.wemploy i.informal i.residence i.education i.age i.maryears i.partnereduc i.bankaccount i.children i.religion i.drinkalcohl i.year i.month || state: || distric:, or

melogit anyviolence c.rainvar##i.wealth i.wemploy i.informal i.residence i.education  i.age i.maryears i.partnereduc i.wealth i.bankaccount i.children i.religion i.drinkalcohl  i.year i.month ||state: ||distric:,or

melogit anyviolence c.rainvar##i.wemploy i.wealth  i.informal i.residence i.education  i.age i.maryears i.partnereduc i.wealth i.bankaccount i.children i.religion i.drinkalcohl  i.year i.month ||state: ||distric:,or

foreach r in 1 2 {
    melogit anyviolence rainvar i.wealth i.wemploy i.informal i.education i.age i.partnereduc i.bankaccount i.children i.religion i.drinkalcohl i.year i.month if residence == `r' || state: || distric:, or
}
foreach e in 0 1 {
    melogit anyviolence rainvar i.wealth i.informal i.residence i.education i.age i.partnereduc i.bankaccount i.children i.religion i.drinkalcohl i.year i.month if wemploy == `e' || state: || distric:, or
}

gsem (wei_index <-  c.rainvar##wemploy z_wealth i.informal i.age i.maryears i.residence i.education i.partnereduc i.bankaccount i.children i.religion i.drinkalcohl i.year i.month, family(gaussian)) (anyviolence <- wei_index weisq  rainvar wemploy z_wealth i.informal i.age i.maryears i.residence i.education i.partnereduc i.bankaccount i.children i.religion i.drinkalcohl i.year i.month L1[district] L2[state], family(bernoulli) link(logit))

nlcom (indirect:_b[wei_index: 1.wemploy#c.rainvar]*_b[anyviolence:wei_index])
nlcom (direct: _b[anyviolence:rainvar])	
nlcom (total:_b[anyviolence:rainvar] + _b[wei_index: 1.wemploy#c.rainvar]*_b[anyviolence:wei_index])

nlcom (indirect_or:exp(_b[wei_index: 1.wemploy#c.rainvar]*_b[anyviolence:wei_index]))
nlcom (direct_or: exp(_b[anyviolence:rainvar]))	
nlcom (total_or:exp(_b[anyviolence:rainvar] + _b[wei_index: 1.wemploy#c.rainvar]*_b[anyviolence:wei_index]))

ssc install ftools, replace

ssc install reghdfe, replace

ssc install hdfe, replace
ssc install ivreg2, replace

reghdfe anyviolence rainvar i.wealth i.wemploy i.informal i.residence i.education i.age i.partnereduc i.bankaccount i.children i.religion i.drinkalcohl i.year i.month, absorb(district) vce(cluster district)

* mlm-expect: r(198)
meprobit anyviolence rainvar i.wealth i.wemploy i.informal i.residence i.education  i.age i.maryears i.partnereduc i.wealth i.bankaccount i.children i.religion i.drinkalcohl  i.year i.month ||state: ||distric:, robust
* mlm-expect: r(321)
estat icc

meprobit physicviolence rainvar i.wealth i.wemploy i.informal i.residence i.education  i.age i.maryears i.partnereduc i.wealth i.bankaccount i.children i.religion i.drinkalcohl  i.year i.month ||state: ||distric:
estat icc

preserve
keep if rainvar<0
melogit anyviolence rainvar  i.residence i.education  i.age i.maryears i.wealth i.informal i.wemploy i.partnereduc i.bankaccount i.children i.religion i.drinkalcohl  i.year i.month ||state: ||distric:,or
restore
estat icc

preserve
keep if rainvar>0
melogit anyviolence rainvar  i.residence i.education  i.age i.maryears i.wealth i.informal i.wemploy i.partnereduc i.bankaccount i.children i.religion i.drinkalcohl  i.year i.month ||state: ||distric:,or
restore
estat icc 

melogit anyviolence stdrainvar i.age i.maryears i.residence i.education i.wemploy i.bankaccount i.children i.partnereduc i.informal i.drinkalcohl i.religion  i.wealth i.year i.month ||state: ||distric: ,or 
estat icc

preserve
sum rainvar, detail
keep if rainvar> r(p1) & rainvar < r(p99)
melogit anyviolence rainvar i.wealth i.wemploy i.informal i.residence i.education  i.age i.maryears i.partnereduc i.wealth i.bankaccount i.children i.religion i.drinkalcohl  i.year i.month ||state: ||distric:,or
restore

preserve
sum rainvar, detail
local p1 = r(p1)
local p99 = r(p99)

keep if rainvar > `p1' & rainvar < `p99'
display "text" _N

reghdfe anyviolence rainvar i.wealth i.wemploy i.informal i.residence i.education i.age i.maryears i.partnereduc i.bankaccount i.children i.religion i.drinkalcohl i.year i.month, absorb(district) vce(cluster district)

restore

preserve
sum rainvar, detail
local p1 = r(p1)
local p99 = r(p99)

keep if rainvar > `p1' & rainvar < `p99'
display "text" _N

meprobit anyviolence rainvar i.wealth i.wemploy i.informal i.residence i.education i.age i.maryears i.partnereduc i.bankaccount i.children i.religion i.drinkalcohl i.year i.month || state: || district:

restore
estat icc
