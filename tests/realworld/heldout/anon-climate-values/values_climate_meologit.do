* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 39351564957 (a public GitHub .do file of a dissertation paper on human values, political orientation and climate-change attitudes in European Social Survey countries: the dropbox locator and a coding do-file run first, egen rowmiss(), estpost tabstat with esttab to .tex, catplot bar charts with nodraw combined, gr save/export, per outcome an ologit whose e(b) starts meologit ... || country:, intmethod(mv) evaltype(gf0) intpoints(7) or from() cov(un) with and without c.##c. interactions and estat ic, esttab, margins with five at() lists and predict(outcome(k) fixed) post, coefplot with coeflabels() and group(), then khb decompositions with estadd scalar from e(disentangle); the index does not name the repository) (excerpt: from the start to the khb table; the commented-out sandbox of sem models after it left out)
* author: unknown (paths in the file: Keith, dissertation)
* licence: none stated
* preload: climate_values
dropbox
cd "x/y"
run "Values_politics_coding.do"
egen regressmiss=rowmiss(CC_concern reduce_energy increase_FFtax SchwartzSelfTrans SchwartzSelfEnhance SchwartzOpenness SchwartzConservation polipref socialtrust politrustraw Indiv_Reduce_Energy Group_Reduce_Energy female age education income belong_religion attend gni freexp2016 coal)
estpost tabstat CC_concern reduce_energy increase_FFtax SchwartzSelfTrans SchwartzSelfEnhance SchwartzOpenness SchwartzConservation polipref socialtrust politrustraw Indiv_Reduce_Energy Group_Reduce_Energy female age education income belong_religion attend gni freexp2016 coal if transition==0, s(mean sd) columns(statistics)
esttab . using "raw tables/descriptive_table.tex", replace cells("mean(fmt(a2)) sd(fmt(a2))") label
catplot CC_concern  if transition==0, title(Plot, c(black) size(medsmall)) ytitle(Percent, c(black) size(medsmall)) graphregion(color(white) lcolor(white)) perc blabel(bar, position(outside) format(%3.1f)) scheme(lean2) ylabel(, nogrid) vert bar(1, bcolor(edkblue)) var1opts(relabel(1 `""a" "b""' 2 `""c" "d""' 3 `""e" "f""' 4 `""g" "h""') label( labsize(vsmall) angle(0))) name(distribution_concern,replace) nodraw
catplot reduce_energy  if transition==0, title(Plot, c(black) size(medsmall)) ytitle(Percent, c(black) size(medsmall)) graphregion(color(white) lcolor(white)) perc blabel(bar, position(outside) format(%3.1f)) scheme(lean2) ylabel(, nogrid) vert bar(1, bcolor(forest_green)) var1opts(relabel(1 `""a" "b""' 2 "c" 3 "d" 4 `""e" "f""' 5 "g") label(labsize(vsmall) angle(0)))  name(distribution_reduce,replace) nodraw
catplot increase_FFtax if transition==0, title(Plot, c(black) size(medsmall)) ytitle(Percent, c(black) size(medsmall)) graphregion(color(white) lcolor(white)) perc blabel(bar, position(outside) format(%3.1f)) scheme(lean2) ylabel(, nogrid) vert bar(1, bcolor(cranberry)) var1opts(relabel(1 `""a" "b""' 2 `""c" "d""' 3 `""e" "f""' 4 `""g" "h""') label(labsize(vsmall) angle(0)))  name(distribution_FF,replace) nodraw
gr combine distribution_concern distribution_reduce distribution_FF, graphregion(color(white) lcolor(white))
gr save "Graphs/Dependent_Descriptives.gph", replace
gr export "Graphs\Dependent_Descriptives.eps", as(eps) preview(off) replace
gr export "Graphs\Dependent_Descriptives.png", as(png) replace
foreach x in CC_concern	reduce_energy increase_FFtax {
ologit `x' SchwartzSelfTrans SchwartzSelfEnhance SchwartzOpenness SchwartzConservation polipref socialtrust politrustraw Indiv_Reduce_Energy Group_Reduce_Energy female age education income belong_religion attend gni freexp2016 coal if transition==0, or 
mat SAVECC1=e(b)	
est sto olo_`x'
meologit `x' SchwartzSelfTrans SchwartzSelfEnhance SchwartzOpenness SchwartzConservation polipref socialtrust politrustraw Indiv_Reduce_Energy Group_Reduce_Energy female age education income belong_religion attend gni freexp2016 coal if transition==0 || country:, intmethod(mv) evaltype(gf0) intpoints(7) or from(SAVECC1) cov(un)
mat SAVECC2=e(b)	
est sto reg_`x'
estat ic 
meologit `x' c.SchwartzSelfTrans##c.polipref c.SchwartzSelfEnhance##c.polipref c.SchwartzOpenness##c.polipref c.SchwartzConservation##c.polipref socialtrust politrustraw Indiv_Reduce_Energy Group_Reduce_Energy female age education income belong_religion attend gni freexp2016 coal if transition==0 || country:, intmethod(mv) evaltype(gf0) intpoints(7) or from(SAVECC2) cov(un)
mat SAVECC3=e(b)	
est sto reg_int_`x'
estat ic
}
esttab reg_* using "raw tables/regression_all.tex", se(2) b(2) star(* 0.05 ** 0.01) title(Table) mtitle("a" "" "b" "" "c" "") replace	label
foreach x in CC_concern increase_FFtax {
est res reg_`x'
margins, at(SchwartzSelfTrans=(3.8 5 6)) at(SchwartzSelfEnhance=(2.33 3.67 5)) at(SchwartzOpenness=(2.75 4.25 5.5)) at(SchwartzConservation=(2.83 4.33 5.5)) at(polipref=(1 3 5)) predict(outcome(4) fixed) post
	est sto marg_`x'
}
foreach x in reduce_energy {
est res reg_`x'
margins, at(SchwartzSelfTrans=(3.8 5 6)) at(SchwartzSelfEnhance=(2.33 3.67 5)) at(SchwartzOpenness=(2.75 4.25 5.5)) at(SchwartzConservation=(2.83 4.33 5.5)) at(polipref=(1 3 5)) predict(outcome(5) fixed) post
est sto marg_`x'
}
esttab marg_CC_concern marg_reduce_energy marg_increase_FFtax using "raw tables/margins_all.tex", b(2) nostar not title(Table) mtitle("a" "b" "c") replace	label booktabs alignment(D{.}{.}{-1}) coef( 1._at "a" 2._at "b" 3._at "c" 4._at "a" 5._at "b" 6._at "c" 7._at "a" 8._at "b" 9._at "c" 10._at "a" 11._at "b" 12._at "c" 13._at "d" 14._at "b" 15._at "e")
coefplot marg_CC_concern marg_reduce_energy marg_increase_FFtax, vert graphregion(color(white) lcolor(white)) ylabel(, gmin gmax labsize(small) labcolor(black) glcolor(gs14)) coeflabels(1._at="a" 2._at="b" 3._at="c" 4._at="a" 5._at="b" 6._at="c" 7._at="a" 8._at="b" 9._at="c" 10._at="a" 11._at="b" 12._at="c" 13._at="d" 14._at="b" 15._at="e" , angle(90) labs(small)) group(1._at 2._at 3._at = `""{bf:a}" "{bf:b}""' 4._at 5._at 6._at = `""{bf:a}" "{bf:c}""' 7._at 8._at 9._at = "{bf:d}" 10._at 11._at 12._at = "{bf:e}" 13._at 14._at 15._at = `""{bf:f}" "{bf:g}""') legend(region(lcolor(white)) order(1 "a" 3 "b" 5 "c") row(1))
gr save "Graphs/Margins_Coefplot.gph", replace
gr export "Graphs/Margins_Coefplot.eps", as(eps) preview(off) replace
gr export "Graphs/Margins_Coefplot.png", as(png) replace
run "Interaction Graphs.do"
xtset country
gen m1=SchwartzSelfTrans	
gen m2=SchwartzSelfEnhance 
gen m3=SchwartzOpenness 
gen m4=SchwartzConservation 
la var m1 "a"
la var m2 "b"
la var m3 "c"
la var m4 "d"
khb xtologit CC_concern m1 m2 m3 m4 ||  polipref if transition==0, s d c(socialtrust politrustraw Indiv_Reduce_Energy Group_Reduce_Energy female age education income belong_religion attend gni freexp2016 coal)
	mat disentangle = e(disentangle)
	estadd scalar selftrans_reduce = disentangle[1,4]
	estadd scalar selfenhance_reduce = disentangle[2,4]
	estadd scalar openness_reduce = disentangle[3,4]
	estadd scalar conservation_reduce = disentangle[4,4]
est sto khb_CCconcern
khb xtologit reduce_energy m1 m2 m3 m4 ||  polipref if transition==0, s d c(socialtrust politrustraw Indiv_Reduce_Energy Group_Reduce_Energy female age education income belong_religion attend gni freexp2016 coal)
	mat disentangle = e(disentangle)
	estadd scalar selftrans_reduce = disentangle[1,4]
	estadd scalar selfenhance_reduce = disentangle[2,4]
	estadd scalar openness_reduce = disentangle[3,4]
	estadd scalar conservation_reduce = disentangle[4,4]
est sto khb_reduce
khb xtologit increase_FFtax m1 m2 m3 m4 ||  polipref if transition==0, s d c(socialtrust politrustraw Indiv_Reduce_Energy Group_Reduce_Energy female age education income belong_religion attend gni freexp2016 coal)
	mat disentangle = e(disentangle)
	estadd scalar selftrans_reduce = disentangle[1,4]
	estadd scalar selfenhance_reduce = disentangle[2,4]
	estadd scalar openness_reduce = disentangle[3,4]
	estadd scalar conservation_reduce = disentangle[4,4]
est sto khb_FFtax
dropbox
cd "x/z"
esttab khb_CCconcern khb_reduce khb_FFtax using "raw tables/khb_all.tex", label stats(pct_m1 pct_m2 pct_m3 pct_m4, label("a" "b" "c" "d") fmt(1 1)) se(2) b(2) star(* 0.05 ** 0.01) title(Table) mtitle("a" "b" "c") replace	
