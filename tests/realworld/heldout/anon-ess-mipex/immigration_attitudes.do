* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 54351323393 (a public GitHub .do file of a study of attitudes to immigration in European Social Survey rounds: respondents in country-rounds in countries, relabelled residence, household income deciles with the refusal code set to missing, income centred on its country mean with egen mean(), by(cntry), age and left-right placement centred on the grand mean with summarize/r(mean), bysort cntry essround: assert that round-level predictors are constant, MIPEX and immigrant-share changes centred within country with bysort cntry: egen mean(), tabstat ..., save, then three-level mixed models (|| cntry: || country_wave:) of two outcomes with estat icc, a hand-made cross-level product, margins at() and marginsplot, esttab to .html, and the same models again written to a Word file with putdocx table = etable, estimates dir and etable, estimates() -- the file's last section, which the author marks "disregard"; the index does not name the repository)
* author: unknown
* licence: none stated
* data: full_final_dataset.dta = ess_mipex_rounds
use "full_final_dataset.dta", clear
label define residence_lbl 1 "A" 2 "B" 3 "C" 4 "D" 5 "E", replace
label values residence residence_lbl
tab residence
gen income_cont = hh_income
replace income_cont = . if hh_income == 11
label variable income_cont "Label"
tab income_cont
summ income_cont
lowess imm_attitude income_cont
egen income_country_mean = mean(income_cont), by(cntry)
gen income_c = income_cont - income_country_mean
label variable income_c "Label"
drop if missing(income_cont)
drop if missing(imm_attitude)
drop if missing(econ_impact)
tab econ_impact, missing
summarize imm_attitude econ_impact
tab imm_attitude
summarize age
gen age_c = age - r(mean)
label variable age_c "Label"
tab lrscale
summarize lrscale
gen lrscale_c = lrscale - r(mean)
label variable lrscale_c "Label"
drop anweight
drop pweight
tabstat age education income_c residence lrscale_c female, stats(n mean sd min max) columns(stat) format(%9.2f) save
egen country_wave = group(cntry essround)
label variable country_wave "Label"
bysort cntry essround: assert mipex_change == mipex_change[1]
bysort cntry essround: assert fb_change == fb_change[1]
bysort cntry: egen mipex_change_c = mean(mipex_change)
gen mipex_change_w = mipex_change - mipex_change_c
 bysort cntry: egen fb_change_c = mean(fb_change)
gen fb_change_w = fb_change - fb_change_c
bysort cntry essround: assert mipex_change_w == mipex_change_w[1]
bysort cntry essround: assert fb_change_w == fb_change_w[1]
summarize mipex_score
gen mipex_c = mipex_score - r(mean)
summarize mipex_c
summarize fb_share_pct
gen fb_c = fb_share_pct - r(mean)
summarize fb_c
mixed imm_attitude || cntry: || country_wave:
estat icc
estimates store m0
mixed imm_attitude income_c lrscale_c female age_c education i.residence || cntry: || country_wave:
estimates store m1
mixed imm_attitude income_c lrscale_c female age_c education i.residence mipex_change_w fb_change_w || cntry: || country_wave:
estimates store m2
gen mipex_fb_interaction = mipex_change_w * fb_change_w
mixed imm_attitude income_c lrscale_c female age_c education i.residence mipex_change_w fb_change_w mipex_fb_interaction || cntry: || country_wave:
margins, at(mipex_change_w=(-2 0 2) fb_change_w=(-2 0 2))
marginsplot
estimates store m3
mixed imm_attitude income_c lrscale_c female age_c education i.residence mipex_change_w fb_change_w mipex_fb_interaction mipex_c fb_c || cntry: || country_wave:
estimates store m4
esttab m0 m1 m2 m3 m4 using "models_a.html", replace se star(* 0.05 ** 0.01 *** 0.001) label compress title("Title")
mixed econ_impact || cntry: || country_wave:
estat icc
estimates store e0
mixed econ_impact income_c lrscale_c female age education i.residence || cntry: || country_wave:
estimates store e1
mixed econ_impact income_c lrscale_c female age education i.residence mipex_change_w fb_change_w || cntry: || country_wave:
estimates store e2
mixed econ_impact income_c lrscale_c female age education i.residence mipex_change_w fb_change_w mipex_fb_interaction || cntry: || country_wave:
margins, at(mipex_change_w=(-2 0 2) fb_change_w=(-2 0 2))
marginsplot
estimates store e3
mixed econ_impact income_c lrscale_c female age education i.residence mipex_change_w fb_change_w mipex_fb_interaction mipex_c fb_c || cntry: || country_wave:
estimates store e4
esttab e0 e1 e2 e3 e4 using "models_b.html", replace se star(* 0.05 ** 0.01 *** 0.001) label compress title("Title")
putdocx begin
putdocx paragraph, style(Title)
putdocx text ("Text")
mixed imm_attitude || cntry: || country_wave:
estimates store m1
putdocx paragraph, style(Heading1)
putdocx text ("Text")
putdocx table m1 = etable, title("Title") note("Note")
mixed imm_attitude i.hh_income female age education residence || cntry: || country_wave:
estimates store m2
putdocx paragraph, style(Heading1)
putdocx text ("Text")
putdocx table m2 = etable, title("Title") note("Note")
mixed imm_attitude i.hh_income female age education residence mipex_change_w fb_change_w || cntry: || country_wave:
estimates store m3
putdocx paragraph, style(Heading1)
putdocx text ("Text")
putdocx table m3 = etable, title("Title") note("Note")
mixed imm_attitude i.hh_income female age education residence mipex_change_w fb_change_w mipex_fb_interaction || cntry: || country_wave:
estimates store m4
putdocx paragraph, style(Heading1)
putdocx text ("Text")
putdocx table m4 = etable, title("Title") note("Note")
putdocx save "results.docx", replace
mixed imm_attitude || cntry: || country_wave:
estimates store m1
mixed imm_attitude i.hh_income female age education residence || cntry: || country_wave:
estimates store m2
mixed imm_attitude i.hh_income female age education residence mipex_change_w fb_change_w || cntry: || country_wave:
estimates store m3
mixed imm_attitude i.hh_income female age education residence mipex_change_w fb_change_w mipex_fb_interaction || cntry: || country_wave:
estimates store m4
estimates dir
putdocx begin
putdocx paragraph, style(Title)
putdocx text ("Text")
putdocx table results = etable, estimates(m1 m2 m3 m4) title("Title") note("Note " "Note " "Note " "Note")
label variable imm_attitude "Label"
label variable female "Label"
label variable age "Label"
label variable education "Label"
label variable residence "Label"
label variable hh_income "Label"
label variable mipex_change_w "Label"
label variable fb_change_w "Label"
label variable mipex_fb_interaction "Label"
