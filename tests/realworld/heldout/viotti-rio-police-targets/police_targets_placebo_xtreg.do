* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:LeonardoViotti/pmrj@23c08260738b9b6bcb3159068b9d2c9c12dee082 placebo_targets.do (Rio de Janeiro's police-area performance targets and crime, an area-by-month panel: import delimited, preserve/tempfile/restore, merge 1:1 aisp year month, bysort aisp (sem_year month): cumulative sums with [_n-1], egen sum() by(), on-target indicators, lags [_n-12], xtset aisp month_year, order, xi: xtreg ... i.month i.year i.cmt, fe in foreach loops, sum if e(sample), eret2 scalar, outreg2 ... dec(3) nocons aster(se) e(), xi: xtivreg (... = ...) ..., fe, e(F_f), xtpoisson ..., i(aisp) exposure() fe, nested numlist loops; the figure code the author left in a /* */ block is left out)
* author: Leonardo Viotti (repository LeonardoViotti; the paths name an Insper project)
* licence: none stated
* data: $dir/data_SIM_2019.csv = rio_police_areas
* data: $dir/placebo_targets.csv = rio_placebo_targets
global dir C:\x\y

import delimited $dir/data_SIM_2019.csv, clear

preserve
* mlm-expect: r(198)
	tempfile
	import delimited  "$dir/placebo_targets.csv", clear 
	save placebo_targets, replace
restore

 drop if missing(aisp) | missing(year) | missing(month)
 merge 1:1 aisp year month using placebo_targets

drop on_target on_target_sr on_target_vr lag1_on_target dist_target_vd lag12_dist_target_vd dist_target_vr lag12_dist_target_vr dist_target_sr lag12_dist_target_sr violent_death_sim_cum vehicle_robbery_cum street_robbery_cum violent_death_sim_cum2 on_target_vd  vehicle_robbery_cum2 street_robbery_cum2  target_vd_cum target_vr_cum target_sr_cum target_vd_sem target_vr_sem target_sr_sem

replace target_vd = vd_placebo_tar if year <2009 | (year == 2009 & semester == 1)
replace target_vr = vr_placebo_tar if year <2009 | (year == 2009 & semester == 1)
replace target_sr = sr_placebo_tar if year <2009 | (year == 2009 & semester == 1)

foreach x of varlist violent_death_sim target_vd street_robbery target_sr vehicle_robbery target_vr {
	bysort aisp (sem_year month): gen `x'_cum= `x'[_n-1] if month==2 | month==8
	bysort  aisp (sem_year): replace `x'_cum=  `x'[_n-1] +  `x'_cum[_n-1] if month==3 | month==9
	bysort  aisp (sem_year): replace `x'_cum=  `x'[_n-1] +  `x'_cum[_n-1] if month==4 | month==10
	bysort  aisp (sem_year): replace `x'_cum=  `x'[_n-1] +  `x'_cum[_n-1] if month==5 | month==11
	bysort  aisp (sem_year): replace `x'_cum=  `x'[_n-1] +  `x'_cum[_n-1] if month==6 | month==12
}

foreach x of varlist violent_death_sim  street_robbery  vehicle_robbery  {
	bysort aisp (sem_year month): gen `x'_cum2= `x' if month==1 | month==7
	bysort  aisp (sem_year): replace `x'_cum2=  `x'+  `x'_cum2[_n-1] if month==2 | month==8
	bysort  aisp (sem_year): replace `x'_cum2=  `x' +  `x'_cum2[_n-1] if month==3 | month==9
	bysort  aisp (sem_year): replace `x'_cum2=  `x' +  `x'_cum2[_n-1] if month==4 | month==10
	bysort  aisp (sem_year): replace `x'_cum2=  `x' +  `x'_cum2[_n-1] if month==5 | month==11
	bysort  aisp (sem_year): replace `x'_cum2=  `x' +  `x'_cum2[_n-1] if month==6 | month==12
}

foreach x of varlist target_vd  target_sr  target_vr {
	egen `x'_sem=sum(`x') , by(aisp sem_year) 
}

gen 	on_target_vd=(violent_death_sim_cum<=target_vd_cum) 
replace on_target_vd=(violent_death_sim_cum<=target_vd_cum*1.1) if year>=2013
replace on_target_vd=. if cycle==1

gen 	on_target_sr=(street_robbery_cum<=target_sr_cum)
replace on_target_sr=(street_robbery_cum<=target_sr_cum*1.1) if year>=2013

gen 	on_target_vr=(vehicle_robbery_cum<=target_vr_cum)
replace on_target_vr=(vehicle_robbery_cum<=target_vr_cum*1.1) if year>=2013

gen 	on_target= (on_target_vd==1 & on_target_sr==1 & on_target_vr==1)

sort aisp month_year 
gen lag1_on_target=on_target[_n-1]

gen dist_target_vd=violent_death_sim_cum /target_vd_sem -1 
bysort aisp (month_year): gen lag12_dist_target_vd=dist_target_vd[_n-12]

gen dist_target_vr=(vehicle_robbery_cum)/(target_vr_sem ) -1 
bysort aisp (month_year): gen lag12_dist_target_vr=dist_target_vr[_n-12]

gen dist_target_sr=street_robbery_cum /target_sr_sem -1 
bysort aisp (month_year): gen lag12_dist_target_sr=dist_target_sr[_n-12]

foreach x of varlist target_vd  {
label var `x' "a"
label var `x'_sem "a"
label var `x'_cum "a"
label var on_`x' "a"
label var dist_`x' "a"

}

label var cycle "a"

 xtset aisp month_year
 order aisp year month semester month_year sem_year cycle violent_death homicide violent_death_sim  police_killing body_found robbery theft street_robbery vehicle_robbery vehicle_theft cargo_robbery other_robberies drug_seizure gun_seizure arrest juvenile_arrest target_vd target_sr target_vr 

preserve
	keep if year > 2015 

	foreach y of varlist  violent_death_sim  vehicle_robbery  street_robbery homicide dpolice_killing {
	xi: xtreg `y'  on_target  n_precinct population i.month i.year ,  fe 
		sum `y' if e(sample)==1
		eret2 scalar mean_y=r(mean)
		eret2 scalar adj_R2=e(r2_a)
		outreg2 using $dir\r\p1.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 )
	xi: xtreg `y'  on_target  n_precinct population i.month i.year i.cmt ,  fe 
		sum `y' if e(sample)==1
		eret2 scalar mean_y=r(mean)
		eret2 scalar adj_R2=e(r2_a)
		outreg2 using $dir\r\p1.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 )
		
	xi: xtivreg `y' ( on_target =lag12_dist_target_vr lag12_dist_target_sr lag12_dist_target_vd  )n_precinct  population i.month i.year i.cmt if year > 2016 ,  fe 
		sum `y' if e(sample)==1
		eret2 scalar mean_y=r(mean)
		eret2 scalar adj_R2=e(r2_a)	
		eret2 scalar F_test=e(F_f)
		outreg2 using $dir\r\p1_iv.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 F_test)
	}

restore 

preserve
	keep if year > 2006 & year < 2009 

	foreach y of varlist  violent_death_sim  vehicle_robbery  street_robbery homicide dpolice_killing {
	xi: xtreg `y'  on_target  n_precinct population i.month i.year ,  fe 
		sum `y' if e(sample)==1
		eret2 scalar mean_y=r(mean)
		eret2 scalar adj_R2=e(r2_a)
		outreg2 using $dir\r\p2.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 )
	xi: xtreg `y'  on_target  n_precinct population i.month i.year i.id_cmt ,  fe 
		sum `y' if e(sample)==1
		eret2 scalar mean_y=r(mean)
		eret2 scalar adj_R2=e(r2_a)
		outreg2 using $dir\r\p2.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 )
		
	xi: xtivreg `y' ( on_target =lag12_dist_target_vr lag12_dist_target_sr lag12_dist_target_vd  )n_precinct  population i.month i.year i.cmt if year == 2008 ,  fe 
		sum `y' if e(sample)==1
		eret2 scalar mean_y=r(mean)
		eret2 scalar adj_R2=e(r2_a)	
		eret2 scalar F_test=e(F_f)
		outreg2 using $dir\r\p2_iv.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 F_test)
	}

restore 

foreach y of varlist  violent_death_sim  vehicle_robbery  street_robbery homicide dpolice_killing {
xi: xtreg `y'  on_target policemen_aisp policemen_upp n_precinct max_prize population i.month i.year if sem_year>100,  fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)
	outreg2 using $dir\r\t2.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 )
xi: xtreg  `y'  on_target policemen_aisp policemen_upp n_precinct max_prize population i.month i.year i.id_cmt if sem_year>100,  fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)
	outreg2 using $dir\r\t2.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 )
xi: xtivreg `y' ( on_target =lag12_dist_target_vr lag12_dist_target_sr lag12_dist_target_vd  ) policemen_aisp policemen_upp n_precinct max_prize population i.month i.year i.id_cmt,  fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)	
	eret2 scalar F_test=e(F_f)
	outreg2 using $dir\r\t2.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 F_test)
}

