* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 49769423893 (a public GitHub .do file of a kidney-transplant cohort's text-message diarrhoea reports -- CTCAE grade twice a week after transplant -- and gut-microbiome beta-glucuronidase gene families: insheet of the long reports, by ... sort: egen min(cond()) / max(cond()) of first and ever events, an old-style merge varlist using of the baseline file, encode(), covariance-pattern models mixed ... || Participant:, noconstant residuals(independent, t(collection_id)) and residuals(ar1, t(collection_id)) for five enzyme totals with and without covariates, graph bar (mean) over() over() asyvars, the first three months: egen of first events again, keep + reshape wide, stset firsttime, f(), sts graph, risktable ci, stcox, tabstat by() stat(), xtset + xtmlogit/xtlogit/mlogit cluster(); the index does not name the repository) (excerpt: the longitudinal part at the end of the file; the earlier survey cleaning, the wide export to Excel, the baseline tables and the cross-sectional anova/mlogit of the first part left out)
* author: unknown
* licence: none stated
* data: SurveySummary-umndiaStory-2021-10-22_11_35_56_GoeditsV4.csv = mosio_diarrhoea_reports
* data: Beta_glucoronidase_gene_families_renamed_test_mosio_M1_nomissing_v3.csv = mosio_baseline_enzymes
insheet using SurveySummary-umndiaStory-2021-10-22_11_35_56_GoeditsV4.csv, clear
describe
by Participant, sort: egen firsttime = min(cond(outcome_diarrhea == 1, collection, .))
replace firsttime = 52 if firsttime == .
by Participant, sort: egen everdiarrhea= max(cond(outcome_diarrhea == 1, outcome_diarrhea, .))
replace everdiarrhea = 0 if everdiarrhea == .
by Participant, sort: egen firstCTCAE2 = min(cond(diarrheactcaegrade == 2, collection, .))
replace firstCTCAE2 = 52 if firstCTCAE2 == .
by Participant, sort: egen everCTCAE2= max(cond(diarrheactcaegrade == 2, diarrheactcaegrade, .))
replace everCTCAE2 = 0 if everCTCAE2 == .
tabulate firsttime everdiarrhea
generate maxCTCAE = .
replace maxCTCAE = 0 if everdiarrhea == 0
replace maxCTCAE = 1 if everdiarrhea == 1 & everCTCAE2 == 0
replace maxCTCAE = 2 if everCTCAE2 == 2
tabulate maxCTCAE everCTCAE2, missing
tabulate maxCTCAE Participant, missing
sort Participant
save MOSIO_LONG, replace
insheet using Beta_glucoronidase_gene_families_renamed_test_mosio_M1_nomissing_v3.csv, clear
describe
generate Participant = .
replace Participant = participant
sort Participant
save MOSIO_DEMO, replace
use MOSIO_LONG
sort Participant
merge Participant using MOSIO_DEMO
save MOSIO_LONG_DEMO_BETAGLUC, replace
use MOSIO_LONG_DEMO_BETAGLUC, clear
encode(gender), generate(sex_glm)
encode(race_report), generate(race_glm)
encode(donor_type_report), generate(donor_glm)
mixed diarrheactcaegrade total_per_sid_ec4 collection_id || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade total_per_sid_ec4 collection_id || Participant:, noconstant residuals(ar1, t(collection_id))
mixed diarrheactcaegrade total_per_sid_ec4 collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade total_per_sid_ec4 collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(ar1, t(collection_id))
mixed diarrheactcaegrade total_glucosidase collection_id || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade total_glucosidase collection_id || Participant:, noconstant residuals(ar1, t(collection_id))
mixed diarrheactcaegrade total_glucosidase collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade total_glucosidase collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(ar1, t(collection_id))
mixed diarrheactcaegrade total_galactosidase collection_id || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade total_galactosidase collection_id || Participant:, noconstant residuals(ar1, t(collection_id))
mixed diarrheactcaegrade total_galactosidase collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade total_galactosidase collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(ar1, t(collection_id))
mixed diarrheactcaegrade total_glucuronidase collection_id || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade total_glucuronidase collection_id || Participant:, noconstant residuals(ar1, t(collection_id))
mixed diarrheactcaegrade total_glucuronidase collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade total_glucuronidase collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(ar1, t(collection_id))
generate gluc_comb=.
replace gluc_comb = total_glucosidase + total_glucuronidase
mixed diarrheactcaegrade gluc_comb collection_id || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade gluc_comb collection_id || Participant:, noconstant residuals(ar1, t(collection_id))
mixed diarrheactcaegrade total_glucuronidase collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade total_glucuronidase collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(ar1, t(collection_id))
generate isomers=.
replace isomers = total_galactosidase + total_glucuronidase
mixed diarrheactcaegrade isomers collection_id || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade isomers collection_id || Participant:, noconstant residuals(ar1, t(collection_id))
mixed diarrheactcaegrade isomers collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade isomers collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(ar1, t(collection_id))
mixed diarrheactcaegrade total_metacyc collection_id || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade total_metacyc collection_id || Participant:, noconstant residuals(ar1, t(collection_id))
mixed diarrheactcaegrade total_glucuronidase collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegrade total_glucuronidase collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(ar1, t(collection_id))
graph bar (mean)isomers, over(diarrheactcaegrade, label(labsize(small))) over(Participant) asyvars ytitle("text") legend(rows(1) stack size(small))
graph bar (mean)isomers, over(diarrheactcaegrade, label(labsize(small))) asyvars ytitle("text") legend(rows(1) stack size(small))
generate diarrheactcaegradev2=.
replace diarrheactcaegradev2=0 if diarrheactcaegrade==0
replace diarrheactcaegradev2=1 if diarrheactcaegrade==1
replace diarrheactcaegradev2=2 if diarrheactcaegrade==2
replace diarrheactcaegradev2=2 if diarrheactcaegrade==3
graph bar (mean)isomers, over(diarrheactcaegradev2, label(labsize(small))) over(Participant) asyvars ytitle("text") legend(rows(1) stack size(small))
graph bar (mean)isomers, over(diarrheactcaegradev2, label(labsize(small))) asyvars b1title("text") ytitle("text") legend(rows(1) stack size(small))
tabulate collection_id
drop if collection_id >= 26
mixed diarrheactcaegradev2 isomers collection_id || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegradev2 isomers collection_id || Participant:, noconstant residuals(ar1, t(collection_id))
mixed diarrheactcaegradev2 isomers collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegradev2 isomers age_manual collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(independent, t(collection_id))
mixed diarrheactcaegradev2 isomers collection_id sex_glm race_glm donor_glm || Participant:, noconstant residuals(ar1, t(collection_id))
graph bar (mean)isomers, over(diarrheactcaegradev2, label(labsize(small))) over(Participant) asyvars ytitle("text") legend(rows(1) stack size(small))
graph bar (mean)isomers, over(diarrheactcaegradev2, label(labsize(small))) asyvars b1title("text") ytitle("text") legend(rows(1) stack size(small))
graph bar (count), over(diarrheactcaegradev2) over(collection_id)
graph bar (count), over(diarrheactcaegradev2) over(collection_id) asyvars
graph bar (count), over(diarrheactcaegradev2) over(week) asyvars
graph bar (count), over(diarrheactcaegradev2, label(labsize(small))) over(collection_id) asyvars ytitle("text") legend(rows(1) stack size(small))
graph bar (count), over(diarrheactcaegradev2, label(labsize(small))) over(collection_id) asyvars ytitle("text") b1title("text") legend(rows(1) stack size(small))
tabulate diarrheactcaegrade, missing
tabulate participant diarrheactcaegrade, missing
describe
by Participant, sort: egen firsttime3m = min(cond(outcome_diarrhea == 1, collection_id, .))
replace firsttime3m = 26 if firsttime3m == .
by Participant, sort: egen everdiarrhea3m= max(cond(outcome_diarrhea == 1, outcome_diarrhea, .))
replace everdiarrhea3m = 0 if everdiarrhea3m == .
by Participant, sort: egen firstCTCAE2_3m = min(cond(diarrheactcaegradev2 == 2, collection_id, .))
replace firstCTCAE2_3m = 26 if firstCTCAE2_3m == .
by Participant, sort: egen everCTCAE2_3mo= max(cond(diarrheactcaegradev2 == 2, diarrheactcaegradev2, .))
replace everCTCAE2_3mo = 0 if everCTCAE2_3mo == .
generate maxCTCAE_3m = .
replace maxCTCAE_3m = 0 if everdiarrhea3m == 0
replace maxCTCAE_3m = 1 if everdiarrhea3m == 1 & everCTCAE2_3mo == 0
replace maxCTCAE_3m = 2 if everCTCAE2_3mo == 2
tabulate maxCTCAE_3m everCTCAE2_3mo, missing
keep Participant collection_id total_per_sid_ec4 total_glucosidase total_galactosidase total_glucuronidase total_metacyc age_manual sex gender race_report donor_type donor_type_report b1_demographics_complete height_baseline weight_baseline_kg bmi_baseline smoking diabetes_pretx scr_day5_avail scr_day7_avail date_creatinine_day5 creatinine_day5 date_creatinine_day7 creatinine_day7 sex_glm race_glm donor_glm gluc_comb isomers diarrheactcaegradev2 firsttime3m everdiarrhea3m firstCTCAE2_3m maxCTCAE_3m everCTCAE2_3mo
reshape wide diarrheactcaegradev2, i(Participant) j(collection_id)
tabulate Participant maxCTCAE_3m, missing
drop if isomers==.
save Mission_MOSIO_wide_12012021, replace
stset firsttime3m, f(maxCTCAE_3m)
sts graph, risktable ci
sts graph, risktable
stset firstCTCAE2_3m, f(everCTCAE2_3mo)
list
sts graph, risktable ci
sts graph, risktable
stcox isomers
stcox isomers sex_glm race_glm donor_glm
tabulate sex_glm everCTCAE2_3mo, missing
tabulate race_report everCTCAE2_3mo, missing
tabstat age_manual, by(everCTCAE2_3mo) stat(n mean sd)
tabstat bmi_baseline, by(everCTCAE2_3mo) stat(n mean sd)
tabulate diabetes_pretx everCTCAE2_3mo, missing
use MOSIO_LONG_DEMO_BETAGLUC, clear
encode(gender), generate(sex_glm)
encode(race_report), generate(race_glm)
encode(donor_type_report), generate(donor_glm)
generate gluc_comb=.
replace gluc_comb = total_glucosidase + total_glucuronidase
generate isomers=.
replace isomers = total_galactosidase + total_glucuronidase
generate diarrheactcaegradev2=.
replace diarrheactcaegradev2=0 if diarrheactcaegrade==0
replace diarrheactcaegradev2=1 if diarrheactcaegrade==1
replace diarrheactcaegradev2=2 if diarrheactcaegrade==2
replace diarrheactcaegradev2=2 if diarrheactcaegrade==3
tabulate collection_id
drop if collection_id >= 26
tabstat isomers, by(everctcae2) stat(n mean sd)
xtset participant
xtmlogit diarrheactcaegradev2 isomers collection_id, rrr
* mlm-expect: r(198)
xtlogit diarrheactcaegradev2 isomers collection_id, rrr
xtlogit diarrheactcaegradev2 isomers collection_id, or
mlogit diarrheactcaegradev2 isomers collection_id, cluster(participant) base(0) rrr
drop if isomers==.
tabulate diarrheactcaegradev2
tabstat firstCTCAE2, by(everCTCAE2) stat(n mean sd)
tabstat firstCTCAE2, by(everCTCAE2) stat(n median min max)
