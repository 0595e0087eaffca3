* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 29412330417 (a public GitHub .do file of a dissertation project on charter-school identities, 2019: multiply imputed school data (mi set mlong) -- ssc install of xtmrho, crossfold, outreg2 and asdoc, mi update, mi xeq 0 1: tabstat, then for each outcome a sequence of cross-classified linear mixed models of schools in charter management organisations crossed with states and school districts, mi xeq 1 / 5: mixed ... || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured), the same under mi est, dots post:, est store, est save .ster, outreg2 using ... .rtf, replace word label onecol addstat(...) alpha() symbol() addnote() title() ctitle(), and mi xeq 1: quietly mixed ... || _all:R.cmoname || state: || geodistrict: ...; estat ic; estat icc and ...; xtmrho with ;-separated commands; excerpt: the setup and parts 1 and 2 (nine model sequences) -- part 3, the same sequence for another outcome, and the block comments left out; folders replaced; the index does not name the repository)
* author: Jaren Haber (file header; GitHub account jhaber-zz), University of California, Berkeley
* licence: none stated
* data: stats_data_2015_mi100_keepschpov.dta = charter_identity_mi
ssc install xtmrho, replace
ssc install crossfold.pkg, replace
ssc install outreg2, replace
ssc install asdoc, replace
cd "/x/project/"
use "data/stats_data_2015_mi100_keepschpov.dta", clear
mi update
mi xeq 0 1: tabstat inquiryprop readall15 mathall15 pocschoolprop povertyschoolprop pocsd povertysd pctpdfs, stat(n mean median min max sd)
log using "logs/results_1.smcl", replace
mi xeq 1 / 5: mixed inquiryprop primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
mi est, dots post: mixed inquiryprop primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
est store ibl0
est save "models/ibl0_model.ster", replace
outreg2 using "tables/ibl0_table.rtf", replace word label onecol addstat(Log-Likelihood, e(ll), chi-square test, r(chi2), F-test, e(p), Prob > F, r(p), R-squared, e(r2)) alpha(.001, .01, .05) symbol(***, **, *) addnote("", "Text") title("Text", "Text") ctitle("Text")
* mlm-expect: r(321)
mi xeq 1: quietly mixed inquiryprop primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || state: || geodistrict: , cov(unstructured); estat ic; estat icc
mi xeq 1: quietly xtmixed inquiryprop primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || state: || geodistrict: , cov(unstructured); xtmrho
mi xeq 1 / 5: mixed inquiryprop povertyschool primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
mi est, dots post: mixed inquiryprop povertyschool primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
est store ibl1
est save "models/ibl1_model.ster", replace
outreg2 using "tables/ibl1_table.rtf", replace word label onecol addstat(Log-Likelihood, e(ll), chi-square test, r(chi2), F-test, e(p), Prob > F, r(p), R-squared, e(r2)) alpha(.001, .01, .05) symbol(***, **, *) ctitle("Text")
* mlm-expect: r(321)
mi xeq 1: quietly mixed inquiryprop povertyschool primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || state: || geodistrict: , cov(unstructured); estat ic; estat icc
mi xeq 1 / 5: mixed inquiryprop pocschoolprop primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
mi est, dots post: mixed inquiryprop pocschoolprop primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
est store ibl2
est save "models/ibl2_model.ster", replace
outreg2 using "tables/ibl2_table.rtf", replace word label onecol addstat(Log-Likelihood, e(ll), chi-square test, r(chi2), F-test, e(p), Prob > F, r(p), R-squared, e(r2)) alpha(.001, .01, .05) symbol(***, **, *) ctitle("Text")
* mlm-expect: r(321)
mi xeq 1: quietly mixed inquiryprop pocschoolprop primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || state: || geodistrict: , cov(unstructured); estat ic; estat icc
mi xeq 1 / 5: mixed inquiryprop povertysd primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
mi est, dots post: mixed inquiryprop povertysd primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
est store ibl3
est save "models/ibl3_model.ster", replace
outreg2 using "tables/ibl3_table.rtf", replace word label onecol addstat(Log-Likelihood, e(ll), chi-square test, r(chi2), F-test, e(p), Prob > F, r(p), R-squared, e(r2)) alpha(.001, .01, .05) symbol(***, **, *) ctitle("Text")
* mlm-expect: r(321)
mi xeq 1: quietly mixed inquiryprop povertysd primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || state: || geodistrict: , cov(unstructured); estat ic; estat icc
mi xeq 1 / 5: mixed inquiryprop pocsd primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
mi est, dots post: mixed inquiryprop pocsd primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
est store ibl4
est save "models/ibl4_model.ster", replace
outreg2 using "tables/ibl4_table.rtf", replace word label onecol addstat(Log-Likelihood, e(ll), chi-square test, r(chi2), F-test, e(p), Prob > F, r(p), R-squared, e(r2)) alpha(.001, .01, .05) symbol(***, **, *) ctitle("Text")
* mlm-expect: r(321)
mi xeq 1: quietly mixed inquiryprop pocsd primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || state: || geodistrict: , cov(unstructured); estat ic; estat icc
log close
log using "logs/results_2.smcl", replace
mi xeq 1 / 5: mixed povertyschoolprop primary middle high lnage lnstudents urban || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
mi est, dots post: mixed povertyschoolprop primary middle high lnage lnstudents urban || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
est store pov0
est save "models/pov0_model.ster", replace
outreg2 using "tables/pov0_table.rtf", replace word label onecol addstat(Log-Likelihood, e(ll), chi-square test, r(chi2), F-test, e(p), Prob > F, r(p), R-squared, e(r2)) alpha(.001, .01, .05) symbol(***, **, *) addnote("", "Text") title("Text", "Text") ctitle("Text")
* mlm-expect: r(321)
mi xeq 1: quietly mixed povertyschoolprop primary middle high lnage lnstudents urban || _all:R.cmoname || state: || geodistrict: , cov(unstructured); estat ic; estat icc
mi xeq 1: quietly xtmixed povertyschoolprop primary middle high lnage lnstudents urban || _all:R.cmoname || state: || geodistrict: , cov(unstructured); xtmrho
mi xeq 1 / 5: mixed povertyschoolprop inquiryprop primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
mi est, dots post: mixed povertyschoolprop inquiryprop primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
est store pov1
est save "models/pov1_model.ster", replace
outreg2 using "tables/pov1_table.rtf", replace word label onecol addstat(Log-Likelihood, e(ll), chi-square test, r(chi2), F-test, e(p), Prob > F, r(p), R-squared, e(r2)) alpha(.001, .01, .05) symbol(***, **, *) ctitle("Text")
* mlm-expect: r(321)
mi xeq 1: quietly mixed povertyschoolprop inquiryprop primary middle high lnage lnstudents urban pctpdfs || _all:R.cmoname || state: || geodistrict: , cov(unstructured); estat ic; estat icc
mi xeq 1 / 5: mixed povertyschoolprop readall15 mathall15 primary middle high lnage lnstudents urban readlevel15 mathlevel15 || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
mi est, dots post: mixed povertyschoolprop readall15 mathall15 primary middle high lnage lnstudents urban readlevel15 mathlevel15 || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
est store pov2
est save "models/pov2_model.ster", replace
outreg2 using "tables/pov2_table.rtf", replace word label onecol addstat(Log-Likelihood, e(ll), chi-square test, r(chi2), F-test, e(p), Prob > F, r(p), R-squared, e(r2)) alpha(.001, .01, .05) symbol(***, **, *) ctitle("Text")
* mlm-expect: r(321)
mi xeq 1: quietly mixed povertyschoolprop readall15 mathall15 primary middle high lnage lnstudents urban readlevel15 mathlevel15 || _all:R.cmoname || state: || geodistrict: , cov(unstructured); estat ic; estat icc
mi xeq 1 / 5: mixed povertyschoolprop inquiryprop readall15 mathall15 primary middle high lnage lnstudents urban pctpdfs readlevel15 mathlevel15 || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
mi est, dots post: mixed povertyschoolprop inquiryprop readall15 mathall15 primary middle high lnage lnstudents urban pctpdfs readlevel15 mathlevel15 || _all:R.cmoname || _all:R.state || geodistrict: , cov(unstructured)
est store pov3
est save "models/pov3_model.ster", replace
outreg2 using "tables/pov3_table.rtf", replace word label onecol addstat(Log-Likelihood, e(ll), chi-square test, r(chi2), F-test, e(p), Prob > F, r(p), R-squared, e(r2)) alpha(.001, .01, .05) symbol(***, **, *) ctitle("Text")
* mlm-expect: r(321)
mi xeq 1: quietly mixed povertyschoolprop inquiryprop readall15 mathall15 primary middle high lnage lnstudents urban pctpdfs readlevel15 mathlevel15 || _all:R.cmoname || state: || geodistrict: , cov(unstructured); estat ic; estat icc
log close
