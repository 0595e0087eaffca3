* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 25071702164 (a public GitHub .do file of a study of unmet need for family planning and women's empowerment (the SWPER domains attitude to violence, autonomy and decision-making) in a Demographic and Health Survey: svyset v001 [pweight=wt], strata(v023), four svy: logit models of unmet need on factor variables with or allbase, estat gof after the last, then the full model as melogit [pw=wt] || v021:, or allbase and estat icc; the file starts from data already in memory (the author's recoding is in other files); the index does not name the repository)
* author: unknown
* licence: none stated
* preload: dhs_unmet_need
svyset v001 [pweight=wt], strata(v023)
drop if missing(unmet_need)
svy: logit unmet_need i.att_cat i.aut_cat i.dec_cat, or allbase
svy: logit unmet_need i.att_cat i.aut_cat i.dec_cat i.age i.working_stat i.wealth_index i.child_cat i.religion, or allbase
svy: logit unmet_need i.att_cat i.aut_cat i.dec_cat i.sex_hh i.dist_facility i.place_of_res i.comm_edu i.comm_wealth i.comm_fp_expo i.division, or allbase
svy: logit unmet_need i.att_cat i.aut_cat i.dec_cat i.age i.working_stat i.wealth_index i.child_cat i.religion i.sex_hh i.dist_facility i.place_of_res i.comm_edu i.comm_wealth i.comm_fp_expo i.division , or allbase
estat gof
melogit unmet_need i.att_cat i.aut_cat i.dec_cat i.age i.wealth_index i.working_stat i.child_cat i.religion i.sex_hh i.dist_facility i.place_of_res i.comm_edu i.comm_wealth i.comm_fp_expo i.division [pw=wt] || v021:, or allbase
estat icc