foreach y of varlist vehicle_theft street_theft  dbody_found  {
xi: xtreg `y'  on_target policemen_aisp policemen_upp n_precinct max_prize population i.month i.year if sem_year>100,  fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)
	outreg2 using $dir\r\t3.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 )
xi: xtreg  `y'  on_target policemen_aisp policemen_upp n_precinct max_prize population i.month i.year i.id_cmt if sem_year>100,  fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)
	outreg2 using $dir\r\t3.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 )
xi: xtivreg `y' ( on_target =lag12_dist_target_vr lag12_dist_target_sr lag12_dist_target_vd  ) policemen_aisp policemen_upp n_precinct max_prize population i.month i.year i.id_cmt,  fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)	
	eret2 scalar F_test=e(F_f)
	outreg2 using $dir\r\t3.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 F_test)
}

foreach y of varlist other_robberies cargo_robbery burglary store_robbery  {
xi: xtreg `y'  on_target policemen_aisp policemen_upp n_precinct max_prize population i.month i.year if sem_year>100,  fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)
	outreg2 using $dir\r\t4.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 )
xi: xtreg  `y'  on_target policemen_aisp policemen_upp n_precinct max_prize population i.month i.year i.id_cmt if sem_year>100,  fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)
	outreg2 using $dir\r\t4.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 )
xi: xtivreg `y' ( on_target =lag12_dist_target_vr lag12_dist_target_sr lag12_dist_target_vd  ) policemen_aisp policemen_upp n_precinct max_prize population i.month i.year i.id_cmt,  fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)	
	eret2 scalar F_test=e(F_f)
	outreg2 using $dir\r\t4.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 F_test)
}

