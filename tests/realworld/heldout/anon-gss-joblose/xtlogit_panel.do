* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 44332547697 (a public GitHub .do file: fear of job loss and union membership in the three-wave GSS panel, fixed- and random-effects logit, Hausman, probit and ordinal alternatives, marginal effects; the index does not name the repository)
* author: unknown
* licence: none stated
* data: GSS panel data set = gss_panel_joblose
use "GSS panel data set", clear
xtset idnum panelwave
svyset wtpannr123
gen joblose_dum = (joblose == 1 | joblose== 2) if joblose<.
gen union_dum = (union== 1 | union ==3) if union <.
gen female = (sex ==2) if sex <.
gen married = (marital == 1) if marital <.
gen white= (race ==1) if race <.
gen black= (race==2) if race <.
gen otherrace= (race==3) if race <.
gen parttime = (partfull == 2) if partfull<.
gen no_childern= (child==0) if childs<.
gen immigrant = (born == 2) if born<.
gen incomehigh_dum = (realinc > 119606) if realinc <.
gen govwork = (wrkgov == 1) if wrkgov <.
gen age_sq = age^2 if age <.
gen exp = age - educ - 6 if age <.
gen exp_sq = exp^2
gen lninc = ln(realinc) if realinc <.
xtlogit joblose_dum union_dum realinc age educ married childs parttime,fe 
estimates store fixed
xtlogit joblose_dum union_dum realinc age educ married childs parttime white black female,re
estimates store random
hausman fixed random
xtprobit joblose_dum union_dum realinc age educ married childs parttime,re
estat ic 
xtologit joblose union_dum realinc age educ married white black parttime, vce(robust)
estat ic 
xtlogit joblose_dum union_dum realinc incomehigh_dum age educ i.marital childs parttime i.race female immigrant, re
estat ic 
xtprobit joblose_dum union_dum realinc age age_sq educ married childs parttime white black female immigrant govwork,re
estat ic 
xtlogit joblose_dum union_dum realinc age age_sq educ married childs parttime white black female immigrant govwork,re 
estat ic 
xtlogit joblose_dum union_dum 
xtlogit joblose_dum union_dum, re
quietly xtlogit joblose_dum union_dum lninc age age_sq educ married childs parttime i.race female immigrant govwork, re vce(robust)
estat ic
quietly xtlogit joblose_dum union_dum lninc age age_sq educ married childs parttime i.race female immigrant govwork, re
estat ic
quietly logit joblose_dum union_dum realinc age educ married childs year parttime black otherrace female immigrant govwork
estat sum
xtlogit joblose_dum union_dum lninc age age_sq educ married childs parttime i.race female immigrant govwork, re
xtlogit joblose_dum union_dum lninc age age_sq educ married childs parttime i.race female immigrant govwork, re or
quietly xtlogit joblose_dum union_dum lninc age age_sq educ married childs parttime i.race female immigrant govwork, re
margins, predict(pu0) dydx(*)
