* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 45369276184 (a public GitHub .do file of the NSHAP loneliness project whose cohort file is corpus/anon-nshap-loneliness: ordinal models of loneliness on health and then on social ties, each a pweighted ologit with vce(cluster) and a random-intercept meologit with a level-2 pweight() and vce(robust), followed by lincom of wave contrasts, nlcom of the age at the vertex of the quadratic and quiet margins predict(xb) at() nose with marginsplot; the file includes the project's config file for the data folder; the index does not name the repository)
* author: unknown (the NSHAP loneliness project of corpus/anon-nshap-loneliness)
* licence: none stated
* data: loneliness_cohorts = nshap_loneliness_dev
version 15.1
clear
include config
set more off
use `"`tmp'/loneliness_cohorts"'
ologit loneliness i.wave c.age_dev_70##c.age_dev_70 i.gender i.ethgrp ib2.educ physhlth comorb adls [pweight=weight_sel2], vce(cluster su_id)
meologit loneliness i.wave c.age_dev_70##c.age_dev_70 i.gender i.ethgrp ib2.educ physhlth comorb adls || su_id:, pweight(weight_sel2) vce(robust)
lincom 3.wave - 2.wave
nlcom (((-1) * _b[age_dev_70] / (2 * _b[c.age_dev_70#c.age_dev_70])) * 10) + 70
qui margins, predict(xb) at(age_dev_70=(-2(1)2)) nose
marginsplot
ologit loneliness i.wave c.age_dev_70##c.age_dev_70 i.gender i.ethgrp ib2.educ i.liv_arrange alters clsrel framt [pweight=weight_sel2], vce(cluster su_id)
meologit loneliness i.wave c.age_dev_70##c.age_dev_70 i.gender i.ethgrp ib2.educ i.liv_arrange alters clsrel framt || su_id:, pweight(weight_sel2) vce(robust)
lincom 3.wave - 2.wave
lincom 3.liv_arrange - 2.liv_arrange
nlcom (((-1) * _b[age_dev_70] / (2 * _b[c.age_dev_70#c.age_dev_70])) * 10) + 70
qui margins, predict(xb) at(age_dev_70=(-2(1)2)) nose
marginsplot
