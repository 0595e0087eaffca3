* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 46341333385 (a public GitHub .do file: KHANDLE and STAR cohorts, three-level growth models of memory by intersectional identity; the index does not name the repository)
* author: Lindsay Kobayashi (file header), 2022-2023
* licence: none stated
* data: khan_star_longitudinal_analysis.dta = khandle_star
cd "/Users/x/Stata/"
use "khan_star_longitudinal_analysis.dta", clear
sort study
by study: summ age_bl if missany==0
summ age_bl if missany==0
tab gender study if missany==0, row col
tab race_new study if missany==0, row col
tab socialmob study if missany==0, row col
tab mother_educ study if missany==0, row col
tab father_educ study if missany==0, row col
tab country_born study if missany==0, row col
reshape long cat exec on pa phon sem vm vrmem zvrmem vmform lsform testlang wm cat_sem on_sem pa_sem phon_sem vm_sem wm_sem telephone concerned_thinking mem1 mem2 lang1 lang2 visual_spatial1 visual_spatial2 visual_spatial3 visual_spatial4 visual_spatial5 planning1 planning2 planning3 organization1 organization2 divided_attention1 divided_attention2 nmiss_ecog nmiss_sen yrsbl aget89 currage, i(id) j(wave)
mixed zvrmem c.currage c.wave i.gender i.race_groups i.education if study=="KHANDLE" & wave!=3 & wave!=4 & practice==1 || id: , reml 
mixed zvrmem c.currage c.wave i.gender i.race_groups i.education if study=="STAR" & wave!=3 & wave!=4 & practice==1 || id: , reml
reshape wide
gen pracmag = 0.106
replace pracmag = 0 if study=="STAR"
gen pzvrmem1 = zvrmem1
gen pzvrmem2 = zvrmem2 - pracmag
gen pzvrmem3 = zvrmem3 - pracmag
gen pzvrmem4 = zvrmem4 - pracmag
reshape long cat exec on pa phon sem vm vrmem zvrmem pzvrmem vmform lsform testlang wm cat_sem on_sem pa_sem phon_sem vm_sem wm_sem telephone concerned_thinking mem1 mem2 lang1 lang2 visual_spatial1 visual_spatial2 visual_spatial3 visual_spatial4 visual_spatial5 planning1 planning2 planning3 organization1 organization2 divided_attention1 divided_attention2 nmiss_ecog nmiss_sen yrsbl aget89 currage, i(id) j(wave)
gen wave1=0
replace wave1=1 if wave==1
mixed zvrmem c.currage i.wave1 i.telephone i.gender i.mother_educ i.father_educ i.country_born|| cluster1: || id: , reml 
mixed zvrmem c.cage_bl c.yrsbl i.telephone i.gender i.mother_educ i.father_educ i.country_born|| cluster1: || id: , reml
mixed pzvrmem c.cage_bl##c.yrsbl i.mother_educ i.father_educ i.country_born i.telephone i.mother_educ#c.yrsbl i.father_educ#c.yrsbl i.country_born#c.yrsbl || cluster1: yrsbl, cov(un) || id: yrsbl, cov(un) reml
mixed pzvrmem c.cage_bl##c.yrsbl i.mother_educ i.father_educ i.country_born i.telephone || cluster1: yrsbl, cov(un) || id: yrsbl, cov(un) reml
estat icc
mixed pzvrmem c.cage_bl##c.yrsbl i.mother_educ i.father_educ i.country_born i.telephone i.gender i.race_groups ib1.socialmob ib1.socialmob#c.yrsbl i.gender#c.yrsbl i.race_groups#c.yrsbl || cluster1: yrsbl, cov(un) || id: yrsbl, cov(un) reml
estat icc
mixed pzvrmem c.cage_bl##c.yrsbl i.mother_educ i.father_educ i.country_born i.telephone i.gender i.race_groups ib1.socialmob || cluster1: yrsbl, cov(un) || id: yrsbl, cov(un) reml
estat icc
predict ri3 rc3 rc2 ri2, reffects
predict resid, residuals
predict predtraj, fitted
twoway scatter ri3 cluster1
scatter rc2 ri2 if wave==1, saving(yx, replace) xtitle("text") ytitle("text")
histogram rc2, freq horiz saving(hy, replace) yscale(alt) ytitle(" ") fxsize(35) normal
histogram ri2, freq saving(hx, replace) xscale(alt) xtitle(" ") fysize(35) normal
graph combine hx.gph yx.gph hy.gph, hole(2) imargin(0 0 0 0)
egen pick_cluster = tag(cluster1)
replace ri3=. if pick_cluster!=1
replace ri2 =. if wave!=1
graph box res ri2 ri3, ascategory box(1, bstyle(outline)) yvaroptions(relabel(1 "a" 2 "b" 3 "c")) medline(lcolor(black)) ytitle("text")
sort cluster1 id yrsbl
twoway (line predtraj yrsbl, connect(ascending)) if yrsbl<=5, by(cluster1, compact) xtitle(text) ytitle(text)
sort cluster1
by cluster1: summ vrmem
* mlm-expect: r(9)
reshape wide
tab cluster1
save "khan_star_longitudinal_analysis.dta", replace
