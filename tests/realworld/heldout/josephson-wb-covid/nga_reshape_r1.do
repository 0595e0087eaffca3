* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:aljosephson/wb_covid@55d50fc29407f6297fb4b4c7c41681bff1936f45 nigeria/nga_reshape.do (World Bank high-frequency COVID-19 phone surveys built into a household panel for four LSMS-ISA countries: the Nigeria long modules made wide for merging -- excerpt: the round-1 parts (sections 1a, 2a and 3a of the file); the later rounds repeat them on other files.  format %5.0f before the varlist, reshape wide with two stubs and a j() of source codes, 34 renames and labels of the stub#code names, a forval loop generating shock flags, renames to match another country's codes, collapse (max) over a cope_01- shock_14 range typed with a space after the dash, foreach over a varlist range attaching a value label, reshape wide of one stub and yes/no recodes with a ///-continued condition)
* author: Jeffrey D. Michler (per the file's header; project of Anna Josephson and Jeffrey D. Michler)
* licence: none stated
* data: $root/wave_01/r1_sect_7 = nga_covid_sect7_r1
* data: $root/wave_01/r1_sect_10 = nga_covid_sect10_r1
* data: $root/wave_01/r1_sect_11 = nga_covid_sect11_r1
global	root	=	"$data/nigeria/raw"
global	export	=	"$data/nigeria/refined"
global	logout	=	"$data/nigeria/logs"
global  fies 	= 	"$data/analysis/raw/Nigeria"
cap log 		close
log using		"$logout/nga_reshape", append
use				"$root/wave_01/r1_sect_7", clear
format 			%5.0f hhid
drop			source_cd_os zone state lga sector ea
reshape 		wide s7q1 s7q2, i(hhid) j(source_cd)
rename 			s7q11 farm_inc
lab	var			farm_inc "Label"
rename			s7q21 farm_chg
lab var			farm_chg "Label"
rename 			s7q12 bus_inc
lab var			bus_inc "Label"
rename			s7q22 bus_chg
lab var			bus_chg "Label"
rename 			s7q13 wage_inc
lab var			wage_inc "Label"
rename			s7q23 wage_chg
lab var			wage_chg "Label"
rename 			s7q14 rem_for
label 			var rem_for "Label"
rename			s7q24 rem_for_chg
label 			var rem_for_chg "Label"
rename 			s7q15 rem_dom
label 			var rem_dom "Label"
rename			s7q25 rem_dom_chg
label 			var rem_dom_chg "Label"
rename 			s7q16 asst_inc
label 			var asst_inc "Label"
rename			s7q26 asst_chg
label 			var asst_chg "Label"
rename 			s7q17 isp_inc
label 			var isp_inc "Label"
rename			s7q27 isp_chg
label 			var isp_chg "Label"
rename 			s7q18 pen_inc
label 			var pen_inc "Label"
rename			s7q28 pen_chg
label 			var pen_chg "Label"
rename 			s7q19 gov_inc
label 			var gov_inc "Label"
rename			s7q29 gov_chg
label 			var gov_chg "Label"
rename 			s7q110 ngo_inc
label 			var ngo_inc "Label"
rename			s7q210 ngo_chg
label 			var ngo_chg "Label"
rename 			s7q196 oth_inc
label 			var oth_inc "Label"
rename			s7q296 oth_chg
label 			var oth_chg "Label"
rename			s7q299 tot_inc_chg
label 			var tot_inc_chg "Label"
drop			s7q199
save			"$export/wave_01/r1_sect_7w", replace
use				"$root/wave_01/r1_sect_10", clear
format 			%5.0f hhid
drop			shock_cd_os s10q3_os
forval i = 1/9 {
	gen				shock_0`i' = 1 if s10q1 == 1 & shock_cd == `i'
	replace			shock_0`i' = 1 if s10q1 == 1 & shock_cd == `i'
	replace			shock_0`i' = 1 if s10q1 == 1 & shock_cd == `i'
	replace			shock_0`i' = 1 if s10q1 == 1 & shock_cd == `i'
	}
rename 			shock_08 shock_12 
rename 			shock_09 shock_14 
rename 			shock_05 shock_08 
rename			shock_06 shock_10
rename 			shock_07 shock_11 
rename 			shock_02 shock_05
rename			shock_03 shock_06
rename 			shock_04 shock_07
rename			s10q3__1 cope_01
rename			s10q3__6 cope_02
rename			s10q3__7 cope_03
rename			s10q3__8 cope_04
rename			s10q3__9 cope_05
rename			s10q3__11 cope_06
rename			s10q3__12 cope_07
rename			s10q3__13 cope_08
rename			s10q3__14 cope_09
rename			s10q3__15 cope_10
rename			s10q3__16 cope_11
rename			s10q3__17 cope_12
rename			s10q3__18 cope_13
rename			s10q3__19 cope_14
rename			s10q3__20 cope_15
rename			s10q3__21 cope_16
rename			s10q3__96 cope_17
drop	shock_cd s10q1 zone state lga sector ea 	
collapse (max) cope_01- shock_14, by(hhid)
lab var			shock_01 "Label"
lab var			shock_05 "Label"
lab var			shock_06 "Label"
lab var			shock_07 "Label"
lab var			shock_08 "Label"
lab var			shock_10 "Label"
lab var			shock_11 "Label"
lab var			shock_12 "Label"
lab var			shock_14 "Label"
foreach var of varlist shock_01-shock_14 {
	lab val		`var' shock 
	}
lab var			cope_01 "Label"
lab var			cope_02 "Label"
lab var			cope_03 "Label"
lab var			cope_04 "Label"
lab var			cope_05 "Label"
lab var			cope_06 "Label"
lab var			cope_07 "Label"
lab var			cope_08 "Label"
lab var			cope_09 "Label"
lab var			cope_10 "Label"
lab var			cope_11 "Label"
lab var			cope_12 "Label"
lab var			cope_13 "Label"
lab var			cope_14 "Label"
lab var			cope_15 "Label"
lab var			cope_16 "Label"
lab var			cope_17 "Label"
save			"$export/wave_01/r1_sect_10w", replace
use				"$root/wave_01/r1_sect_11", clear
format 			%5.0f hhid
drop 			zone state lga sector ea s11q2 s11q3 s11q3_os
reshape 		wide s11q1, i(hhid) j(assistance_cd)
gen				asst_food = 1 if s11q11 == 1
replace			asst_food = 0 if s11q11 == 2
replace			asst_food = 0 if asst_food == .
lab var			asst_food "Label"
lab def			assist 0 "Label 0" 1 "Label 1"
lab val			asst_food assist
gen				asst_cash = 1 if s11q12 == 1
replace			asst_cash = 0 if s11q12 == 2
replace			asst_cash = 0 if asst_cash == .
lab var			asst_cash "Label"
lab val			asst_cash assist
gen				asst_kind = 1 if s11q13 == 1
replace			asst_kind = 0 if s11q13 == 2
replace			asst_kind = 0 if asst_kind == .
lab var			asst_kind "Label"
lab val			asst_kind assist
gen				asst_any = 1 if asst_food == 1 | asst_cash == 1 | asst_kind == 1
replace			asst_any = 0 if asst_any == .
lab var			asst_any "Label"
lab val			asst_any assist
drop			s11q11 s11q12 s11q13
save			"$export/wave_01/r1_sect_11w", replace
