* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 49676776231 (a public GitHub .do file of a pharmacogenetic study of tacrolimus trough levels after kidney transplant by CYP3A5 metaboliser phenotype: repeated troughs per patient on post-operative days, covariance-pattern models mixed ... || SUBJECT_ID:, noconstant residuals(independent|exchangeable|ar 1|toeplitz, t(postopday)) with ib0.pheno1 and ib0.pheno1##c.postopday, ib0.pheno1##ib0.month with margins, over() and r. contrasts and marginsplot xdimension() plotdimension(), random-intercept and random-slope growth models || SUBJECT_ID: postopday with cov(independent|exchangeable|unstr), encode(var) with parentheses, a combined phenotype recoded from strings; excerpt: the longitudinal mixed-model section, from the use of the saved longitudinal file to the last marginsplot -- the csv imports, old-style merges, descriptive tables, ANOVAs, glm count models, graphs and trough-time calculations before it and the percent-change models after it left out; the index does not name the repository)
* author: unknown
* licence: none stated
* data: GEN03_KEVIN_longitudinal_mixed = tacrolimus_troughs_long
use GEN03_KEVIN_longitudinal_mixed, clear
generate  initialweightbasedtd = .
replace initialweightbasedtd = actualinitialtactotaldailydose / weightkg
generate  idealweightbasedtd = .
replace idealweightbasedtd = actualinitialtactotaldailydose / ibw
table pheno1v2, c(median initialweightbasedtd min initialweightbasedtd max initialweightbasedtd)
table pheno1v2, c(median idealweightbasedtd min initialweightbasedtd max initialweightbasedtd)
mixed tacrolimuslevel ib0.pheno1 c.postopday || SUBJECT_ID:, noconstant residuals(independent, t(postopday))
mixed tacrolimuslevel ib0.pheno1 c.postopday || SUBJECT_ID:, noconstant residuals(exchangeable, t(postopday))
mixed tacrolimuslevel ib0.pheno1 c.postopday || SUBJECT_ID:, noconstant residuals(ar 1, t(postopday))
mixed tacrolimuslevel ib0.pheno1 c.postopday || SUBJECT_ID:, noconstant residuals(toeplitz, t(postopday))
mixed tacdoseadjusted ib0.pheno1 c.postopday || SUBJECT_ID:, noconstant residuals(independent, t(postopday))
mixed tacdoseadjusted ib0.pheno1 c.postopday || SUBJECT_ID:, noconstant residuals(exchangeable, t(postopday))
mixed tacdoseadjusted ib0.pheno1 c.postopday || SUBJECT_ID:, noconstant residuals(ar 1, t(postopday))
mixed tacdoseadjusted ib0.pheno1 c.postopday || SUBJECT_ID:, noconstant residuals(toeplitz, t(postopday))
mixed tacrolimuslevel ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(independent, t(postopday))
mixed tacrolimuslevel ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(exchangeable, t(postopday))
mixed tacrolimuslevel ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(ar 1, t(postopday))
mixed tacrolimuslevel ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(toeplitz, t(postopday))
mixed tacdoseadjusted ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(independent, t(postopday))
mixed tacdoseadjusted ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(exchangeable, t(postopday))
mixed tacdoseadjusted ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(ar 1, t(postopday))
mixed tacdoseadjusted ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(toeplitz, t(postopday))
mixed tacrolimuslevel ib0.pheno1##ib0.month || SUBJECT_ID:, noconstant residuals(independent, t(postopday))
margins ib0.pheno1##ib0.month
marginsplot, xdimension(month) plotdimension(pheno1)
mixed tacdoseadjusted ib0.pheno1##ib0.month || SUBJECT_ID:, noconstant residuals(independent, t(postopday))
margins ib0.pheno1##ib0.month
marginsplot, xdimension(month) plotdimension(pheno1)
mixed tacrolimuslevel ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(exchangeable, t(postopday))
mixed tacrolimuslevel ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(ar 1, t(postopday))
mixed tacrolimuslevel ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(toeplitz, t(postopday))
mixed tacdoseadjusted ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(exchangeable, t(postopday))
mixed tacdoseadjusted ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(ar 1, t(postopday))
mixed tacdoseadjusted ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(toeplitz, t(postopday))
mixed tacrolimuslevel ib0.pheno1##ib0.month || SUBJECT_ID:, noconstant residuals(independent, t(postopday))
margins pheno1, over(month)
margins r.pheno1, over(month)
marginsplot, xdimension(month) plotdimension(pheno1)
mixed tacdoseadjusted ib0.pheno1##ib0.month || SUBJECT_ID:, noconstant residuals(independent, t(postopday))
margins pheno1, over(month)
margins r.pheno1, over(month)
marginsplot, xdimension(month) plotdimension(pheno1)
mixed tacrolimuslevel ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(exchangeable, t(postopday))
mixed tacrolimuslevel ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(ar 1, t(postopday))
mixed tacrolimuslevel ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(toeplitz, t(postopday))
mixed tacdoseadjusted ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(exchangeable, t(postopday))
mixed tacdoseadjusted ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(ar 1, t(postopday))
mixed tacdoseadjusted ib0.pheno1##c.postopday || SUBJECT_ID:, noconstant residuals(toeplitz, t(postopday))
mixed tacrolimuslevel || SUBJECT_ID:
mixed tacrolimuslevel postopday|| SUBJECT_ID:
mixed tacrolimuslevel postopday|| SUBJECT_ID: postopday
mixed tacrolimuslevel postopday|| SUBJECT_ID: postopday, cov(independent)
mixed tacrolimuslevel postopday|| SUBJECT_ID: postopday, cov(exchangeable)
mixed tacrolimuslevel postopday|| SUBJECT_ID: postopday, cov(unstr)
encode(gender), generate(sex)
encode(donorstatus), generate(donorstat)
encode(steroiddose), generate(steroid)
mixed tacrolimuslevel postopday ib0.pheno1|| SUBJECT_ID: postopday
mixed tacrolimuslevel postopday ib0.pheno1|| SUBJECT_ID: postopday, cov(independent)
mixed tacrolimuslevel postopday ib0.pheno1|| SUBJECT_ID: postopday, cov(exchangeable)
mixed tacrolimuslevel postopday ib0.pheno1|| SUBJECT_ID: postopday, cov(unstr)
mixed tacdoseadjusted postopday ib2.pheno1|| SUBJECT_ID: postopday
mixed tacdoseadjusted postopday ib2.pheno1|| SUBJECT_ID: postopday, cov(independent)
mixed tacdoseadjusted postopday ib2.pheno1|| SUBJECT_ID: postopday, cov(exchangeable)
mixed tacdoseadjusted postopday ib2.pheno1|| SUBJECT_ID: postopday, cov(unstr)
mixed tacdoseadjusted postopday ib2.pheno1 sex age_at_tx bmi_base steroid || SUBJECT_ID: postopday
mixed tacdoseadjusted postopday ib2.pheno1 sex age_at_tx bmi_base steroid || SUBJECT_ID: postopday, cov(independent)
mixed tacdoseadjusted postopday ib2.pheno1 sex age_at_tx bmi_base steroid || SUBJECT_ID: postopday, cov(exchangeable)
mixed tacdoseadjusted postopday ib2.pheno1 sex age_at_tx bmi_base steroid || SUBJECT_ID: postopday, cov(unstr)
mixed tacrolimuslevel ib0.month ib0.pheno1 ib0.pheno1##ib0.month|| SUBJECT_ID: postopday
mixed tacrolimuslevel ib0.month ib0.pheno1 ib0.pheno1##ib0.month|| SUBJECT_ID: postopday, cov(independent)
mixed tacrolimuslevel ib0.month ib0.pheno1 ib0.pheno1##ib0.month|| SUBJECT_ID: postopday, cov(exchangeable)
mixed tacrolimuslevel ib0.month  ib0.pheno1 ib0.pheno1##ib0.month|| SUBJECT_ID: postopday, cov(unstr)
mixed tacdoseadjusted ib0.month ib2.pheno1 ib2.pheno1##ib0.month|| SUBJECT_ID: postopday
mixed tacdoseadjusted ib0.month ib2.pheno1 ib2.pheno1##ib0.month|| SUBJECT_ID: postopday, cov(independent)
mixed tacdoseadjusted ib0.month ib2.pheno1 ib2.pheno1##ib0.month|| SUBJECT_ID: postopday, cov(exchangeable)
mixed tacdoseadjusted ib0.month  ib2.pheno1 ib2.pheno1##ib0.month|| SUBJECT_ID: postopday, cov(unstr)
mixed tacdoseadjusted ib0.month ib2.pheno1 ib2.pheno1##ib0.month sex age_at_tx bmi_base steroid|| SUBJECT_ID: postopday
mixed tacdoseadjusted ib0.month ib2.pheno1 ib2.pheno1##ib0.month sex age_at_tx bmi_base steroid|| SUBJECT_ID: postopday, cov(independent)
mixed tacdoseadjusted ib0.month ib2.pheno1 ib2.pheno1##ib0.month sex age_at_tx bmi_base steroid|| SUBJECT_ID: postopday, cov(exchangeable)
mixed tacdoseadjusted ib0.month ib2.pheno1 ib2.pheno1##ib0.month sex age_at_tx bmi_base steroid|| SUBJECT_ID: postopday, cov(unstr)
* mlm-expect: r(110)
generate pheno1comb= " "
replace pheno1comb = "NP" if pheno1==0
replace pheno1comb = "NP" if pheno1==1
replace pheno1comb = "P" if pheno1==2
tab pheno1comb, missing
tab pheno1comb pheno1v2, missing
* mlm-expect: r(110)
encode(gender), generate(sex)
encode(pheno1v2), generate(cat3pheno)
encode(pheno1comb), generate(cat2pheno)
mixed tacdoseadjusted ib0.month ib2.pheno1 ib2.pheno1##ib0.month sex age_at_tx bmi_base steroid|| SUBJECT_ID: postopday
mixed tacdoseadjusted ib0.month ib2.pheno1 ib2.pheno1##ib0.month sex age_at_tx bmi_base steroid|| SUBJECT_ID: postopday, cov(independent)
mixed tacdoseadjusted ib0.month ib2.pheno1 ib2.pheno1##ib0.month sex age_at_tx bmi_base steroid|| SUBJECT_ID: postopday, cov(exchangeable)
mixed tacdoseadjusted ib0.month ib2.pheno1 ib2.pheno1##ib0.month sex age_at_tx bmi_base steroid|| SUBJECT_ID: postopday, cov(unstr)
mixed tacdoseadjusted ib0.month ib0.cat2pheno ib0.cat2pheno##ib0.month sex age_at_tx bmi_base steroid|| SUBJECT_ID: postopday, cov(independent)
mixed tacdoseadjusted ib0.month ib0.cat2pheno ib0.cat2pheno##ib0.month sex age_at_tx bmi_base steroid|| SUBJECT_ID: postopday, cov(exchangeable)
mixed tacdoseadjusted ib0.month ib0.cat2pheno ib0.cat2pheno##ib0.month sex age_at_tx bmi_base steroid|| SUBJECT_ID: postopday, cov(unstr)
mixed tacdoseadjusted ib0.month ib0.cat2pheno ib0.cat2pheno##ib0.month actualinitialtactotaldailydose priorktx sex age_at_tx bmi_base steroid|| SUBJECT_ID: postopday, cov(independent)
tabstat tacdoseadjusted, by(pheno1comb) stat(n mean sd semean)
* mlm-expect: r(322)
margins pheno1, over(month)
marginsplot, xdimension(month) plotdimension(pheno1)
