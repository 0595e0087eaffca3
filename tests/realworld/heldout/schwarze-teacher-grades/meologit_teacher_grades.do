* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 5547306852 (a public GitHub .do file of the IQB-Bildungstrend 2015 teacher-grading project: ordinal random-intercept models of pupils' German grades given by their teachers, one per multiply imputed dataset -- a string grade destringed, meologit with pupil, class-composition (the class mean of the orthography score, shares of migrant and of girls' pupils) and teacher covariates and cross-level interactions, `, || teacher:, pw(weight)` with the weight at the teacher level, estat icc, margins i.var, atmeans predict(mu fixedonly outcome(#1)), and the authors' program fit_meologit_2lev (not in the repository); an earlier version without estat icc and margins is github:bieneSchwarze/LeistungsbewertungBildungstrends2015@9d2de290d399c2ced3968b38b869906c1aeb403d allImpModel_meologit.do) (excerpt: imputations 1, 2 and 9 of 20 -- every imputation runs the same lines, the ninth with fit_meologit_2lev, nostop)
* author: repository bieneSchwarze (the project's paths name the IQB and "Projekt_LehrerNoten")
* licence: none stated
* data: H:\SZ\Projekt_LehrerNoten\Results\impData1.dta = iqb_teacher_grades
* data: H:\SZ\Projekt_LehrerNoten\Results\impData2.dta = iqb_teacher_grades
* data: H:\SZ\Projekt_LehrerNoten\Results\impData9.dta = iqb_teacher_grades
log using "H:\SZ\Projekt_LehrerNoten\Results\log_file_1To20_28102021_ologit.txt", text replace
use "H:\SZ\Projekt_LehrerNoten\Results\impData1.dta", clear
destring trnotedeu_r, replace
meologit trnotedeu_r wle_ortho BEFKIwle AnstrB i.TR_geschlecht TR_SPF_r FHBAm i.UNIm mig GY Pspfges SuS_KL wle_orthoM AntMig AntMaed_KL SysMod Lgender Llja_FDZ querFremdYes intGeschFHBA intGeschUni intKompFHBA intKompUni LS_gender, || idteach_d_FDZ1:, pw(wgt_L) 
estat icc
margins i.TR_geschlecht, atmeans predict(mu fixedonly outcome(#1))
margins i.UNIm, atmeans predict(mu fixedonly outcome(#1))
fit_meologit_2lev
use "H:\SZ\Projekt_LehrerNoten\Results\impData2.dta", clear
destring trnotedeu_r, replace
meologit trnotedeu_r wle_ortho BEFKIwle AnstrB i.TR_geschlecht TR_SPF_r FHBAm i.UNIm mig GY Pspfges SuS_KL wle_orthoM AntMig AntMaed_KL SysMod Lgender Llja_FDZ querFremdYes intGeschFHBA intGeschUni intKompFHBA intKompUni LS_gender, || idteach_d_FDZ1:, pw(wgt_L) 
margins i.TR_geschlecht, atmeans predict(mu fixedonly outcome(#1))
margins i.UNIm, atmeans predict(mu fixedonly outcome(#1))
fit_meologit_2lev
use "H:\SZ\Projekt_LehrerNoten\Results\impData9.dta", clear
destring trnotedeu_r, replace
meologit trnotedeu_r wle_ortho BEFKIwle AnstrB i.TR_geschlecht TR_SPF_r FHBAm i.UNIm mig GY Pspfges SuS_KL wle_orthoM AntMig AntMaed_KL SysMod Lgender Llja_FDZ querFremdYes intGeschFHBA intGeschUni intKompFHBA intKompUni LS_gender, || idteach_d_FDZ1:, pw(wgt_L) 
margins i.TR_geschlecht, atmeans predict(mu fixedonly outcome(#1))
margins i.UNIm, atmeans predict(mu fixedonly outcome(#1))
fit_meologit_2lev, nostop
log close
