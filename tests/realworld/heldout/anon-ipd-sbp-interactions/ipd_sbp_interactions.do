* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 47715915297 (a public GitHub .do file, the third practical of a course on individual participant data (IPD) meta-analysis: ten simulated hypertension trials, systolic blood pressure at follow-up sbpl by treatment with baseline sbpi; ssc install of metareg, a meta-regression of the trials' ANCOVA estimates on the proportion male with wsse() reml graph; the one-stage model mixed sbpl sbpi treat##sex trial1-trial10, nocons || trialdummy: treat, nocons reml after tabulate, gen(); bysort: tab; within-trial centring of sex by a chain of replace ... if; the within- and across-trial interactions; a random interaction slope; ssc install of ipdforest, ipdmetan and moremata; ipdmetan, study() interaction keepall [re|re(reml)] : mixed; trial-specific adjustment terms and residuals(ind, by(trialdummy)) technique(nr) on three trials; the file loads no data itself -- its text tells the student to open the summary file, then the IPD file, here the preload and an mlm-added use; the index does not name the repository)
* author: unknown (course material)
* licence: none stated
* data: sbp_ipd = ipd_sbp_trials
* preload: ipd_sbp_summary
ssc install metareg
metareg ancova prop_male, wsse(seancova) reml graph
metareg ancova , wsse(seancova) reml
* mlm-added: the text asks the student to open the IPD file here
use sbp_ipd, clear
tabulate trialdummy, gen(trial)
mixed sbpl sbpi treat##sex trial1 trial2 trial3 trial4 trial5 trial6 trial7 trial8 trial9 trial10 , nocons || trialdummy: treat, nocons reml
bysort trialdummy: tab sex
gen sex_cent = sex - 0.7 if trial1 ==1
replace sex_cent = sex - 0.35 if trial2 ==1
replace sex_cent = sex - 0.24 if trial3 ==1
replace sex_cent = sex - 0.55 if trial4 ==1
replace sex_cent = sex - 0.59 if trial5 ==1
replace sex_cent = sex - 0.42 if trial6 ==1
replace sex_cent = sex - 0.43 if trial7 ==1
replace sex_cent = sex - 0.26 if trial8 ==1
replace sex_cent = sex - 0.64 if trial9 ==1
replace sex_cent = sex - 0.33 if trial10 ==1
gen ws_interaction = treat*sex_cent
gen sex_mean = 0.7 if trialdummy == 1
replace sex_mean = 0.35 if trialdummy == 2
replace sex_mean = 0.24 if trialdummy == 3
replace sex_mean = 0.55 if trialdummy == 4
replace sex_mean = 0.59 if trialdummy == 5
replace sex_mean = 0.42 if trialdummy == 6
replace sex_mean = 0.43 if trialdummy == 7
replace sex_mean = 0.26 if trialdummy == 8
replace sex_mean = 0.64 if trialdummy == 9
replace sex_mean = 0.33 if trialdummy == 10
gen acr_interaction = sex_mean*treat
mixed sbpl trial1 trial2 trial3 trial4 trial5 trial6 trial7 trial8 trial9 trial10 sbpi sex treat ws_interaction acr_interaction , nocons || trialdummy: treat, nocons reml
mixed sbpl trial1 trial2 trial3 trial4 trial5 trial6 trial7 trial8 trial9 trial10 sbpi sex treat ws_interaction acr_interaction , nocons || trialdummy: treat ws_interaction, nocons reml
ssc install ipdforest
ssc install ipdmetan
ssc install moremata
ipdmetan, study(trialdummy) interaction keepall : mixed sbpl treat##sex sbpi
ipdmetan, study(trialdummy) interaction keepall re : mixed sbpl treat##sex sbpi
ipdmetan, study(trialdummy) interaction keepall re(reml) : mixed sbpl treat##sex sbpi
gen sbpi_trial1 = sbpi*trial1
gen sbpi_trial2 = sbpi*trial2
gen sbpi_trial3 = sbpi*trial3
gen sex_trial1 = sex*trial1
gen sex_trial2 = sex*trial2
gen sex_trial3 = sex*trial3
mixed sbpl trial1 trial2 trial3 sbpi_trial1 sbpi_trial2 sbpi_trial3 sex_trial1 sex_trial2 sex_trial3 treat ws_interaction acr_interaction if trial1 ==1 | trial2==1 |trial3==1 , nocons || trialdummy: treat ws_interaction , nocons reml residuals(ind, by(trialdummy)) technique(nr)
ipdmetan, study(trialdummy) interaction keepall re(reml) : mixed sbpl treat##sex sbpi if (trial1==1 | trial2==1 | trial3==1)
