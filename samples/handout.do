* ============================================================================
* handout.do -- the course handout "Introduction to Multilevel Modeling",
* every Stata command in the handout's order, run on SYNTHETIC data.
*
*   Run from the project root:   mlm samples/handout.do
*
* The handout analyses the ISSP 2003 National Identity module (Kunovich 2004),
* which is licensed.  samples/data/issp_sim.dta is a simulated stand-in with
* the same countries, sample sizes and variables, drawn from a multilevel model
* whose parameters are the handout's estimates (see samples/make_issp_sim.py).
* The numbers printed here are therefore close to, but not the same as, the
* handout's.  Sample sizes are the handout's: 21,790 -> 21,741 -> 21,158.
*
* Files written: statsby's saving() writes ols_educ.dta into the current
* folder (as in the handout); nothing under samples/ is changed.
* The handout's graphs (marked "GRAPH:") are exported as PNG files into the
* folder handout_graphs/ of the current folder (made here if it is missing);
* `mlm --graphs DIR samples/handout.do` also keeps every graph as DIR/Graph1.png ...
* ============================================================================

version 13
set more off
set linesize 110

use samples/data/issp_sim.dta, clear


* ----------------------------------------------------------------------------
* 1. One-way ANOVA with random effects:
*    does the level of prejudice vary across countries?
* ----------------------------------------------------------------------------
mixed pbw || cntryid:
estat group
estat icc
* keep this fit to compare the variance components of later models with it
estimates store anova

* Reliability of each country's sample mean as an estimate of its true mean:
*   lambda_j = tau00 / (tau00 + sigma^2 / n_j).
* Stata 13 does not print it, so the handout computes it by hand.  Here tau00
* and sigma^2 come from the fit just made (Stata stores them as log standard
* deviations: tau00 = exp(2*lns1_1_1), sigma^2 = exp(2*lnsig_e)) instead of
* typing the printed values in.
sort cntryid
by cntryid: egen nj=count(cntryid)
fre cntryid nj
generate lambda_j = exp(2*_b[lns1_1_1:_cons]) / (exp(2*_b[lns1_1_1:_cons]) + (exp(2*_b[lnsig_e:_cons])/nj))
tabstat lambda_j, statistics (mean sd) by (cntryid)
* The overall reliability is the average over countries (the handout: .995).
egen ctag = tag(cntryid)
summarize lambda_j if ctag

* The same numbers without the arithmetic (an mlmcli extension to estat):
estat reliability

* Empirical Bayes estimates of the country means (shrunken toward the grand
* mean by lambda_j); the handout sets them beside the raw country means.
predict eb, reffects
sort cntryid
format eb %8.3f
tabstat eb, statistics (mean sd) by (cntryid)
tabstat pbw, statistics (mean n) by (cntryid)
* GRAPH: the country effects with their 95% intervals, ranked (a caterpillar
* plot; an mlmcli extension to estat)
capture mkdir handout_graphs
estat caterpillar
graph export handout_graphs/caterpillar.png, replace


* ----------------------------------------------------------------------------
* 2. One-way ANCOVA with random effects:
*    which individual characteristics are associated with prejudice?
* ----------------------------------------------------------------------------
* Grand-mean centre age and education, so the intercept is the expected
* prejudice of a respondent of average age and education.
egen agegm=mean(agem)
fre agegm
generate agegrandc=agem-agegm
tabstat agem agegrandc, statistics( mean sd )
egen educgm=mean(EDUCM2)
fre educgm
generate educgrandc=EDUCM2-educgm
tabstat EDUCM2 educgrandc, statistics( mean sd )

mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 || cntryid:
* Compare var(Residual) and var(_cons) with the null model: the share of each
* variance component explained by the covariates (handout: 4.9% of the
* person-level variance, 1.7% of the country-level variance).  The handout
* works it out by hand; estat pve (an mlmcli extension) prints it.
estat pve anova


* ----------------------------------------------------------------------------
* 3. Random-coefficient regression model:
*    does the relationship between prejudice and education vary by country?
* ----------------------------------------------------------------------------
* GRAPH: scatterplot with the OLS line and its confidence band for Germany
twoway (lfitci pbw EDUCM2) (scatter pbw EDUCM2) if cntryid==2, xtitle(Education) ytitle(Anti-immigrant Prejudice)
graph export handout_graphs/germany_lfitci.png, replace
* GRAPH: the same for every country (a trellis graph)
twoway (lfitci pbw EDUCM2) (scatter pbw EDUCM2), by (cntryid) xtitle(Education) ytitle(Anti-immigrant Prejudice)
graph export handout_graphs/trellis_by_country.png, replace

