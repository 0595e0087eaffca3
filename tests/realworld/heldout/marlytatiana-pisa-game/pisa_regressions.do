* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:marlytatiana/EconometricGameUSE2024@40ed2b99c03f322d4db1d7df467fe300ad53c15c Code/Regressions.do (a student team's econometric-game analysis of PISA 2015-2022 for OECD countries -- school starting age and achievement: reghdfe of the mean of the ten maths plausible values on reading, age, grade repetition, parental education and i.schoolstart [aw=w_fstuwt] absorbing wave, country and school, coeflegend, lincom _b[yearschool] + _b[6.schoolstart], tab of the grade, reg, collapse (mean) [aw=] by(cnt wave), scatter, reg + eststo, outreg2 [names] using "${tables}\...", tex replace, and a last outreg2 with frag, which is none of outreg2's options (its last option list takes none: Stata's r(198), marked mlm-expect); the file has no data-loading line -- its data are those VariablesCreation.do builds, preloaded)
* author: marlytatiana and team (GitHub)
* licence: none stated
* preload: pisa_game_oecd
reghdfe mean_math_score mean_read_score age repeat1 high_educ i.schoolstart [aw=w_fstuwt], absorb(wave cnt cntschid)
reghdfe mean_math_score mean_read_score age repeat1 high_educ yearschool, absorb(wave cnt cntschid) coeflegend
reghdfe mean_math_score mean_read_score age repeat1 high_educ yearschool i.schoolstart hisei bfmj2 bmmj1, absorb(wave cnt cntschid) 
lincom _b[yearschool] + _b[6.schoolstart]
reghdfe mean_read_score mean_math_score age repeat1 high_educ yearschool i.schoolstart, absorb(wave cnt cntschid) 
lincom _b[yearschool] + _b[6.schoolstart]
reghdfe mean_read_score high_educ, absorb(wave cnt cntschid)
tab st001d01t
reg mean_math_score mean_school_age age repeat1 grade female relative_age
collapse (mean) mean_math_score mean_read_score schoolstart age repeat1 grade female relative_age [aw= w_fstuwt] , by( cnt wave) 
scatter mean_math_score  schoolstart
scatter mean_read_score  schoolstart
scatter mean_read_score  mean_math_score  schoolstart
reg mean_math_score schoolstart 
eststo maths1
reg mean_math_score schoolstart age repeat1 grade female relative_age 
eststo maths2
outreg2 [maths1 maths2] using "${tables}\corrStartingMaths", tex replace
reg mean_read_score  schoolstart 
eststo read1
reg mean_read_score  schoolstart age repeat1 grade female relative_age 
eststo read2
outreg2 [read1 read2] using "${tables}\corrStartingRead", tex replace
* mlm-expect: r(198)
outreg2 [maths1 maths2 read1 read2] using "${tables}\corrStartingMathsRead", tex replace frag
