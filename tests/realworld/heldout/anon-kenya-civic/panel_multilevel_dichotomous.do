* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:finkel-s/maximum_likelihood@0e9f36842f6a022d16b42144f7a9258cce0f079f lecture_supplementary_materials/08_panel_multilevel_dichotomous/PS2730_2021_Panel_Multilevel_Dichotomous.do (code-index repository; the same course as noncontinuous_week12.do in this folder, whose repository this file names; weeks 10-11 of a graduate political-science course on maximum-likelihood models, PS2730: turnout of panel respondents over five years -- xtset, tab ..., gen() year dummies, pooled logit with vce(cluster), random-effects xtlogit, population-averaged versus subject-specific effects by display, melogit || subject: with vce(cluster subject), the same model as gsem with a latent M1[subject] regressed on a time-invariant covariate and latent() nocapslatent, egen sum(), by (subject) with a space, conditional fixed-effects xtlogit, the hybrid (within-between) model from subject means and deviations, test of within against between effects, melogit with vce (cluster subject) written with a space, the hybrid model as gsem and a random slope as M2[subject]#c.contactmndev; the file's three prose lines at the top and a stray "-" line of lecture notes are left out, as prose; its use line is commented out, so the data are in memory)
* author: repository owner finkel-s (the course PS2730, 2021)
* licence: MIT (repository LICENSE; its copyright line names the site template's author)
* preload: finkel_turnout_panel
xtset subject year
tab year, gen(yrr)
gen civyear=civiced*year
logit voted contact civiced thermdif year civyear , vce(cluster subject)
xtlogit voted contact civiced thermdif yrr*, vce(cluster subject)
summarize voted if contact==1
summarize voted if contact==0
dis ln(.87/.13)-ln(.55/.45)
logit voted contact
logit voted contact civiced thermdif yrr*, vce(cluster subject)
xtlogit voted contact civiced thermdif yrr*, vce(cluster subject)
melogit voted contact civiced thermdif yrr*|| subject: , vce(cluster subject)
gsem (M1[subject] -> voted, family(binomial) link(logit)) (contact -> voted, family(binomial) link(logit)) (thermdif -> voted, family(binomial) link(logit)) (yrr2 -> voted, family(binomial) link(logit)) (yrr3 -> voted, family(binomial) link(logit)) (civiced -> M1[subject], )  (yrr4 -> voted, family(binomial) link(logit)) (yrr5 -> voted, family(binomial) link(logit)), vce(cluster subject) latent(M1 ) nocapslatent
egen votesum=sum(voted), by (subject)
tab votesum
xtlogit voted contact thermdif civiced yrr*, fe
egen thermdifmn=mean(thermdif), by (subject)
gen thermmndev=thermdif-thermdifmn
egen contactmn=mean(contact), by (subject)
gen contactmndev=contact-contactmn
xtlogit voted contact thermdif civiced yrr* , vce(cluster subject)
xtlogit voted contact contactmn thermdif thermdifmn civiced yrr*  , vce(cluster subject)
xtlogit voted contactmndev contactmn thermmndev thermdifmn civiced yrr* ,vce(cluster subject)
test thermmndev=thermdifmn
test contactmndev=contactmn
melogit voted contact thermdif contactmn thermdifmn civiced yrr* ||subject:, vce (cluster subject)
melogit voted contactmndev contactmn thermmndev thermdifmn civiced yrr* || subject:, vce(cluster subject)
gsem (M1[subject] -> voted, family(binomial) link(logit)) (contactmndev -> voted, family(binomial) link(logit)) (thermmndev -> voted, family(binomial) link(logit)) (yrr2 -> voted, family(binomial) link(logit)) (yrr3 -> voted, family(binomial) link(logit)) (civiced -> M1[subject], ) (contactmn -> M1[subject], ) (thermdifmn -> M1[subject], ) (yrr4 -> voted, family(binomial) link(logit)) (yrr5 -> voted, family(binomial) link(logit)), vce(cluster subject) latent(M1 ) nocapslatent
gsem (M1[subject] -> voted, family(binomial) link(logit)) (contactmndev -> voted, family(binomial) link(logit)) (thermmndev -> voted, family(binomial) link(logit)) (civiced -> M1[subject], ) (civiced -> M2[subject], ) (yrr2 -> voted, family(binomial) link(logit)) (contactmn -> M1[subject], ) (thermdifmn -> M1[subject], ) (yrr3 -> voted, family(binomial) link(logit)) (yrr4 -> voted, family(binomial) link(logit)) (yrr5 -> voted, family(binomial) link(logit)) (M2[subject]#c.contactmndev -> voted), vce(cluster subject) latent(M1 M2 ) nocapslatent
