* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 38166211501 (a public GitHub .do file of a master's thesis at the University of Mannheim on classroom ethnic composition, educational achievement and school satisfaction of ethnic-majority and -minority students (German NEPS data): version 16, mi append using of two imputed files, drop of class means, mi update, mi convert flong, clear, mi xeq: bys ID_cc: egen mean(), mi varying, grand-mean centring by mi xeq: egen mean()/generate, sum, d, mi describe, fre, then two-level random-intercept models of students in classes mi estimate, post: mixed ... if mig == 1 || ID_cc:, (mle) with estimates store, di of an ICC from typed numbers, estimates table ..., star, and the average -2LL over 20 imputations by scalar accumulation in mi xeq 1/20: mixed ...; scalar ll = ll + (-2*e(ll)); the index does not name the repository)
* author: Hannah Luisa Reitz (per the file's header)
* licence: none stated
* data: imp_nat.dta = neps_classroom_imp_nat
* data: imp_mig.dta = neps_classroom_imp_mig
clear
version 16 
set more off
capture log close
use imp_nat.dta, clear
mi append using imp_mig.dta
drop meanses
drop meancog
mi update
mi convert flong, clear
mi xeq: bys ID_cc: egen meanses = mean(ses)
mi xeq: bys ID_cc: egen meancog = mean(cog)
mi varying
sort ID_cc
mi xeq: egen meanses_gm = mean(meanses)
mi xeq: generate meanses_c = meanses - meanses_gm
drop meanses_gm
sum meanses_c, d
mi xeq: egen meancog_gm = mean(meancog)
mi xeq: generate meancog_c = meancog - meancog_gm
drop meancog_gm
mi xeq: egen percmig_gm = mean(percmig)
mi xeq: generate percmig_c = percmig - percmig_gm
drop percmig_gm
mi xeq: egen ses_gm = mean(ses)
mi xeq: generate ses_c = ses - ses_gm
drop ses_gm
mi varying
mi xeq: egen sat_gm = mean(sat)
mi xeq: generate sat_c = sat - sat_gm
drop sat_gm
mi xeq: egen age_gm = mean(age)
mi xeq: generate age_c = age - age_gm
drop age_gm
mi xeq: egen cog_gm = mean(cog)
mi xeq: generate cog_c = cog - cog_gm
drop cog_gm
mi xeq: egen perccoeth_gm = mean(perccoeth)
mi xeq: generate perccoeth_c = perccoeth - perccoeth_gm
drop perccoeth_gm
mi varying
mi describe
sort ID_cc
fre mig
mi estimate, post: mixed sat if mig == 1 || ID_cc:, mle
estimates store M1
di (.4060252^2) / (.4060252^2 + 2.352494^2)
mi estimate, post: mixed sat ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c if mig == 1 || ID_cc:,
estimates store M2
mi estimate, post: mixed sat ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c i.school percmig_c if mig == 1 || ID_cc:,
estimates store M3
mi estimate, post: mixed sat ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c i.school percmig_c meanses_c if mig == 1 || ID_cc:,
estimates store M4
mi estimate, post: mixed sat ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c i.school percmig_c meanses_c meancog_c if mig == 1 || ID_cc:,
estimates store M5
estimates table M2 M3 M4 M5, star 
scalar ll = 0
mi xeq 1/20: mixed sat ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c if mig == 1 || ID_cc:,; scalar ll = ll + (-2*e(ll))
scalar ll = ll/20
di as txt "-2LL text" as res ll
scalar ll = 0
mi xeq 1/20: mixed sat ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c i.school percmig_c if mig == 1 || ID_cc:,; scalar ll = ll + (-2*e(ll))
scalar ll = ll/20
di as txt "-2LL text" as res ll
scalar ll = 0
mi xeq 1/20: mixed sat ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c i.school percmig_c meanses_c if mig == 1 || ID_cc:,; scalar ll = ll + (-2*e(ll))
scalar ll = ll/20
di as txt "-2LL text" as res ll
scalar ll = 0
mi xeq 1/20: mixed sat ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c i.school percmig_c meanses_c meancog_c if mig == 1 || ID_cc:,; scalar ll = ll + (-2*e(ll))
scalar ll = ll/20
di as txt "-2LL text" as res ll
mi estimate, post: mixed math if mig == 1|| ID_cc:, mle
estimates store M6
di (.7673309^2) / (.7673309^2 + .8460899^2)
mi estimate, post: mixed math sat_c ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c if mig == 1 || ID_cc:, mle
estimates store M7
mi estimate, post: mixed math sat_c ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c i.school percmig_c if mig == 1 || ID_cc:, mle
estimates store M8
mi estimate, post: mixed math sat_c ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c i.school percmig_c meanses_c if mig == 1 || ID_cc:, mle
estimates store M9
mi estimate, post: mixed math sat_c ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c i.school percmig_c meanses_c meancog_c if mig == 1 || ID_cc:, mle
estimates store M10
estimates table M7 M8 M9 M10, star 
scalar ll = 0
mi xeq 1/20: mixed math sat_c ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c if mig == 1 || ID_cc:,; scalar ll = ll + (-2*e(ll))
scalar ll = ll/20
di as txt "-2LL text" as res ll
scalar ll = 0
mi xeq 1/20: mixed math sat_c ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c i.school percmig_c if mig == 1 || ID_cc:,; scalar ll = ll + (-2*e(ll))
scalar ll = ll/20
di as txt "-2LL text" as res ll
scalar ll = 0
mi xeq 1/20: mixed math sat_c ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c i.school percmig_c meanses_c if mig == 1 || ID_cc:,; scalar ll = ll + (-2*e(ll))
scalar ll = ll/20
di as txt "-2LL text" as res ll
scalar ll = 0
mi xeq 1/20: mixed math sat_c ses_c i.edu i.attedu cog_c i.female age_c i.generation i.lang perccoeth_c i.school percmig_c meanses_c meancog_c if mig == 1 || ID_cc:,; scalar ll = ll + (-2*e(ll))
scalar ll = ll/20
di as txt "-2LL text" as res ll