* Country-specific OLS regressions (the handout shows Germany's).
bysort cntryid: regress pbw EDUCM2

* Keep each country's intercept and slope, attach them to the respondents and
* draw the fitted lines of all countries in one picture (a spaghetti plot).
statsby intere=_b[_cons] slopee=_b[EDUCM2], by (cntryid) saving(ols_educ, replace): regress pbw EDUCM2
sort cntryid
merge m:1 cntryid using ols_educ
drop _merge
generate prede = intere + slopee*EDUCM2
sort cntryid EDUCM2
* GRAPH: the spaghetti plot of the country regression lines
twoway (line prede EDUCM2, connect(ascending)), xtitle(Education) ytitle(Fitted regression lines)
graph export handout_graphs/spaghetti.png, replace

* Group-mean centre education: a random slope needs the level-1 variable
* centred on its country mean.
egen educgrpm = mean(EDUCM2), by (cntryid)
generate educgroupc=EDUCM2-educgrpm

* Education with a fixed slope, then with a slope that varies across countries;
* the likelihood-ratio test asks whether the slopes differ.
mixed pbw educgroupc || cntryid:
estimates store rie
mixed pbw educgroupc || cntryid: educgroupc, cov(unstructured)
estimates store rce
lrtest rce rie


* ----------------------------------------------------------------------------
* 4. Intercepts as outcomes:
*    which country characteristics are associated with prejudice?
* ----------------------------------------------------------------------------
mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 LTIRMA5 || cntryid:
mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 weurope || cntryid:
mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 LTIRMA5 weurope || cntryid:


* ----------------------------------------------------------------------------
* 5. Intercepts and slopes as outcomes:
*    is the education slope different in Western Europe?
*    (a cross-level interaction of group-centred education with weurope)
* ----------------------------------------------------------------------------
mixed pbw malem agegrandc EGP45 EGP711 EGP21 EGP22 EGP2325 c.educgroupc##i.weurope || cntryid: educgroupc, cov(unstructured)

* The interaction read through margins: the education slope in each region (in Western
* Europe it is the educgroupc coefficient plus the interaction's), its difference, and the
* predicted prejudice across education in each region (the fixed portion of the model,
* averaged over the other covariates as observed).
margins weurope, dydx(educgroupc)
margins r.weurope, dydx(educgroupc)
margins weurope, at(educgroupc=(-6(2)6))
* GRAPH: the predictive margins by region across education, with 95% CIs (marginsplot)
marginsplot
graph export handout_graphs/margins_weurope.png, replace


* ----------------------------------------------------------------------------
* Weights (the handout's "Weights" section).  Sampling weights are pweights;
* mixed allows them only with ML.  pwscale(size) rescales the level-1 weights
* to sum to each country's sample size -- needed because V342 does not
* average 1.  A level-2 weight (population share / sample share of each
* country) makes the grand mean represent Europe's population.
* ----------------------------------------------------------------------------
mixed pbw [pweight=V342] || cntryid: , pwscale(size)
mixed pbw [pweight=V342] || cntryid: , pweight (l2weight) pwscale(size)


* ----------------------------------------------------------------------------
* Three-level models: respondents in regions in countries (a pure hierarchy:
* every region lies in one country, as the cross-tabulation shows).
* Ireland has no region codes, so these models use 16 countries.
* ----------------------------------------------------------------------------
tab cntryid region if cntryid < 10

* One-way ANOVA with random effects
mixed pbw || cntryid: || region:
* One-way ANCOVA with random effects
mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 || cntryid: || region:
* ... and a country-level predictor
mixed pbw malem agegrandc educgrandc EGP45 EGP711 EGP21 EGP22 EGP2325 weurope || cntryid: || region:


* ----------------------------------------------------------------------------
* Cross-classified models: respondents belong to a country and to a survey
* project, and the two are crossed, not nested (a simulated harmonized-survey
* file).  Syntax: mixed dv || _all: R.id1 || id2: -- the grouping variable
* whose groups hold more cases (here the survey project) goes in R.
* ----------------------------------------------------------------------------
use samples/data/harmonized_sim.dta, clear
tab T_COUNTRY T_SURVEY_NAME
mixed trust || _all: R.T_SURVEY_NAME || T_COUNTRY:
