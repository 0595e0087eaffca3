* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 17254029347 (a public GitHub .do file of a course, BUS-Z-798; the index does not name the repository)
* author: unknown
* licence: none stated
* data: data.dta = esm_constructs
* data: multilevel exercise.dta = team_engagement
clear
cd "C:\MySpace\GitHub\BUS-Z-798\PyforDataSimulation"
use data.dta, clear
icc Construct1 Person
icc Construct1 Time
icc Construct2 Person
icc Construct2 Time
icc Construct3 Person
icc Construct3 Time
ira Person Construct1 group(Time)
ira Time Construct1 group(Person)
twoway connected Construct1 Time if Person!=-1, connect(L)
twoway connected Construct1 Time, by(Person) connect(L)
twoway connected Construct1 Time, connect(L)
mixed Construct1 || Person:
estat icc
mixed Construct2 || Person:
estat icc
mixed Construct3 || Person:
estat icc
use "multilevel exercise.dta", clear
icc transformational teamid
icc engagement teamid
sum transformational
tabulate transformational
egen sd_trans = sd(transformational), by(teamid)
gen S2_trans = sd_trans^2
drop sd_trans
egen sd_enga = sd(engagement), by(teamid)
gen S2_enga = sd_enga^2
drop sd_enga
gen RwgU= 1- S2_enga/4
recode RwgU (-1e+10/0=0)
gen RwgS= 1- S2_enga/2.9
recode RwgS (-1e+10/0=0)
sum RwgU RwgS
egen trans = mean(transformational), by(teamid)
gen consci = conscientiousness
egen consci_gm = mean(consci), by(teamid)
gen consci_gmc = consci - consci_gm
mixed engagement || teamid:
estat icc
estadd scalar icc = r(icc2)
estimates store Model1
mixed engagement consci || teamid: consci, covariance(unstructured) nolog
estat icc
estadd scalar icc = r(icc2)
estimates store Model2
mixed engagement consci trans || teamid: , cov(un)
estat icc
estadd scalar icc = r(icc2)
estimates store Model3
mixed engagement c.consci##c.trans|| teamid: consci, cov(un)
estat icc
estadd scalar icc = r(icc2)
estimates store Model4
mixed engagement || teamid:
mixed engagement consci_gmc || teamid: consci_gmc, stddev covariance(unstructured) nolog
estat icc
estadd scalar icc = r(icc2)
estimates store Model5
mixed engagement consci_gm c.consci_gmc##c.trans|| teamid: consci_gmc, cov(un)
estat icc
estadd scalar icc = r(icc2)
estimates store Model8
esttab Model1 Model2 Model3 Model4 Model5 Model8, se aic bic scalars(icc ll df_m) transform(ln*: exp(@)^2 exp(@)^2) eqlabels("" "v1" "v2"), using table1.html, replace
