* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 15612914532 (a public GitHub .do file of a PhD work package on an individual-participant-data meta-analysis of children's Strengths and Difficulties Questionnaire (SDQ) scores: multivariate growth models of the five SDQ domains -- encode, reshape long ... j(domain) string, domain indicators in a foreach, mixed sdq ind* c.age_cent#i.domain_num i.studyid2#i.domain_num, nocons || ID: ind*, nocons cov(un) || age_cent:, nocons var residuals(un, t(domain_num)) (the occasion as an empty level carrying an unstructured residual matrix over domains), est store/est save, a bivariate model in preserve/restore, bivariate and five-outcome gsem with random intercepts M1[ID]@1 ... and cov(e.a*e.b ...), est restore and mixed replays, and random slopes c.age_cent#i.ind_emot in the ID equation; the index does not name the repository)
* author: unknown (paths name a King's College London PhD)
* licence: none stated
* data: /Users/k1811974/Library/CloudStorage/OneDrive-King'sCollegeLondon/PhD/WP4 IPD Meta Analysis/Data and Outputs/Derived data/SDQ_gen_pop/sdq_gen_pop_non_autistic1000.dta = sdq_gen_pop_non_autistic
cap log close
log using "/Users/k1811974/Library/CloudStorage/OneDrive-King'sCollegeLondon/PhD/WP4 IPD Meta Analysis/Data and Outputs/Outputs/sdq_models_multivariate", replace
global model_path "/Users/k1811974/Library/CloudStorage/OneDrive-King'sCollegeLondon/PhD/WP4 IPD Meta Analysis/Data and Outputs/Outputs/Stata models/SDQ EDA"
use "/Users/k1811974/Library/CloudStorage/OneDrive-King'sCollegeLondon/PhD/WP4 IPD Meta Analysis/Data and Outputs/Derived data/SDQ_gen_pop/sdq_gen_pop_non_autistic1000.dta", clear
encode studyid, gen(studyid2)
gen age_cent2 = age_cent*age_cent
reshape long sdq, i(ID wave) j(domain)  string
foreach domain in emot cond pro peer hyp {
	gen ind_`domain' = 0
	replace ind_`domain'  = 1 if domain == "_`domain'_p"
}
encode domain, gen(domain_num)
mixed sdq  ind* c.age_cent#i.domain_num  i.studyid2#i.domain_num , nocons || ID: ind* , nocons cov(un) || age_cent: , nocons var residuals(un, t(domain_num))
est store mixed_multivariate
est save "$model_path/mixed_multivariate", replace
preserve
keep if domain_num <3
mixed sdq  ind_emot    c.age_cent#i.ind_emot  i.studyid2#i.ind_emot   , nocons || ID:  ind_emot  ind_cond , nocons cov(un) || age_cent: , nocons var residuals(un, t(domain_num))
	est store mixed_bivariate
	est save "$model_path/mixed_bivariate", replace
restore
use "/Users/k1811974/Library/CloudStorage/OneDrive-King'sCollegeLondon/PhD/WP4 IPD Meta Analysis/Data and Outputs/Derived data/SDQ_gen_pop/sdq_gen_pop_non_autistic1000.dta", clear
encode studyid, gen(studyid2)
gen age_cent2 = age_cent*age_cent
gsem 	(sdq_cond_p <-  c.age_cent  i.studyid2 M1[ID]@1) (sdq_emot_p <-  c.age_cent  i.studyid2 M2[ID]@1), cov(e.sdq_cond_p*e.sdq_emot_p)
est save "$model_path/gsem_bivariate", replace
est restore mixed_bivariate
mixed
gsem 	(sdq_cond_p <-  c.age_cent  i.studyid2 M1[ID]@1) (sdq_emot_p <-  c.age_cent  i.studyid2 M2[ID]@1) (sdq_hyp_p <-  c.age_cent  i.studyid2 M3[ID]@1) (sdq_peer_p <-  c.age_cent  i.studyid2 M4[ID]@1) (sdq_pro_p <-  c.age_cent  i.studyid2 M5[ID]@1), cov( e.sdq_cond_p*e.sdq_emot_p e.sdq_cond_p*e.sdq_hyp_p e.sdq_cond_p*e.sdq_peer_p e.sdq_cond_p*e.sdq_pro_p e.sdq_emot_p*e.sdq_hyp_p e.sdq_emot_p*e.sdq_peer_p e.sdq_emot_p*e.sdq_pro_p e.sdq_hyp_p*e.sdq_peer_p e.sdq_hyp_p*e.sdq_pro_p e.sdq_peer_p*e.sdq_pro_p )
est save "$model_path/gsem_multivariate", replace
est restore mixed_multivariate
mixed
use "/Users/k1811974/Library/CloudStorage/OneDrive-King'sCollegeLondon/PhD/WP4 IPD Meta Analysis/Data and Outputs/Derived data/SDQ_gen_pop/sdq_gen_pop_non_autistic1000.dta", clear
encode studyid, gen(studyid2)
gen age_cent2 = age_cent*age_cent
reshape long sdq, i(ID wave) j(domain)  string
foreach domain in emot cond pro peer hyp {
	gen ind_`domain' = 0
	replace ind_`domain'  = 1 if domain == "_`domain'_p"
}
encode domain, gen(domain_num)
preserve
keep if domain_num <3
mixed sdq  ind_emot    c.age_cent#i.ind_emot  i.studyid2#i.ind_emot   , nocons || ID:  ind_emot  ind_cond c.age_cent#i.ind_emot c.age_cent#i.ind_cond , nocons cov(un) || age_cent: , nocons var residuals(un, t(domain_num))
	est store mixed_bivariate
	est save "$model_path/mixed_bivariate_slopes", replace
restore
mixed sdq  ind* c.age_cent#i.domain_num  i.studyid2#i.domain_num , nocons || ID: ind*  c.age_cent#i.ind_emot c.age_cent#i.ind_cond c.age_cent#i.ind_hyp c.age_cent#i.ind_peer c.age_cent#i.ind_pro, nocons cov(un) || age_cent: , nocons var residuals(un, t(domain_num))
est save "$model_path/mixed_multivariate_slopes", replace
log close