foreach y of varlist violent_death_sim  vehicle_robbery  street_robbery homicide dpolice_killing cargo_robbery  vehicle_theft street_theft  dbody_found drug_seizure gun_seizure arrest2{

xtpoisson  `y' on_target i.month i.year policemen_aisp policemen_upp n_precinct if cycle~=1 & sem_year>100, i(aisp) exposure(population) fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar effect= exp(_b[on_target])-1
	outreg2 using $dir\r\t5.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y effect)
xtpoisson  `y' on_target i.month i.year policemen_aisp policemen_upp n_precinct i.id_cmt if cycle~=1 & sem_year>100, i(aisp) exposure(population) fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar effect= exp(_b[on_target])-1
	outreg2 using $dir\r\t5.xls, keep(on_target) dec(3) nocons  aster(se)   e(mean_y effect)
}

foreach y of varlist violent_death_sim  vehicle_robbery  street_robbery dpolice_killing vehicle_theft street_theft  {
foreach i of numlist 2 (1) 6 {
xi: xtreg `y'  on_target policemen_aisp policemen_upp n_precinct max_prize population i.month i.year i.id_cmt if cycle==`i',  fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)	
	eret2 scalar F_test=e(F_f)
	outreg2 using $dir\r\t6.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 F_test)
}
}

foreach y of varlist arrest2 drug_seizure gun_seizure {
xi: xtreg `y'  on_target policemen_aisp policemen_upp n_precinct max_prize population i.month i.year if sem_year>100,  fe 
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)
	outreg2 using $dir\r\t7.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 )
xi: xtreg  `y'  on_target policemen_aisp policemen_upp n_precinct max_prize population i.month i.year i.id_cmt if sem_year>100,  fe 
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)
	outreg2 using $dir\r\t7.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 )
xi: xtivreg `y' ( on_target =lag12_dist_target_vr lag12_dist_target_sr lag12_dist_target_vd  ) policemen_aisp policemen_upp n_precinct max_prize population i.month i.year i.id_cmt,  fe 
	sum `y' if e(sample)==1
	eret2 scalar mean_y=r(mean)
	eret2 scalar adj_R2=e(r2_a)	
	eret2 scalar F_test=e(F_f)
	outreg2 using $dir\r\t7.xls, keep(on_target) dec(3) nocons  aster(se) e(mean_y adj_R2 F_test)
}

foreach y of varlist  violent_death_sim  vehicle_robbery  street_robbery homicide dpolice_killing {
xi: xtreg `y'  lag12_dist_target_vd policemen_aisp policemen_upp n_precinct max_prize population i.month i.year i.id_cmt,  fe 
	outreg2 using $dir\r\t8.xls, keep(lag12_dist_target_vr lag12_dist_target_sr lag12_dist_target_vd ) dec(3) nocons  aster(se) e(mean_y adj_R2 F_test)
xi: xtreg `y'  lag12_dist_target_vr lag12_dist_target_sr  lag12_dist_target_vd policemen_aisp policemen_upp n_precinct max_prize population i.month i.year i.id_cmt,  fe 
	outreg2 using $dir\r\t8.xls, keep(lag12_dist_target_vr lag12_dist_target_sr lag12_dist_target_vd ) dec(3) nocons  aster(se) e(mean_y adj_R2 F_test)
}

foreach y of varlist  violent_death_sim  vehicle_robbery  street_robbery homicide dpolice_killing {

  xi: xtreg  `y'  lag1_on_target policemen_aisp policemen_upp n_precinct max_prize population i.month i.year i.id_cmt if  cycle==1,  fe 
	outreg2 using $dir\r\t9.xls, keep(lag1_on_target ) dec(3) nocons  aster(se) e(mean_y adj_R2 F_test)
}
