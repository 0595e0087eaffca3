* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:aljosephson/wb_covid@ed9a31adbb1106b4e8fffe67a3f4ae366f15103d malawi/mwi_hh_build.do (World Bank high-frequency COVID-19 phone surveys built into a household panel for four LSMS-ISA countries: the Malawi household roster of two rounds -- global x = "...", cap log close, log using ..., append, a wave counter, append using ..., force over differing storage types, rename, encode of a 32-character string id with generate(), format %12.0f before the varlist, order, a country value label, drop, compress/describe/summarize, save, merge m:1 wave id onto the household panel, customsave (the authors' own ado) with idvar() filename() path() dofile() user(), log close)
* author: Anna Josephson, Jeffrey D. Michler and Ann Furbush (per the file's header)
* licence: none stated
* data: $mwi/wave_01/sect2_Household_Roster = mwi_covid_roster_r1
* data: $mwi/wave_02/sect2_Household_Roster_r2 = mwi_covid_roster_r2
* data: $export/mwi_panel = mwi_covid_panel
global	root	=	"$data/malawi/raw"
global	export	=	"$data/malawi/refined"
global	logout	=	"$data/malawi/logs"
cap log 		close
log using		"$logout/mal_build_hh", append
use				"$mwi/wave_01/sect2_Household_Roster", clear
gen				wave = 1
lab var			wave "Label"
append using 	"$mwi/wave_02/sect2_Household_Roster_r2", force
replace 		wave = 2 if wave == . 
rename			HHID household_id_an
label 			var household_id_an "Label"
encode 			household_id_an, generate(HHID)
label           var HHID "Label"
format 			%12.0f HHID
order 			y4_hhid HHID household_id_an 
rename			HHID household_id
lab var			household_id "Label"
rename 			y4_hhid hhid_mwi 
rename 			PID ind_id 
rename 			new_member new_mem
rename 			s2q3 curr_mem
rename 			s2q5 sex_mem
rename 			s2q6 age_mem
rename 			s2q7 relat_mem
gen				country = 2
order			country
lab def			country 1 "Label 1" 2 "Label 2" 3 "Label 3" 4 "Label 4"
lab val			country country	
lab var			country "Label"
drop s2q2 s2q4 s2q4_os s2q7_os s2q8 s2q8_os s2q9 s2q9_os s2q10 s2q11 household_id household_id_an 
order 			country wave hhid_mwi ind_id 
compress
describe
summarize 
save			"$export/mwi_hhroster", replace
use				"$export/mwi_hhroster", clear
merge 			m:1 wave hhid_mwi using "$export/mwi_panel"
save			"$export/mwi_panelroster", replace	
compress	
describe
summarize 
customsave , idvar(hhid_mwi) filename("mwi_panelroster.dta") path("$export") dofile(mwi_hh_build) user($user)
log	close
