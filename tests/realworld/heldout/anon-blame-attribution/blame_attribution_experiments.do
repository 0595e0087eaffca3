* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37808905342 (a public GitHub .do file with all analyses of an article on policy and blame attribution -- citizens' preferences, policy reputations and policy surprises -- in two survey experiments, Israeli and German: mlogit randomisation checks, prtest of a share against a population value, regress ..., beta with c. and i. factor variables, margins and marginsplot of manipulation checks, coefplot, drop() xline(0), PD##AD and incog##AD with margins PD#AD and margins AD@PD, mcompare(bonferroni), margins r.CPD@AD, level(90) robustness regressions over band dummies, alpha and factor of a three-item responsibility measure, and causal mediation with medeff (logit ...) (regress ...) if ..., mediate() treat() sims(); the file names its two data files only in comments, so the first is preloaded and the transcriber loads the second after the author's clear (marked mlm-added); the index does not name the repository)
* author: unknown
* licence: none stated
* preload: blame_il_experiment
* data: DE_experiment.dta = blame_de_experiment
mlogit condition right q3 male byear relid edu if stat==1
prtest male == .4933 if stat==1
regress q8 i.O_PM if right_policy==1 & stat==1
margins O_PM
marginsplot
regress q8 i.O_PM if right_policy==0 & stat==1
margins O_PM
marginsplot
regress RA c_AD c_PD party_id incog i.O_PM i.right_policy c.right c.q3 if stat==1, beta
coefplot, drop(_cons 1.O_PM 2.O_PM 1.right_policy right q3) xline(0)
regress RA PD##AD party_id i.O_PM right_policy right q3 if stat==1
margins PD#AD
marginsplot
margins AD@PD, mcompare(bonferroni)
margins PD@AD, mcompare(bonferroni)
regress RA incog##AD party_id i.O_PM right_policy right q3 if stat==1
margins AD#incog
marginsplot
margins incog@AD, mcompare(bonferroni)
regress RA c_AD party_id incog i.O_PM i.right_policy c.right c.q3 if stat==1, level(90)
regress RA AD_01 party_id incog i.O_PM right_policy right q3 if stat==1, level(90)
regress RA AD_02 party_id incog i.O_PM right_policy right q3 if stat==1, level(90)
regress RA AD_03 party_id incog i.O_PM right_policy right q3 if stat==1, level(90)
regress RA AD_04 party_id incog i.O_PM right_policy right q3 if stat==1, level(90)
regress RA c_PD party_id incog i.O_PM i.right_policy c.right c.q3 if stat==1, level(90)
regress RA PD_01 party_id incog i.O_PM right_policy right q3 if stat==1, level(90)
regress RA PD_02 party_id incog i.O_PM right_policy right q3 if stat==1, level(90)
regress RA PD_03 party_id incog i.O_PM right_policy right q3 if stat==1, level(90)
regress RA PD_04 party_id incog i.O_PM right_policy right q3 if stat==1, level(90)
clear
* mlm-added:
use "DE_experiment.dta", clear
alpha Responsibility Anger Resignation if IMC==1
factor Responsibility Anger Resignation
mlogit condition male age education right intention_to_vote vote_cdu vote_spd vote_fdp vote_green vote_linke vote_piraten if IMC==1
regress adopt_likelihood i.R_coalition if IMC==1 & R_policy==1
margins R_coalition
marginsplot
regress adopt_likelihood i.R_coalition if IMC==1 & R_policy==0
margins R_coalition
marginsplot
regress RA c_AD c_PD party_id incongruent R_coalition R_policy right1 education if IMC==1, beta
coefplot, drop(_cons R_coalition R_policy right1 education) xline(0)
regress RA i.CPD##i.AD party_id R_coalition R_policy right1 education if IMC==1
margins CPD#AD
marginsplot
regress RA i.incongruent##i.AD party_id R_coalition R_policy right1 education if IMC==1
margins AD#incongruent
marginsplot
* mlm-expect: r(322)
margins r.CPD@AD, mcompare(bonferroni)
* mlm-expect: r(322)
margins r.AD@CPD, mcompare(bonferroni)
margins r.incongruent@AD, mcompare(bonferroni)
medeff(logit ideol_policy party_id R_coalition R_policy right1 education age male incongruent) (regress RA ideol_policy party_id R_coalition R_policy right1 education age male incongruent) if IMC==1, mediate(ideol_policy) treat(incongruent) sims(700)
medeff(logit ideol_policy party_id R_coalition R_policy right1 education age male AD) (regress RA ideol_policy party_id R_coalition R_policy right1 education age male incongruent AD) if IMC==1, mediate(ideol_policy) treat(AD) sims(700)
medeff(logit ideol_policy party_id R_coalition R_policy right1 education age male AD) (regress RA ideol_policy party_id R_coalition R_policy right1 education age male AD) if IMC==1 & CPD==0, mediate(ideol_policy) treat(AD) sims(350)
medeff(logit ideol_policy party_id R_coalition R_policy right1 education age male AD) (regress RA ideol_policy party_id R_coalition R_policy right1 education age male AD) if IMC==1 & CPD==1, mediate(ideol_policy) treat(AD) sims(350)
medeff(logit ideol_policy party_id R_coalition R_policy right1 education age male CPD) (regress RA ideol_policy party_id R_coalition R_policy right1 education age male CPD) if IMC==1, mediate(ideol_policy) treat(CPD) sims(700)
medeff(logit ideol_policy party_id R_coalition R_policy right1 education age male CPD) (regress RA ideol_policy party_id R_coalition R_policy right1 education age male CPD) if IMC==1 & AD==0, mediate(ideol_policy) treat(CPD) sims(350)
medeff(logit ideol_policy party_id R_coalition R_policy right1 education age male CPD) (regress RA ideol_policy party_id R_coalition R_policy right1 education age male CPD) if IMC==1 & AD==1, mediate(ideol_policy) treat(CPD) sims(350)
regress RA c_AD party_id incongruent R_coalition R_policy right1 education if IMC==1, level(90)
regress RA AD_01 party_id incongruent R_coalition R_policy right1 education if IMC==1, level(90)
regress RA AD_02 party_id incongruent R_coalition R_policy right1 education if IMC==1, level(90)
regress RA AD_03 party_id incongruent R_coalition R_policy right1 education if IMC==1, level(90)
regress RA AD_04 party_id incongruent R_coalition R_policy right1 education if IMC==1, level(90)
regress RA c_PD party_id incongruent R_coalition R_policy right1 education if IMC==1, level(90)
regress RA PD_01 party_id incongruent R_coalition R_policy right1 education if IMC==1, level(90)
regress RA PD_02 party_id incongruent R_coalition R_policy right1 education if IMC==1, level(90)
regress RA PD_03 party_id incongruent R_coalition R_policy right1 education if IMC==1, level(90)
regress RA PD_04 party_id incongruent R_coalition R_policy right1 education if IMC==1, level(90)
