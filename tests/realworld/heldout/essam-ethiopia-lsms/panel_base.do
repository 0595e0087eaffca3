* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:aswasi/Ethiopia@068adaa1f883429dab62817f6cb811311e278b3a Stata/Panel_base.do (USAID GeoCenter analysis of the Ethiopia LSMS-ISA 2012/2014 household panel: the household and community base files the other modules merge onto -- keep of a varlist range, isid, append ..., generate() of the two waves' cover pages, string id repairs, bys id: gen _N panel-status counts, sum, d with `r(max)', label define/values, clonevar + recode of regions, labmm (labutil) on the value label, bys id (year): replace x = x[2], isid id year; then the same for the community files with ea_id fixes and a variable abbreviation)
* author: Tim Essam (per the file's header)
* licence: MIT (per the file's header)
* data: $wave1/sect_cover_hh_w1.dta = eth_lsms_cover_w1
* data: $wave2/sect_cover_hh_w2.dta = eth_lsms_cover_w2
* data: $wave1/sect1b_com_w1.dta = eth_lsms_community_w1
* data: $wave2/sect1b_com_w2.dta = eth_lsms_community_w2
clear
capture log close
use "$wave1/sect_cover_hh_w1.dta"
keep household_id-saq08 saq01 hh_saq09 hh_saq13_a hh_saq13_b hh_saq13_c rural ea_id
isid household_id
g year = 2012
save "$pathout/base1.dta", replace
use "$wave2/sect_cover_hh_w2.dta", clear
keep household_id* saq01 hh_saq09 hh_saq13_a hh_saq13_b hh_saq13_c hh_saq12_a rural ea_id2 ea_id
g year = 2014
append using "$pathout\base1.dta", generate(append_base)
replace ea_id = ea_id2 if ea_id == ""
replace ea_id2 = ea_id if ea_id2 == ""
bys household_id: gen ptrack = _N
sum ptrack, d 
la var ptrack "Label"
replace ptrack = 3 if ptrack == `r(max)'
la def pcount 1 "Label 1" 2 "Label 2" 3 "Label 3"
la val ptrack pcount
clonevar region = saq01
recode region (2 5 6 12 13 15 = 20)
labmm SAQ01 20 "Label 20"
la val region SAQ01
replace household_id = household_id2 if household_id == ""
bys household_id (year): replace household_id2 = household_id2[2] if household_id2 =="" & ptrack == 2
replace household_id2 = household_id if household_id2 == "" 
isid household_id year
save "$pathout/hh_base.dta", replace
use "$wave1/sect1b_com_w1.dta", clear
keep ea_id rural sa1q01 sa1q02 sa1q03 sa1q04 sa1q05 sa1q06 sa1q07
g year = 2012
save "$pathout/base_comm1.dta", replace
use "$wave2/sect1b_com_w2.dta", clear
replace ea_id = "" if ea_id2 == "010501088800105"
replace ea_id = "" if ea_id2 == "130101088800303"
keep ea_id* sa1q01 sa1q02 sa1q03 sa1q04 sa1q05 sa1q06 sa1q07
g year = 2014
append using "$pathout\base_comm1.dta", generate(append_base)
bys ea_id: gen ptrackComm = _N
sum ptrackComm, d 
la var ptrackComm "Label"
replace ptrackComm = 3 if ptrack == `r(max)'
la def pcount 1 "Label 1" 2 "Label 2" 3 "Label 3"
la val ptrackComm pcount
replace ea_id = ea_id2 if ea_id == ""
bys ea_id (year): replace ea_id2 = ea_id2[2] if ea_id2 =="" & ptrack == 2
replace ea_id2 = ea_id if ea_id2 == "" 
isid ea_id year
isid ea_id2 year
save "$pathout/comm_base.dta", replace
