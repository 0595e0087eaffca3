* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:kernrocke/CKD-Jamaica@b0e64cc3494b7d95f67d949c81907880a3bac4d0 Fixed_&_Random_Effects_30_06_KDR.do (code-index file id 15477803305: an MSc project on birth size and kidney function at 18-20 years in a Jamaican birth cohort -- an interactive session log of scatter, pwcorr ..., obs sig, lookfor, tab of an abbreviated hospital_type~w, xtreg depvar , i(hospital_type) with xttest0, a mistyped "xt reg", then for five birth-size measures xtreg ..., fe / re with estimates store, hausman fixed random and drop _est_fixed _est_random, and xtmixed with a prefix-like colon, then || hospital_type: and || hospital_type~w :)
* author: Kern Rocke (repository kernrocke)
* licence: none stated
* preload: jamaica_birth_cohort
* mlm-expect: r(102)
scatter gfr_ckd_epi
scatter gfr_ckd_epi q112hae1
pwcorr gfr_ckd_epi q112hae1 if singleton==1, obs sig
lookfor hosp
tab hosptype
tab hospital_type~w
tab hospital_type~w
tab hospital_type
xtreg gfr_ckd_epi , i(hospital_type)
xttest0
* mlm-expect: r(199)
xt reg gfr_ckd_epi g6a, fe
xtreg gfr_ckd_epi g6a, fe
estimates store fixed
xtreg gfr_ckd_epi g6a, re
estimates store random
hausman fixed random
drop _est_fixed _est_random
xtreg gfr_ckd_epi bwt_std if singleton==1, fe
xtreg gfr_ckd_epi g6a if singleton==1, fe
estimates store fixed
xtreg gfr_ckd_epi g6a if singleton==1, re
estimates store random
hausman fixed random
drop _est_fixed _est_random
xtreg gfr_ckd_epi bwt_std if singleton==1, fe
estimates store fixed
xtreg gfr_ckd_epi bwt_std if singleton==1, re
estimates store random
hausman fixed random
drop _est_fixed _est_random
xtreg gfr_ckd_epi blength if singleton==1, fe
estimates store fixed
xtreg gfr_ckd_epi blength if singleton==1, re
estimates store random
hausman fixed random
drop _est_fixed _est_random
xtreg gfr_ckd_epi gestage_new if singleton==1, fe
estimates store fixed
xtreg gfr_ckd_epi gestage_new if singleton==1, re
estimates store random
hausman fixed random
drop _est_fixed _est_random
xtreg gfr_ckd_epi ponderal_index if singleton==1, fe
estimates store fixed
xtreg gfr_ckd_epi ponderal_index if singleton==1, re
estimates store random
hausman fixed random
drop _est_fixed _est_random
xtreg gfr_ckd_epi , i(hospital_type)
xtmixed: gfr_ckd_epi if singleton==1 || hospital_type:
xtmixed gfr_ckd_epi if singleton==1 || hospital_type:
xtmixed gfr_ckd_epi if singleton==1 || hospital_type~w :
