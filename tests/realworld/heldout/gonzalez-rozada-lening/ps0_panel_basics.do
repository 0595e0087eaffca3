* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 66943659318 (a public GitHub .do file, problem set 0 of a panel-data course, Universidad Torcuato Di Tella, 2025: panel description of Cameron and Trivedi's PSID extract and nlswork, reshape of a wide pig-weight file, and a simulated panel; the index does not name the repository)
* author: Martín González-Rozada (professor) and Iara Lening (teaching assistant), after solutions by Fiona Franco Churruarin (file header)
* licence: none stated
* data: mus08psidextract.dta = psid_extract
* data: nlswork = shared:stata/nlswork.dta
* data: pigweights.dta = pigweights
clear all
set more off
cd "C:\Users\x\course\ps0_data"
use mus08psidextract.dta, clear
describe
summarize
order id t, first
sort id t
browse
xtset id t
xtdescribe
sum lwage ed exp exp2 wks
xtsum id t lwage ed exp exp2 wks
xttrans ind
xtline lwage if id<10
clear
webuse nlswork
describe
xtset idcode year
xtdescribe
xtsum birth_yr race
use .\data\pigweights.dta, clear
help reshape long
reshape long weight, i(id) j(t)
ssc install gtools
display "$S_TIME"
use pigweights.dta, clear
expand 10000
drop id
gen id = _n
reshape long weight, i(id) j(t)
display "$S_TIME"
use pigweights.dta, clear
expand 10000
drop id
gen id = _n
greshape long weight, i(id) j(t)
display "$S_TIME"
clear all
set more off
set seed 2022
local NT = 5000
local T = 10
local N = `NT'/`T'
disp `N'
set obs `NT'
egen id = seq(), f(1) t(`N') b(`T')
egen t = seq(), f(1) t(`T')
gen xit = rnormal()
gen uit = rnormal()
gen yit = 1 + xit + uit
xtset id t
xtdes
xtsum
reg yit xit
