* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 40420873327 (a public GitHub .do file of a student research project on state legitimacy and terrorism: clear*, logs and one-year lags built with [_n-1] subscripts, corr, random-effects negative-binomial xtnbreg ..., re irr of terrorist-event counts on governance scores and World Values Survey means, a Hausman test of fe against re xtnbreg fits, and fixed-effects xtnbreg ..., fe irr for Polity IV components and three event counts; the index does not name the repository) (the file ends in an unclosed /* comment block, left out)
* author: unknown
* licence: none stated
* data: ../../Data/Data for Modelling/GTD_polity_PENN_PRIO_WGI_WVS_2000.dta = legitimacy_terrorism
clear*	
use "../../Data/Data for Modelling/GTD_polity_PENN_PRIO_WGI_WVS_2000.dta"
set more off  
gen logGDP_expentiture = log(GDP_expentiture)
gen logGDPexp_capita = log(GDPexp_capita)
gen logpop = log(pop)
gen lag1accountability = accountability[_n-1]
gen lag1corruption = corruption[_n-1]
gen lag1effectiveness = effectiveness[_n-1]
gen lag1quality = quality[_n-1]
gen lag1rule_of_law = rule_of_law[_n-1]
gen lag1logGDP_expentiture = logGDP_expentiture[_n-1]
gen lag1GDP_expentiture = GDP_expentiture[_n-1]
gen lag1logGDPexp_capita = logGDPexp_capita[_n-1]
gen lag1logpop = logpop[_n-1]
gen lag1pop = pop[_n-1]
gen lag1any_conflict = any_conflict[_n-1]
gen lag1durable = durable[_n-1]
gen lag1exrec = exrec[_n-1]
gen lag1exconst = exconst[_n-1]
gen lag1polcomp = polcomp[_n-1]
gen lag1polity2 = polity2[_n-1]
corr n_events accountability corruption effectiveness quality rule_of_law polity2
xtset consolidated_country year 
xtnbreg n_events lag1effectiveness lag1logGDPexp_capita lag1logpop lag1any_conflict lag1durable mean_trust_others, re irr
xtnbreg n_events lag1effectiveness lag1logGDPexp_capita lag1logpop lag1any_conflict lag1durable mean_importance_politics, re irr
xtnbreg n_events lag1effectiveness lag1logGDPexp_capita lag1logpop lag1any_conflict lag1durable mean_interest_politics, re irr
xtnbreg n_events lag1effectiveness lag1logGDPexp_capita lag1logpop lag1any_conflict lag1durable mean_trust_others mean_importance_politics mean_interest_politics, re irr
xtnbreg n_events lag1accountability lag1logGDPexp_capita lag1logpop lag1any_conflict lag1durable mean_trust_others, re irr
xtnbreg n_events lag1corruption lag1logGDPexp_capita lag1logpop lag1any_conflict lag1durable mean_trust_others, re irr
xtnbreg n_events lag1quality lag1logGDPexp_capita lag1logpop lag1any_conflict lag1durable mean_trust_others, re irr
xtnbreg n_events lag1rule_of_law lag1logGDPexp_capita lag1logpop lag1any_conflict lag1durable mean_trust_others, re irr
xtset consolidated_country year 
xtnbreg n_events lag1accountability lag1logGDP_expentiture lag1logpop lag1any_conflict lag1durable, fe 
estimates store fixed 
xtnbreg n_events lag1accountability lag1logGDP_expentiture lag1logpop lag1any_conflict lag1durable, re 
estimates store random 
hausman fixed random
xtnbreg n_events lag1exrec lag1logGDP_expentiture lag1logpop lag1any_conflict lag1durable, fe irr
xtnbreg n_domperp_events lag1exrec lag1logGDP_expentiture lag1logpop lag1any_conflict lag1durable, fe irr
xtnbreg n_domtarg_events lag1exrec lag1logGDP_expentiture lag1logpop lag1any_conflict lag1durable, fe irr
xtnbreg n_events lag1exconst lag1logGDP_expentiture lag1logpop lag1any_conflict lag1durable, fe irr
xtnbreg n_domperp_events lag1exrec lag1logGDP_expentiture lag1logpop lag1any_conflict lag1durable, fe irr
xtnbreg n_domtarg_events lag1exrec lag1logGDP_expentiture lag1logpop lag1any_conflict lag1durable, fe irr
xtnbreg n_events lag1polcomp lag1logGDP_expentiture lag1logpop lag1any_conflict lag1durable, fe irr
xtnbreg n_domperp_events lag1exrec lag1logGDP_expentiture lag1logpop lag1any_conflict lag1durable, fe irr
xtnbreg n_domtarg_events lag1exrec lag1logGDP_expentiture lag1logpop lag1any_conflict lag1durable, fe irr
