* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37435117865 (a public GitHub .do file, the replication code of "Community Size, Social Capital, and Political Participation in Latin America" on AmericasBarometer data: tab ..., gen(), recode of dummies, graph bar over(), histogram by(), factor and rotate with predict, xtmixed with country and country-year random intercepts, margins and marginsplot, xtmelogit with two nested levels, logit/regress mediation steps, binary_mediation (SSC), sem with estat teffects, and gsem with a country latent variable Country[ccode], probit links and estat ic; the file starts from the merged data in memory; the index does not name the repository)
* author: Miguel Carreras and Shaun Bowler (University of California, Riverside; file header)
* licence: none stated
* preload: lapop_community_size
tab size_resid, gen (size_res)
tab size_municipality, gen (size_mun)
gen age_cat=.
replace age_cat=1 if  age>=18 & age <=24
replace age_cat=2 if  age>24 & age<=34
replace age_cat=3 if  age>34 & age<=49
replace age_cat=4 if  age>49 & age<=64
replace age_cat=5 if  age>64
order age_cat, a (age)
gen attend_parties_dummy = attend_parties
recode attend_parties_dummy 1=0 2/4=1
gen attend_community_dummy = attend_community
recode attend_community_dummy 1=0 2/4=1
gen attend_religion_dummy = attend_religion
recode attend_religion_dummy 1/2=0 3/4=1
gen attend_church_dummy = attend_church
recode attend_church_dummy 1/2=0 3/5=1
gen high_interptrust = interp_trust1
recode high_interptrust 1/3=0 4=1
gen attend_prof_dummy = attend_professional
recode attend_prof_dummy 1=0 2/4=1
gen attend_parents_dummy = attend_parents
recode attend_parents_dummy 1=0 2/4=1
graph bar attend_prof_dummy , over (size_resid)
graph bar attend_religion_dummy , over (size_resid)
graph bar help_neighborhood_labor, over (size_resid)
graph bar high_interptrust , over (size_resid)
drop if year_survey<2012
drop if year_survey>2014
histogram educ, percent by(size_resid)
histogram income_decile , percent by(size_resid)
graph bar victim_violence , over (size_resid)
graph bar fear_gangs , over (size_resid)
factor help_neighborhood attend_community attend_professional attend_parents interp_trust1
factor help_neighborhood attend_community attend_professional attend_parents
rotate
predict social_capital
xtmixed social_capital size_res2 size_res3 size_res4 size_res5 age_cat male married number_children income_decile educ empstatus religiosity victim_violence if year_survey==2012 || ccode:
xtmixed interp_trust1 size_res2 size_res3 size_res4 size_res5 age_cat male married number_children income_decile educ empstatus religiosity victim_violence  || ccode: || year_survey:
xtmixed social_capital i.size_resid age_cat male married number_children income_decile educ empstatus religiosity victim_violence if year_survey==2012 || ccode:
margins size_resid
marginsplot
xtmixed interp_trust1 i.size_resid age_cat male married number_children income_decile educ empstatus religiosity victim_violence || ccode: || year_survey:
margins size_resid
marginsplot
gen pol_activism = attend_municipality + attend_parties_dummy + contact_local + contact_mp + contact_municipality + contact_ministry + petition
xtmelogit turnout size_res2 size_res3 size_res4 size_res5 age_cat male income_decile educ empstatus pol_int int_efficacy trust_inst1 victim_violence || ccode: || year_survey:
xtmixed pol_activism size_res2 size_res3 size_res4 size_res5 age_cat male income_decile educ empstatus pol_int int_efficacy trust_inst1 victim_violence || ccode:
logit turnout size_resid age_cat male income_decile educ empstatus pol_int int_efficacy trust_inst1 victim_violence i.ccode if year_survey==2012
reg social_capital size_resid age_cat male income_decile educ empstatus pol_int int_efficacy trust_inst1 victim_violence i.ccode if year_survey==2012
logit turnout size_resid social_capital age_cat male income_decile educ empstatus pol_int int_efficacy trust_inst1 victim_violence i.ccode if year_survey==2012
reg pol_activism size_resid age_cat male income_decile educ empstatus pol_int int_efficacy trust_inst1 victim_violence i.ccode
reg social_capital size_resid age_cat male income_decile educ empstatus pol_int int_efficacy trust_inst1 victim_violence i.ccode
reg pol_activism size_resid social_capital age_cat male income_decile educ empstatus pol_int int_efficacy trust_inst1 victim_violence i.ccode
tab ccode, gen (pais)
binary_mediation, dv(turnout) iv(size_resid) mv(social_capital) cv(age_cat male income_decile educ empstatus pol_int int_efficacy trust_inst1 victim_violence pais1 pais2 pais3 pais4 pais5 pais6 pais7 pais8 pais9 pais10 pais11 pais12 pais14 pais15 pais16 pais17 pais18 pais19 pais20)
sem (social_capital <- size_resid  age_cat male income_decile educ empstatus pol_int int_efficacy trust_inst1 victim_violence pais1 pais2 pais3 pais4 pais5 pais6 pais7 pais8 pais9 pais10 pais11 pais12 pais14 pais15 pais16 pais17 pais18 pais19 pais20)( pol_activism <- social_capital size_resid age_cat male income_decile educ empstatus pol_int int_efficacy trust_inst1 victim_violence pais1 pais2 pais3 pais4 pais5 pais6 pais7 pais8 pais9 pais10 pais11 pais12 pais14 pais15 pais16 pais17 pais18 pais19 pais20)
estat teffects
gsem (age -> turnout, family(bernoulli) link(probit)) (male -> turnout, family(bernoulli) link(probit)) (income_decile -> turnout, family(bernoulli) link(probit)) (educ -> turnout, family(bernoulli) link(probit)) (pol_int -> turnout, family(bernoulli) link(probit)) (size_resid -> turnout, family(bernoulli) link(probit)) (size_resid -> social_capital, ) (social_capital -> turnout, family(bernoulli) link(probit)) (Country[ccode] -> turnout, family(bernoulli) link(probit)) if year_survey==2012, covstruct(_lexogenous, diagonal) latent(Country ) nocapslatent
gsem (age -> turnout, family(bernoulli) link(probit)) (male -> turnout, family(bernoulli) link(probit)) (income_decile -> turnout, family(bernoulli) link(probit)) (educ -> turnout, family(bernoulli) link(probit)) (pol_int -> turnout, family(bernoulli) link(probit)) (size_resid -> turnout, family(bernoulli) link(probit)) (Country[ccode] -> turnout, family(bernoulli) link(probit)), covstruct(_lexogenous, diagonal) latent(Country ) nocapslatent
gsem (age -> pol_activism, family(gaussian) link(identity)) (male -> pol_activism, family(gaussian) link(identity)) (income_decile -> pol_activism, family(gaussian) link(identity)) (educ -> pol_activism, family(gaussian) link(identity)) (pol_int -> pol_activism, family(gaussian) link(identity)) (size_resid -> pol_activism, family(gaussian) link(identity)) (size_resid -> social_capital, ) (social_capital -> pol_activism, family(gaussian) link(identity)) (Country[ccode] -> pol_activism, family(gaussian) link(identity)) if year_survey==2012, covstruct(_lexogenous, diagonal) latent(Country ) nocapslatent
gsem (age -> pol_activism, family(gaussian) link(identity)) (male -> pol_activism, family(gaussian) link(identity)) (income_decile -> pol_activism, family(gaussian) link(identity)) (educ -> pol_activism, family(gaussian) link(identity)) (pol_int -> pol_activism, family(gaussian) link(identity)) (size_resid -> pol_activism, family(gaussian) link(identity)) (Country[ccode] -> pol_activism, family(gaussian) link(identity)) if year_survey==2012, covstruct(_lexogenous, diagonal) latent(Country ) nocapslatent
gsem (age -> turnout, family(bernoulli) link(probit)) (male -> turnout, family(bernoulli) link(probit)) (income_decile -> turnout, family(bernoulli) link(probit)) (educ -> turnout, family(bernoulli) link(probit)) (pol_int -> turnout, family(bernoulli) link(probit)) (size_resid -> turnout, family(bernoulli) link(probit)) (size_resid -> social_capital, ) (social_capital -> turnout, family(bernoulli) link(probit)) (Country[ccode] -> turnout, family(bernoulli) link(probit)) if year_survey==2012, covstruct(_lexogenous, diagonal) latent(Country ) nocapslatent
estat ic
gsem (age -> turnout, family(bernoulli) link(probit)) (male -> turnout, family(bernoulli) link(probit)) (income_decile -> turnout, family(bernoulli) link(probit)) (educ -> turnout, family(bernoulli) link(probit)) (pol_int -> turnout, family(bernoulli) link(probit)) (size_resid -> turnout, family(bernoulli) link(probit)) (Country[ccode] -> turnout, family(bernoulli) link(probit)), covstruct(_lexogenous, diagonal) latent(Country ) nocapslatent
estat ic
gsem (age -> pol_activism, family(gaussian) link(identity)) (male -> pol_activism, family(gaussian) link(identity)) (income_decile -> pol_activism, family(gaussian) link(identity)) (educ -> pol_activism, family(gaussian) link(identity)) (pol_int -> pol_activism, family(gaussian) link(identity)) (size_resid -> pol_activism, family(gaussian) link(identity)) (size_resid -> social_capital, ) (social_capital -> pol_activism, family(gaussian) link(identity)) (Country[ccode] -> pol_activism, family(gaussian) link(identity)), covstruct(_lexogenous, diagonal) latent(Country ) nocapslatent
estat ic
gsem (age -> pol_activism, family(gaussian) link(identity)) (male -> pol_activism, family(gaussian) link(identity)) (income_decile -> pol_activism, family(gaussian) link(identity)) (educ -> pol_activism, family(gaussian) link(identity)) (pol_int -> pol_activism, family(gaussian) link(identity)) (size_resid -> pol_activism, family(gaussian) link(identity)) (Country[ccode] -> pol_activism, family(gaussian) link(identity)) if year_survey==2012, covstruct(_lexogenous, diagonal) latent(Country ) nocapslatent
estat ic
