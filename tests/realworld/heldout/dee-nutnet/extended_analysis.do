* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:LauraDee/NutNetCausalinf@8391085d3393f747397adf1907c407388698d28b code/stata/extended_analysis.do (code-index file id 46370997767: the extended analyses of a causal-inference study of plant species richness and productivity in the Nutrient Network's grassland plots -- what ecologists would fit: random-effects xtreg with cluster() on plots, and three-level xtmixed of plots nested in sites with 59 site covariates (i.pais i.tierra i.year, weather and soil), with vce(robust); then the panel designs: reghdfe with plot and site-by-year effects, keepsingletons and cluster() on plot or site, xtreg fe with i.styr_id, attrition by ttest, a bounded imputation with recode (.=827.5), lagged dependent variables (L.l_lmass, L2.) in reghdfe and areg, ivreghdfe and xtivreg fe with first, areg with estimates store ..., title(), esttab to .tex with cells() and posthead("") prefoot(""), Oster's psacalc (SSC) with model(), delta() and rmax(), and quadratic and cubic richness; the file works on the data its master do-file has loaded and xtset)
* author: Laura Dee and co-authors (repository owner; comments name Paul Ferraro and Chris)
* licence: none stated
* preload: nutnet_plots
xtreg l_lmass l_rich i.year, re cluster(plst_id)
xtreg l_lmass l_rich i.pais i.tierra i.year elevation managed burned grazed anthropogenic temp_var_v2  min_temp_v2 max_temp_v2 temp_wet_q_v2 temp_dry_q_v2 temp_warm_q_v2 temp_cold_q_v2 pct_c2 pct_n2 ppm_p ppm_k ppm_ca ppm_mg ppm_s ppm_na ppm_zn ppm_mn ppm_fe ppm_cu ppm_b ph percentsand_2 percentsilt_2 percentclay_2 , re cluster(plst_id)
xtmixed l_lmass l_rich i.pais i.tierra i.year elevation managed burned grazed anthropogenic temp_var_v2  min_temp_v2 max_temp_v2 temp_wet_q_v2 temp_dry_q_v2 temp_warm_q_v2 temp_cold_q_v2 pct_c2 pct_n2 ppm_p ppm_k ppm_ca ppm_mg ppm_s ppm_na ppm_zn ppm_mn ppm_fe ppm_cu ppm_b ph percentsand_2 percentsilt_2 percentclay_2 || site_code2: || plst_id:
xtmixed l_lmass l_rich i.pais i.tierra i.year elevation managed burned grazed anthropogenic temp_var_v2  min_temp_v2 max_temp_v2 temp_wet_q_v2 temp_dry_q_v2 temp_warm_q_v2 temp_cold_q_v2 pct_c2 pct_n2 ppm_p ppm_k ppm_ca ppm_mg ppm_s ppm_na ppm_zn ppm_mn ppm_fe ppm_cu ppm_b ph percentsand_2 percentsilt_2 percentclay_2 || site_code2: || plst_id:, vce(robust)
xtreg l_lmass l_simpson i.pais i.tierra i.year elevation managed burned grazed anthropogenic temp_var_v2  min_temp_v2 max_temp_v2 temp_wet_q_v2 temp_dry_q_v2 temp_warm_q_v2 temp_cold_q_v2 pct_c2 pct_n2 ppm_p ppm_k ppm_ca ppm_mg ppm_s ppm_na ppm_zn ppm_mn ppm_fe ppm_cu ppm_b ph percentsand_2 percentsilt_2 percentclay_2 , re cluster(plst_id)
xtmixed l_lmass l_simpson i.pais i.tierra i.year elevation managed burned grazed anthropogenic temp_var_v2  min_temp_v2 max_temp_v2 temp_wet_q_v2 temp_dry_q_v2 temp_warm_q_v2 temp_cold_q_v2 pct_c2 pct_n2 ppm_p ppm_k ppm_ca ppm_mg ppm_s ppm_na ppm_zn ppm_mn ppm_fe ppm_cu ppm_b ph percentsand_2 percentsilt_2 percentclay_2 || site_code2: || plst_id:
xtreg l_lmass l_rich l_even i.pais i.tierra i.year elevation managed burned grazed anthropogenic temp_var_v2  min_temp_v2 max_temp_v2 temp_wet_q_v2 temp_dry_q_v2 temp_warm_q_v2 temp_cold_q_v2 pct_c2 pct_n2 ppm_p ppm_k ppm_ca ppm_mg ppm_s ppm_na ppm_zn ppm_mn ppm_fe ppm_cu ppm_b ph percentsand_2 percentsilt_2 percentclay_2 , re cluster(plst_id)
xtmixed l_lmass l_rich l_even i.pais i.tierra i.year elevation managed burned grazed anthropogenic temp_var_v2  min_temp_v2 max_temp_v2 temp_wet_q_v2 temp_dry_q_v2 temp_warm_q_v2 temp_cold_q_v2 pct_c2 pct_n2 ppm_p ppm_k ppm_ca ppm_mg ppm_s ppm_na ppm_zn ppm_mn ppm_fe ppm_cu ppm_b ph percentsand_2 percentsilt_2 percentclay_2 || site_code2: || plst_id:
reghdfe l_lmass l_rich, keepsingletons absorb(plst_id styr_id) cluster(plst_id)
reghdfe l_lmass l_rich, keepsingletons  absorb(newplotid styr_id) cluster(newplotid)
reghdfe l_lmass l_rich, keepsingletons  absorb(plst_id styr_id) cluster(site_code2)
reghdfe l_lmass l_rich, absorb(plst_id styr_id) cluster(plst_id)
reghdfe l_lmass l_rich, absorb(plst_id styr_id) cluster( site_code2 )
xtreg l_lmass l_rich i.styr_id, fe cluster(plst_id)
reghdfe l_lmass l_rich if elevation~=. & managed~=. & burned~=. & grazed~=. &  anthropogenic~=. &  temp_var_v2~=. &   min_temp_v2~=. &  max_temp_v2~=. &  temp_wet_q_v2~=. &  temp_dry_q_v2~=. &  temp_warm_q_v2~=. &  temp_cold_q_v2~=. &  pct_c2~=. &  pct_n2~=. &  ppm_p~=. &  ppm_k~=. &  ppm_ca~=. &  ppm_mg~=. &  ppm_s~=. &  ppm_na~=. &  ppm_zn~=. &  ppm_mn~=. &  ppm_fe~=. &  ppm_cu~=. &  ppm_b~=. &  ph~=. & percentsand_2~=. &  percentsilt_2~=. &  percentclay_2~=., keepsingletons  absorb(plst_id styr_id) cluster(plst_id)
reghdfe l_lmass l_simpson, keepsingletons absorb(plst_id styr_id) cluster(plst_id)
reghdfe l_lmass l_simpson, absorb(plst_id styr_id) cluster(plst_id)
reghdfe l_lmass l_rich l_even, keepsingletons  absorb(plst_id styr_id) cluster(plst_id)
reghdfe l_lmass l_rich, keepsingletons  absorb(plst_id) cluster(plst_id)
xtreg l_lmass l_rich, fe cluster(plst_id)
gen attrition=1 if live_mass==.
recode attrition (.=0)
ttest rich, by(attrition)
sum     live_mass, detail
gen live_massimpute= live_mass
recode live_massimpute (.=827.5)
gen l_lmassimpute= ln(live_massimpute)
reghdfe l_lmassimpute l_rich, keepsingletons  absorb(plst_id styr_id) cluster(plst_id)
reghdfe l_lmass l_rich L.l_lmass, keepsingletons absorb(styr_id) cluster(plst_id)
reghdfe l_lmass l_rich L.l_lmass, a(styr_id) cluster(plst_id)
areg l_lmass l_rich L.l_lmass , absorb(styr_id) cluster(plst_id)
gen l_ground_par=ln(ground_par)
reghdfe l_lmass l_rich l_even ground_par , keepsingletons  absorb(plst_id styr_id) cluster(plst_id)
reghdfe l_lmass l_rich l_even l_ground_par , keepsingletons  absorb(plst_id styr_id) cluster(plst_id)
ivreghdfe l_lmass (l_rich = l_nbrichblock),a(plst_id styr_id) cluster(plst_id) first
xtivreg l_lmass i.styr_id (l_rich = l_nbrichblock),fe vce(cluster plst_id) first
areg l_lmass l_rich i.styr_id, absorb(plst_id) cluster(plst_id)
estimates store m1, title(x)
areg l_rich i.styr_id, absorb(plst_id) cluster(plst_id)
estimates store m2, title(x)
esttab * using "$output/t1.tex", cells(b(fmt(%9.3f)) se(par) ci(par)) stats(r2 N, fmt(%9.3f %9.0g) label(x)) legend label collabels(, none) varlabels(_cons x) posthead("") prefoot("") postfoot("") varwidth(16) modelwidth(12) title(x) replace
xtreg l_rich i.styr_id, fe cluster(plst_id)
reg l_lmass l_rich i.plst_id i.styr_id, cluster(plst_id)
psacalc beta l_rich, model(areg l_lmass l_rich i.styr_id, absorb(plst_id) cluster(plst_id)) delta(-0.1) rmax(1)
psacalc beta l_rich, model(reg l_lmass l_rich i.plst_id i.styr_id, cluster(plst_id)) delta(-0.1) rmax(1)
psacalc beta l_rich, model(reg l_lmass l_rich i.plst_id i.styr_id, cluster(plst_id)) delta(0.1) rmax(1)
psacalc beta l_rich, model(areg l_lmass l_rich L.l_lmass , absorb(styr_id) cluster(plst_id)) delta(-0.1) rmax(1)
reghdfe l_lmass l_rich L.l_rich L.l_lmass L2.l_lmass, keepsingletons  absorb(plst_id styr_id) cluster(plst_id)
areg l_lmass l_rich L.l_rich L.l_lmass L2.l_lmass , absorb(styr_id) cluster(plst_id)
reghdfe l_lmass l_rich L.l_rich, keepsingletons  absorb(plst_id styr_id) cluster(plst_id)
reghdfe l_lmass rich, keepsingletons  absorb(plst_id styr_id) cluster(plst_id)
reghdfe live_mass rich, keepsingletons  absorb(plst_id styr_id) cluster(plst_id)
gen rich2 = rich*rich
reghdfe live_mass rich rich2, keepsingletons  absorb(plst_id styr_id) cluster(plst_id)
sum rich
gen rich3 = rich*rich*rich
reghdfe live_mass rich rich2 rich3, keepsingletons  absorb(plst_id styr_id) cluster(plst_id)
