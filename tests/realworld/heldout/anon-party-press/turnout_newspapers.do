* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37379705736 (a public GitHub .do file, replication of a study of party newspapers, voter registration and county presidential turnout: pooled and fixed-effects county-year models with clustered errors and a simulated marginal effect; the index does not name the repository)
* author: unknown
* licence: none stated
* preload: county_turnout
reg prestout reg lnTotPartyCirc LnPartyCircXReg lagprestout LnPresEligible, vce(cluster cnty90)
reg prestout reg lnTotPartyCirc lagprestout LnPresEligible, vce(cluster cnty90)
reg prestout reg lnTotPartyCirc LnPartyCircXReg lagprestout LnPresEligible i.year, vce(cluster cnty90)
xtset cnty90 year
xtreg prestout reg lnTotPartyCirc LnPartyCircXReg lagprestout LnPresEligible, fe vce(cluster cnty90)
xtreg prestout reg lnTotPartyCirc LnPartyCircXReg lagprestout LnPresEligible i.year, fe vce(cluster cnty90)
reg prestout reg lnTotPartyCirc LnPartyCircXReg lagprestout LnPresEligible i.year LogPerCapitaManu SharePopWhite ShareMale ShareTowns ShareCity MisManuOutput, vce(cluster cnty90)
xtreg prestout reg lnTotPartyCirc LnPartyCircXReg lagprestout LnPresEligible i.year  LogPerCapitaManu SharePopWhite ShareMale ShareTowns ShareCity MisManuOutput, fe vce(cluster cnty90)
xtreg prestout lagprestout reg lnTotPartyCirc LnPartyCircXReg LnPresEligible timetrend AustralianBallot PartyColumn OfficeBlock DirectPrimary DunnAct Women NoTax SenateElection, fe vce(cluster cnty90)
xtreg prestout lagprestout reg lnTotPartyCirc LnPartyCircXReg LnPresEligible timetrend AustralianBallot PartyColumn OfficeBlock DirectPrimary DunnAct Women NoTax SenateElection  SharePopWhite ShareMale ShareTowns ShareCity LogPerCapitaManu MisManuOutput, fe vce(cluster cnty90)
xtreg prestout reg lnTotPartyCirc LnPartyCircXReg lagprestout LnPresEligible i.year  LnPCMMissing SharePopWhite ShareMale ShareTowns ShareCity, fe vce(cluster cnty90)
xtreg prestout reg lnTotPartyCirc LnPartyCircXReg LnPresEligible i.year, fe vce(cluster cnty90)
xtreg prestout reg lnTotPartyCirc LnPartyCircXReg lagprestout LnPresEligible i.year, fe vce(cluster cnty90)
set obs 10000
matrix b=e(b) 
matrix V=e(V)
scalar b1=b[1,1] 
scalar b2=b[1,2]
scalar b3=b[1,3]
scalar varb1=V[1,1] 
scalar varb2=V[2,2] 
scalar varb3=V[3,3]
scalar covb1b3=V[1,3] 
scalar covb2b3=V[2,3]
scalar list b1 b2 b3 varb1 varb2 varb3 covb1b3 covb2b3
generate MVZ=((_n-1)/100)
gen conbx=b1+b3*MVZ
gen consx=sqrt(varb1+varb3*(MVZ^2)+2*covb1b3*MVZ) 
gen ax=1.96*consx
gen upperx=conbx+ax
gen lowerx=conbx-ax
drop if MVZ>14.33
