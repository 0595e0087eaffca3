* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 29744651515 (a public GitHub .do file of a student paper on social capital, welfare regimes and political participation in European Social Survey countries: respondents in countries -- a quietly fitted full model to fix the sample, mixed ... || cntry: if e(sample), variance reml and estat icc, random-intercept and random-slope models of the social-capital index with covariance(unstructured) stored and compared by lrtest, predict fitted drawn per country by egen tag() and twoway connected, connect(ascending), six eststo models with country-level predictors (welfare spending, regime type) in esttab ... using .tex, coefplot, drop(_cons) xline(0) ylabel() of a full model, the cross-level interaction c.index_capital##i.welfare_type with margins, at() and marginsplot, and the null and full models for explained variance; German titles replaced; the index does not name the repository)
* author: unknown
* licence: none stated
* data: outputs\final_dataset.dta = ess_welfare_participation
use "outputs\final_dataset.dta", clear

quietly: mixed index_politparti index_capital index_religion sex age hinc edulvl marital hsize domicil religion_comp wealth welfare_exp i.welfare_type || cntry: index_capital, covariance(unstructured) variance reml

mixed index_politparti || cntry: if e(sample), variance reml
estat icc

mixed index_politparti c_index_capital c_index_religion i.sex c_age hinc c_edulvl marital c_hsize domicil || cntry: if e(sample), variance reml

quietly: mixed index_politparti c_index_capital c_index_religion i.sex c_age hinc c_edulvl marital c_hsize domicil || cntry: if e(sample), variance reml

estimates store ri

quietly: mixed index_politparti c_index_capital c_index_religion i.sex c_age hinc c_edulvl marital c_hsize domicil || cntry: c_index_capital if e(sample), covariance(unstructured) variance reml

estimates store rs

lrtest ri rs

quietly: mixed index_politparti index_capital || cntry: index_capital if e(sample), variance reml
predict predscore, fitted
sort cntry index_capital
egen pickone = tag(cntry index_capital)
twoway connected predscore index_capital if pickone == 1, connect(ascending) ytitle("a", size(medium)) name(rs_plot, replace) xtitle(a) title("a") ylabel(0 (1) 6) xlabel(0 (10) 75) ytick(#10) xtick(#20) graphregion(fcolor(white))

graph export "results\random-slope-plot.pdf", replace

eststo clear
eststo Modell_1: mixed index_politparti c_index_capital|| cntry: c_index_capital if e(sample), covariance(unstructured) variance reml
eststo Modell_2: mixed index_politparti c_index_capital c_index_religion i.sex c_age hinc c_edulvl marital c_hsize domicil || cntry: c_index_capital if e(sample), covariance(unstructured) variance reml
eststo Modell_3: mixed index_politparti c_index_capital welfare_exp || cntry: c_index_capital if e(sample), covariance(unstructured) variance reml
eststo Modell_4: mixed index_politparti c_index_capital welfare_exp i.welfare_type || cntry: c_index_capital if e(sample), covariance(unstructured) variance reml
eststo Modell_5: mixed index_politparti c_index_capital c_index_religion i.sex c_age hinc c_edulvl marital c_hsize domicil religion_comp wealth welfare_exp i.welfare_type || cntry: c_index_capital if e(sample), covariance(unstructured) variance reml
eststo Modell_6: mixed index_politparti index_capital index_religion i.sex age hinc edulvl marital hsize domicil religion_comp wealth welfare_exp i.welfare_type capital_wtype || cntry: index_capital if e(sample), covariance(unstructured) variance reml
esttab Modell_1 Modell_2 Modell_3 Modell_4 Modell_5 Modell_6 using "results\regressiontabelle.tex", compress nogap label replace nodep nobase

quietly: mixed index_politparti index_capital index_religion i.sex age hinc edulvl marital hsize domicil religion_comp wealth welfare_exp i.welfare_type || cntry: index_capital if e(sample), covariance(unstructured) variance reml

coefplot, drop (_cons) xline (0) ylabel (1 "a" 2 "b" 3 "c" 4 "d" 5 "e" 6 "f" 7 "g"  8 "h" 9 "i" 10 "j" 11 "k" 12 "l" 13 "m" 14 "n" 15 "o" 16 "p") title("a", size(medium)) xtitle(" a", size(small)) graphregion(fcolor(white))

graph export "results\coefplot.pdf", replace

quietly: mixed index_politparti index_religion i.sex age i.hinc edulvl i.marital hsize domicil religion_comp wealth welfare_exp c.index_capital##i.welfare_type || cntry: index_capital if e(sample), covariance(unstructured) variance reml
margins, at(index_capital=(7 (10) 71) welfare_type=(1 2 3 4 5))
marginsplot, ytitle(a) xtitle(a) title("a") subtitle("a") legend(title ("a", size(medium))) graphregion(fcolor(white)) name(controlled_interaction, replace)

graph export "results\cross-level-interaction.pdf", replace

mixed index_politparti || cntry: if e(sample), variance reml

mixed index_politparti index_capital index_religion i.sex age hinc edulvl marital hsize domicil religion_comp wealth welfare_exp i.welfare_type || cntry: if e(sample), variance reml

clear
