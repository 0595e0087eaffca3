* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:ekatovich/Birds_and_Energy_Infrastructure@bd6e733a068d045769b8333f870efa67ceb84a0f Replication_Package/Analysis_ImportantBirdAreas.do (the effect of shale-gas wells and wind turbines on birds counted in Audubon Christmas Bird Count circles inside and outside Important Bird Areas, per the repository: clear, cd "${user}", use of the circles-in-areas file, duplicates drop ..., force, keep, merge 1:m of the circle-year panel, drop _merge, drop if state == "AK" | ..., bysort egen min() of the first treated year, bysort: gen sum(), renames, asinh(), set seed, estimate drop _all, four foreach loops over outcome locals of csdid ... if subgroup, ivar() time() gvar() notyet with csdid_estat simple, estore(), graph drop _all, grstyle init/set plain/legend/color/symbol/compact, coefplot m1 m2, bylabel() || ... ||, byopts(compact cols(1)) xline() xlabel() xscale() subtitle(, bcolor()) bycoefs ciopts(lwidth(2.5 ..) lcolor(*.55)) msymbol(d) name() legend(order()) levels(95), and grc1leg2 of the two named graphs; once for shale wells, once for wind turbines)
* author: Evan Katovich (repository owner)
* licence: none stated
* data: CBC_Circles_in_ImportantAreas = cbc_important_bird_area_circles
* data: CBC_Shale_Combined_Characteristics_17_5_Panel.dta = cbc_circle_year_panel
* data: CBC_wind_Combined_Characteristics_17_5_Panel.dta = cbc_circle_year_panel
clear
cd "${user}"
use "Data\Intermediate\CBC_Circles_in_ImportantAreas", clear
duplicates drop circle_id, force
keep circle_id
gen in_important_bird_area = 1
merge 1:m circle_id using "Data\Analysis\CBC_Shale_Combined_Characteristics_17_5_Panel.dta"
drop _merge
replace in_important_bird_area = 0 if in_important_bird_area == .
sort state circle_name year
drop if state == "AK" | state == "HI" | state == "DC"
replace Min_snow = 0 if Min_snow == .
gen wells_year = .
replace wells_year = year if shale_wells_num > 0
bysort circle_id: egen first_well_year = min(wells_year)
replace first_well_year = 0 if first_well_year == .
bysort state: gen state_wells = sum(shale_wells_num)
gen some_state_wells = 0
replace some_state_wells = 1 if state_wells > 0
rename ihs_num_longermigration_w_pc ihs_num_longmig_w_pc
rename ihs_spec_shortmigration ihs_spec_shortmig
rename ihs_spec_longermigration ihs_spec_longermig
rename ihs_spec_shortmigration_pc ihs_spec_shortmig_pc
rename ihs_spec_longermigration_pc ihs_spec_longermig_pc
gen ihs_shalewells = asinh(shale_wells_num)
gen ihs_cumshalewells = asinh(cum_shalewells)
set seed 39627236
estimate drop _all
local outcomes "ihs_num_tot_w ihs_num_grassland_w ihs_num_woodland_w ihs_num_wetland_w ihs_num_otherhabitat_w ihs_num_urban_w ihs_num_nonurban_w ihs_num_resident_w ihs_num_shortmigration_w ihs_num_longermigration_w"
foreach j of local outcomes {
		csdid `j' total_effort_counters Min_temp Max_temp Max_wind Max_snow if in_important_bird_area == 1, ivar(circle_id) time(year) gvar(first_well_year) notyet
		csdid_estat simple, estore("`j'1")
		csdid `j' total_effort_counters Min_temp Max_temp Max_wind Max_snow if in_important_bird_area == 0, ivar(circle_id) time(year) gvar(first_well_year) notyet
		csdid_estat simple, estore("`j'2")
}
local outcomes "ihs_spec_tot ihs_spec_grassland ihs_spec_woodland ihs_spec_wetland ihs_spec_otherhabitat ihs_spec_urban ihs_spec_nonurban ihs_spec_resident ihs_spec_shortmig ihs_spec_longermig"
foreach j of local outcomes {
		csdid `j' total_effort_counters Min_temp Max_temp Max_wind Max_snow if in_important_bird_area == 1, ivar(circle_id) time(year) gvar(first_well_year) notyet
		csdid_estat simple, estore("`j'1")
		csdid `j' total_effort_counters Min_temp Max_temp Max_wind Max_snow if in_important_bird_area == 0, ivar(circle_id) time(year) gvar(first_well_year) notyet
		csdid_estat simple, estore("`j'2")
}
graph drop _all
grstyle init
grstyle set plain, nogrid noextend
grstyle set legend 6, nobox
grstyle set color cranberry
grstyle set symbol, n(1)
grstyle set compact
coefplot ihs_num_tot_w1 ihs_num_tot_w2, bylabel(Label1) || ihs_num_grassland_w1 ihs_num_grassland_w2, bylabel(Label2) || ihs_num_woodland_w1 ihs_num_woodland_w2, bylabel(Label3) || ihs_num_wetland_w1 ihs_num_wetland_w2, bylabel(Label4) || ihs_num_otherhabitat_w1 ihs_num_otherhabitat_w2, bylabel(Label5) || ihs_num_urban_w1 ihs_num_urban_w2, bylabel(Label6) || ihs_num_nonurban_w1 ihs_num_nonurban_w2, bylabel(Label7) || ihs_num_resident_w1 ihs_num_resident_w2, bylabel(Label8) || ihs_num_shortmigration_w1 ihs_num_shortmigration_w2, bylabel(Label9) || ihs_num_longermigration_w1 ihs_num_longermigration_w2, bylabel(Label10) ||, byopts(compact cols(1)) xline(0, lcolor(black) lwidth(thin) lpattern(dash)) xlabel(,labsize(small) angle(horizontal)) xscale(r(-1.25 .5)) xlabel(-1.25 (.25) .5) subtitle(, bcolor(white)) plotregion(color(none)) bycoefs ciopts(lwidth(2.5 ..) lcolor(*.55)) msymbol(d) mcolor(white) name("shale_importantareas_num") title("Title") legend(order(1 "Group 1" 3 "Group 2")) levels(95) xtitle("Label")
grstyle init
grstyle set plain, nogrid noextend
grstyle set legend 6, nobox
grstyle set color cranberry
grstyle set symbol, n(1)
grstyle set compact
coefplot ihs_spec_tot1 ihs_spec_tot2, bylabel(Label1) || ihs_spec_grassland1 ihs_spec_grassland2, bylabel(Label2) || ihs_spec_woodland1 ihs_spec_woodland2, bylabel(Label3) || ihs_spec_wetland1 ihs_spec_wetland2, bylabel(Label4) || ihs_spec_otherhabitat1 ihs_spec_otherhabitat2, bylabel(Label5) || ihs_spec_urban1 ihs_spec_urban2, bylabel(Label6) || ihs_spec_nonurban1 ihs_spec_nonurban2, bylabel(Label7) || ihs_spec_resident1 ihs_spec_resident2, bylabel(Label8) || ihs_spec_shortmig1 ihs_spec_shortmig2, bylabel(Label9) || ihs_spec_longermig1 ihs_spec_longermig2, bylabel(Label10) ||, byopts(compact cols(1)) xline(0, lcolor(black) lwidth(thin) lpattern(dash)) xlabel(,labsize(small) angle(horizontal)) xscale(r(-0.5 .3)) xlabel(-0.5 (.1) .3) subtitle(, bcolor(white)) plotregion(color(none)) bycoefs ciopts(lwidth(2.5 ..) lcolor(*.55)) msymbol(d) mcolor(white) name("shale_importantareas_spec") title("Title") legend(order(1 "Group 1" 3 "Group 2")) levels(95) xtitle("Label")
grc1leg2 shale_importantareas_num shale_importantareas_spec
use "Data\Intermediate\CBC_Circles_in_ImportantAreas", clear
duplicates drop circle_id, force
keep circle_id
gen in_important_bird_area = 1
merge 1:m circle_id using "Data\Analysis\CBC_wind_Combined_Characteristics_17_5_Panel.dta"
drop _merge
replace in_important_bird_area = 0 if in_important_bird_area == .
sort state circle_name year
drop if state == "AK" | state == "HI" | state == "DC"
replace Min_snow = 0 if Min_snow == .
gen turbines_year = .
replace turbines_year = year if num_turbines > 0
bysort circle_id: egen first_turbine_year = min(turbines_year)
replace first_turbine_year = 0 if first_turbine_year == .
bysort circle_id (year) : gen cum_turbines = sum(num_turbines)
bysort state: gen state_turbines = sum(num_turbines)
gen some_state_turbines = 0
replace some_state_turbines = 1 if state_turbines > 0
rename ihs_num_longermigration_w_pc ihs_num_longmig_w_pc
rename ihs_spec_shortmigration ihs_spec_shortmig
rename ihs_spec_longermigration ihs_spec_longermig
rename ihs_spec_shortmigration_pc ihs_spec_shortmig_pc
rename ihs_spec_longermigration_pc ihs_spec_longermig_pc
gen ihs_num_turbines = asinh(num_turbines)
gen ihs_cumturbines = asinh(cum_turbines)
set seed 39627236
estimate drop _all
local outcomes "ihs_num_tot_w ihs_num_grassland_w ihs_num_woodland_w ihs_num_wetland_w ihs_num_otherhabitat_w ihs_num_urban_w ihs_num_nonurban_w ihs_num_resident_w ihs_num_shortmigration_w ihs_num_longermigration_w"
foreach j of local outcomes {
		csdid `j' total_effort_counters Min_temp Max_temp Max_wind Max_snow if in_important_bird_area == 1, ivar(circle_id) time(year) gvar(first_turbine_year) notyet
		csdid_estat simple, estore("`j'1")
		csdid `j' total_effort_counters Min_temp Max_temp Max_wind Max_snow if in_important_bird_area == 0, ivar(circle_id) time(year) gvar(first_turbine_year) notyet
		csdid_estat simple, estore("`j'2")
}
local outcomes "ihs_spec_tot ihs_spec_grassland ihs_spec_woodland ihs_spec_wetland ihs_spec_otherhabitat ihs_spec_urban ihs_spec_nonurban ihs_spec_resident ihs_spec_shortmig ihs_spec_longermig"
foreach j of local outcomes {
		csdid `j' total_effort_counters Min_temp Max_temp Max_wind Max_snow if in_important_bird_area == 1, ivar(circle_id) time(year) gvar(first_turbine_year) notyet
		csdid_estat simple, estore("`j'1")
		csdid `j' total_effort_counters Min_temp Max_temp Max_wind Max_snow if in_important_bird_area == 0, ivar(circle_id) time(year) gvar(first_turbine_year) notyet
		csdid_estat simple, estore("`j'2")
}
graph drop _all
grstyle init
grstyle set plain, nogrid noextend
grstyle set legend 6, nobox
grstyle set color blue
grstyle set symbol, n(1)
grstyle set compact
coefplot ihs_num_tot_w1 ihs_num_tot_w2, bylabel(Label1) || ihs_num_grassland_w1 ihs_num_grassland_w2, bylabel(Label2) || ihs_num_woodland_w1 ihs_num_woodland_w2, bylabel(Label3) || ihs_num_wetland_w1 ihs_num_wetland_w2, bylabel(Label4) || ihs_num_otherhabitat_w1 ihs_num_otherhabitat_w2, bylabel(Label5) || ihs_num_urban_w1 ihs_num_urban_w2, bylabel(Label6) || ihs_num_nonurban_w1 ihs_num_nonurban_w2, bylabel(Label7) || ihs_num_resident_w1 ihs_num_resident_w2, bylabel(Label8) || ihs_num_shortmigration_w1 ihs_num_shortmigration_w2, bylabel(Label9) || ihs_num_longermigration_w1 ihs_num_longermigration_w2, bylabel(Label10) ||, byopts(compact cols(1)) xline(0, lcolor(black) lwidth(thin) lpattern(dash)) xlabel(,labsize(small) angle(horizontal)) xscale(r(-1.25 .75)) xlabel(-1.25 (.25) .75) subtitle(, bcolor(white)) plotregion(color(none)) bycoefs ciopts(lwidth(2.5 ..) lcolor(*.55)) msymbol(d) mcolor(white) name("wind_importantareas_num") title("Title") legend(order(1 "Group 1" 3 "Group 2")) levels(95) xtitle("Label")
grstyle init
grstyle set plain, nogrid noextend
grstyle set legend 6, nobox
grstyle set color blue
grstyle set symbol, n(1)
grstyle set compact
coefplot ihs_spec_tot1 ihs_spec_tot2, bylabel(Label1) || ihs_spec_grassland1 ihs_spec_grassland2, bylabel(Label2) || ihs_spec_woodland1 ihs_spec_woodland2, bylabel(Label3) || ihs_spec_wetland1 ihs_spec_wetland2, bylabel(Label4) || ihs_spec_otherhabitat1 ihs_spec_otherhabitat2, bylabel(Label5) || ihs_spec_urban1 ihs_spec_urban2, bylabel(Label6) || ihs_spec_nonurban1 ihs_spec_nonurban2, bylabel(Label7) || ihs_spec_resident1 ihs_spec_resident2, bylabel(Label8) || ihs_spec_shortmig1 ihs_spec_shortmig2, bylabel(Label9) || ihs_spec_longermig1 ihs_spec_longermig2, bylabel(Label10) ||, byopts(compact cols(1)) xline(0, lcolor(black) lwidth(thin) lpattern(dash)) xlabel(,labsize(small) angle(horizontal)) xscale(r(-0.5 .5)) xlabel(-0.5 (.1) .5) subtitle(, bcolor(white)) plotregion(color(none)) bycoefs ciopts(lwidth(2.5 ..) lcolor(*.55)) msymbol(d) mcolor(white) name("wind_importantareas_spec") title("Title") legend(order(1 "Group 1" 3 "Group 2")) levels(95) xtitle("Label")
grc1leg2 wind_importantareas_num wind_importantareas_spec
