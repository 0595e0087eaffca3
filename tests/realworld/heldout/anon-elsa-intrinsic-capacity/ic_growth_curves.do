* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 56102872647 (a public GitHub .do file of a study of intrinsic capacity and its five domains (factor scores) across birth cohorts in the English Longitudinal Study of Ageing and CHARLS: sort/by ID: gen _N and _n counters, distinct, tab1, a 14-range recode of birth year with gen(), centred cohort and years since baseline, rename of a varlist to a varlist, growth curves by foreach of mixed y (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years, cov(unstructured) with margins, at(rabyear_cen=(0(1)30) years=(0(2)16)) saving(..., replace), then loops that use each saved margins file, gen year/cohort/age from _at1 _at2, drop if !inrange() and draw twoway connected _margin ... || rcap _ci_ub _ci_lb ... with color("r g b"), name() and grc1leg ..., row(2); by sex: mixed ... [pw=] || ID: years if female == 1, cov(unstructured) with est sto, esttab ... using .rtf, replace|append b(%9.3fc) ci(%9.3fc) wide nostar transform(ln*: exp(@)^2 exp(@)^2 at*: tanh(@) (1-tanh(@)^2)) noparentheses, and preserve/keep if/rename/foreach mixed + estat recovariance, correlation + margins saving(); an excerpt: the ELSA part, leaving out its second and third weighted passes (the same models written out one by one, with export excel of the grids and marginsplot) and the whole CHARLS part, which repeats the ELSA commands on a second survey; the index does not name the repository)
* author: unknown
* licence: none stated
* data: elsa_fscores = elsa_fscores
* data: elsa_fscores_sex = elsa_fscores_sex
	use elsa_fscores, clear
	sort ID wave
	drop totobs
	by ID: gen totobs = _N
	drop nobs
	by ID: gen nobs = _n
	distinct ID
	tab partialinfo wave
	sum rabyear totobs if nobs == 1, detail
	tab1 rabyear ragender raeducl marital if nobs == 1
	drop byear_decade
	recode rabyear (1900/1904 = 1900) (1905/1909 = 1905) (1910/1914 = 1910) (1915/1919 = 1915) (1920/1924 = 1920) (1925/1929 = 1925) (1930/1934 = 1930) (1935/1939 = 1935) (1940/1944 = 1940) (1945/1949 = 1945) (1950/1954 = 1950) (1955/1959 = 1955) (1960/1964 = 1960) (1965/1969 = 1965), gen(byear_decade)
	gen rabyear_cen = rabyear - 1920
	gen wave_cen = wave - 1
	gen years = wave_cen * 2
	ta years
	rename (g psych locom vital cogni sensor) (intrinsic_capacity psychological locomotor vitality cognition sensory)
		foreach var in intrinsic_capacity psychological locomotor vitality cognition sensory {
		mixed `var' (c.years##c.years)##c.rabyear_cen || ID: years, cov(unstructured)
		margins, ///
		at(rabyear_cen=(0(1)30) years=(0(2)16)) ///
		saving(elsa_`var', replace)
	}
	foreach var in intrinsic_capacity psychological locomotor vitality cognition sensory {
		use elsa_`var', clear
		gen year = _at1 + 2002
		gen cohort = _at2 + 1920
		gen age = year - cohort
		drop if !inrange(age,60,90)
		twoway (connected _margin age if cohort == 1920, msymbol(O) msize(vsmall) color("173 220 48") lpattern(solid)) (rcap _ci_ub _ci_lb age if cohort == 1920, msymbol(O) msize(vsmall) color("173 220 48")) (connected _margin age if cohort == 1930, msymbol(O) msize(vsmall) color("40 174 128") lpattern(solid)) (rcap _ci_ub _ci_lb age if cohort == 1930, msymbol(O) msize(vsmall) color("40 174 128")) (connected _margin age if cohort == 1940, msymbol(O) msize(vsmall) color("44 114 142") lpattern(solid)) (rcap _ci_ub _ci_lb age if cohort == 1940, msymbol(O) msize(vsmall) color("44 114 142")) (connected _margin age if cohort == 1950, msymbol(O) msize(vsmall) color("71 45 123") lpattern(solid)) (rcap _ci_ub _ci_lb age if cohort == 1950, msymbol(O) msize(vsmall) color("71 45 123")), xtitle("text a", size(small)) ytitle("text b", size(small)) title("`var'", size(medium)) legend(order(1 "1920" 3 "1930" 5 "1940" 7 "1950") rows(1) region(lwidth(none)) rowgap(vsmall) colgap(medium) keygap(vsmall) size(vsmall)) scheme(s1mono) xlabel(60(5)90, gmin gmax labsize(small)) name(elsa_`var'_age, replace) ylab(-1.5(.5).5, gmin gmax labsize(small))
	 twoway (connected _margin year if cohort == 1920, msymbol(O) msize(vsmall) color("173 220 48") lpattern(solid)) (rcap _ci_ub _ci_lb year if cohort == 1920, msymbol(O) msize(vsmall) color("173 220 48")) (connected _margin year if cohort == 1930, msymbol(O) msize(vsmall) color("40 174 128") lpattern(solid)) (rcap _ci_ub _ci_lb year if cohort == 1930, msymbol(O) msize(vsmall) color("40 174 128")) (connected _margin year if cohort == 1940, msymbol(O) msize(vsmall) color("44 114 142") lpattern(solid)) (rcap _ci_ub _ci_lb year if cohort == 1940, msymbol(O) msize(vsmall) color("44 114 142")) (connected _margin year if cohort == 1950, msymbol(O) msize(vsmall) color("71 45 123") lpattern(solid)) (rcap _ci_ub _ci_lb year if cohort == 1950, msymbol(O) msize(vsmall) color("71 45 123")), xtitle("text c", size(small)) ytitle("text b", size(small)) title("`var'", size(medium)) legend(order(1 "1920" 3 "1930" 5 "1940" 7 "1950") rows(1) region(lwidth(none)) rowgap(vsmall) colgap(medium) keygap(vsmall) size(vsmall)) scheme(s1mono) xtick(2002(4)2018) xlabel(2002(4)2018, labsize(small)) name(elsa_`var'_year, replace) ylab(-1.5(.5).5, gmin gmax labsize(small))
	}
	grc1leg elsa_intrinsic_capacity_age elsa_psychological_age elsa_locomotor_age elsa_vitality_age elsa_cognition_age elsa_sensory_age, row(2)
	grc1leg elsa_intrinsic_capacity_year elsa_psychological_year elsa_locomotor_year elsa_vitality_year elsa_cognition_year elsa_sensory_year, row(2)
	use elsa_fscores_sex, clear
	sort ID wave
	drop totobs
	by ID: gen totobs = _N
	drop nobs
	by ID: gen nobs = _n
	distinct ID
	tab partialinfo wave
	sum rabyear totobs if nobs == 1, detail
	tab1 rabyear ragender raeducl marital if nobs == 1
	drop byear_decade
	recode rabyear (1900/1904 = 1900) (1905/1909 = 1905) (1910/1914 = 1910) (1915/1919 = 1915) (1920/1924 = 1920) (1925/1929 = 1925) (1930/1934 = 1930) (1935/1939 = 1935) (1940/1944 = 1940) (1945/1949 = 1945) (1950/1954 = 1950) (1955/1959 = 1955) (1960/1964 = 1960) (1965/1969 = 1965), gen(byear_decade)
	gen rabyear_cen = rabyear - 1920
	gen wave_cen = wave - 1
	gen years = wave_cen * 2
	ta years
rename (g psych locom vital cogni sensor) (ic psychological locomotor vitality cognition sensory)
mixed ic (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years if female == 1, cov(unstructured)
est sto elsa_female1_ic
mixed psychological (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years if female == 1, cov(unstructured)
est sto elsa_female1_psy
mixed locomotor (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years if female == 1, cov(unstructured)
est sto elsa_female1_loc
mixed vitality (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years if female == 1, cov(unstructured)
est sto elsa_female1_vit
mixed cognition (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years if female == 1, cov(unstructured)
est sto elsa_female1_cog
mixed sensory (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years if female == 1, cov(unstructured)
est sto elsa_female1_sen
esttab elsa_female1_ic elsa_female1_psy elsa_female1_loc elsa_female1_vit elsa_female1_cog elsa_female1_sen using elas_ic_female.rtf, replace b (%9.3fc) ci (%9.3fc) wide nostar transform(ln*: exp(@)^2 exp(@)^2 at*: tanh(@) (1-tanh(@)^2))
esttab elsa_female1_ic elsa_female1_psy elsa_female1_loc elsa_female1_vit elsa_female1_cog elsa_female1_sen using elas_ic_female.rtf, append b (%9.3fc) p (%9.3fc) wide transform(ln*: exp(@)^2 exp(@)^2 at*: tanh(@) (1-tanh(@)^2)) noparentheses
mixed ic (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years if female == 0, cov(unstructured)
est sto elsa_female0_ic
mixed psychological (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years if female == 0, cov(unstructured)
est sto elsa_female0_psy
mixed locomotor (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years if female == 0, cov(unstructured)
est sto elsa_female0_loc
mixed vitality (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years if female == 0, cov(unstructured)
est sto elsa_female0_vit
mixed cognition (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years if female == 0, cov(unstructured)
est sto elsa_female0_cog
mixed sensory (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years if female == 0, cov(unstructured)
est sto elsa_female0_sen
esttab elsa_female0_ic elsa_female0_psy elsa_female0_loc elsa_female0_vit elsa_female0_cog elsa_female0_sen using elas_ic_female.rtf, append b (%9.3fc) ci (%9.3fc) wide nostar transform(ln*: exp(@)^2 exp(@)^2 at*: tanh(@) (1-tanh(@)^2))
esttab elsa_female0_ic elsa_female0_psy elsa_female0_loc elsa_female0_vit elsa_female0_cog elsa_female0_sen using elas_ic_female.rtf, append b (%9.3fc) p (%9.3fc) wide transform(ln*: exp(@)^2 exp(@)^2 at*: tanh(@) (1-tanh(@)^2)) noparentheses
	preserve
	keep if female == 0
* mlm-expect: r(111)
	rename (g psych locom vital cogni sensor) (ic psychological locomotor vitality cognition sensory)
	foreach var in ic psychological locomotor vitality cognition sensory {
		mixed `var' (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years, cov(unstructured)
		estat recovariance, correlation
		margins, ///
		at(rabyear_cen=(0(1)30) years=(0(2)16)) ///
		saving(elsa_`var'_female0, replace)
	}
	restore
	keep if female == 1
* mlm-expect: r(111)
	rename (g psych locom vital cogni sensor) (ic psychological locomotor vitality cognition sensory)
	foreach var in ic psychological locomotor vitality cognition sensory {
		mixed `var' (c.years##c.years)##c.rabyear_cen [pw=cwtresp] || ID: years, cov(unstructured)
		estat recovariance, correlation
		margins, ///
		at(rabyear_cen=(0(1)30) years=(0(2)16)) ///
		saving(elsa_`var'_female1, replace)
	}
	foreach var in ic psychological locomotor vitality cognition sensory {
		use elsa_`var'_female0, clear
		gen year = _at1 + 2002
		gen cohort = _at2 + 1920
		gen age = year - cohort
		drop if !inrange(age,60,90)
		twoway (connected _margin age if cohort == 1920, msymbol(O) msize(vsmall) color("173 220 48") lpattern(solid)) (rcap _ci_ub _ci_lb age if cohort == 1920, msymbol(O) msize(vsmall) color("173 220 48"))  (connected _margin age if cohort == 1930, msymbol(O) msize(vsmall) color("40 174 128") lpattern(solid)) (rcap _ci_ub _ci_lb age if cohort == 1930, msymbol(O) msize(vsmall) color("40 174 128")) (connected _margin age if cohort == 1940, msymbol(O) msize(vsmall) color("44 114 142") lpattern(solid)) (rcap _ci_ub _ci_lb age if cohort == 1940, msymbol(O) msize(vsmall) color("44 114 142")) (connected _margin age if cohort == 1950, msymbol(O) msize(vsmall) color("71 45 123") lpattern(solid)) (rcap _ci_ub _ci_lb age if cohort == 1950, msymbol(O) msize(vsmall) color("71 45 123")) (line _margin age if cohort == ., msymbol(O) msize(vsmall) color(black) lpattern(shortdash)) (line _margin age if cohort == ., msymbol(O) msize(vsmall) color(black) lpattern(solid)), xtitle("text a", size(small)) ytitle("text b", size(small)) title("`var' - text d", size(medium)) legend(order(1 "1920" 3 "1930" 5 "1940" 7 "1950" 9 "text e" 10 "text d") rows(1) region(lwidth(none)) rowgap(vsmall) colgap(medium) keygap(vsmall) size(vsmall)) scheme(s1mono) xlabel(60(5)90, gmin gmax labsize(small)) name(elsa_`var'_age_female0, replace) ylab(-1.5(.5)1, gmin gmax labsize(small))
	}
grc1leg elsa_ic_age_female0 elsa_psychological_age_female0 elsa_locomotor_age_female0 elsa_vitality_age_female0 elsa_cognition_age_female0 elsa_sensory_age_female0, row(2)
	foreach var in ic psychological locomotor vitality cognition sensory {
		use elsa_`var'_female1, clear
		gen year = _at1 + 2002
		gen cohort = _at2 + 1920
		gen age = year - cohort
		drop if !inrange(age,60,90)
		twoway (connected _margin age if cohort == 1920, msymbol(O) msize(vsmall) color("173 220 48") lpattern(shortdash)) (rcap _ci_ub _ci_lb age if cohort == 1920, msymbol(O) msize(vsmall) color("173 220 48"))  (connected _margin age if cohort == 1930, msymbol(O) msize(vsmall) color("40 174 128") lpattern(shortdash)) (rcap _ci_ub _ci_lb age if cohort == 1930, msymbol(O) msize(vsmall) color("40 174 128")) (connected _margin age if cohort == 1940, msymbol(O) msize(vsmall) color("44 114 142") lpattern(shortdash)) (rcap _ci_ub _ci_lb age if cohort == 1940, msymbol(O) msize(vsmall) color("44 114 142")) (connected _margin age if cohort == 1950, msymbol(O) msize(vsmall) color("71 45 123") lpattern(shortdash)) (rcap _ci_ub _ci_lb age if cohort == 1950, msymbol(O) msize(vsmall) color("71 45 123")) (line _margin age if cohort == ., msymbol(O) msize(vsmall) color(black) lpattern(shortdash)) (line _margin age if cohort == ., msymbol(O) msize(vsmall) color(black) lpattern(solid)), xtitle("text a", size(small)) ytitle("text b", size(small)) title("`var' - text e", size(medium)) legend(order(1 "1920" 3 "1930" 5 "1940" 7 "1950" 9 "text e" 10 "text d") rows(1) region(lwidth(none)) rowgap(vsmall) colgap(medium) keygap(vsmall) size(vsmall)) scheme(s1mono) xlabel(60(5)90, gmin gmax labsize(small)) name(elsa_`var'_age_female1, replace) ylab(-1.5(.5)1, gmin gmax labsize(small))
	}
grc1leg elsa_ic_age_female1 elsa_psychological_age_female1 elsa_locomotor_age_female1 elsa_vitality_age_female1 elsa_cognition_age_female1 elsa_sensory_age_female1, row(2)
