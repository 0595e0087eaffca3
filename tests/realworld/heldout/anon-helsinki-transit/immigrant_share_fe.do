* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 13327333682 (a public GitHub .do file of a bachelor's thesis on immigrant residential patterns and public-transport accessibility in Helsinki districts: fixed-effects models of the share of residents speaking a non-official language on travel times to city centres, in levels and logs, with robust and clustered errors, on all years and on the years of original data; the index does not name the repository)
* author: unknown
* licence: none stated
* data: extrapolated.csv = helsinki_transit
import delimited using "C:\data\extrapolated.csv", clear
encode id, gen(district_id)
xtset district_id year
gen original_data = (year == 2013 | year == 2015 | year == 2018)
xtreg non_official_lang_percentage v20, fe
xtreg non_official_lang_percentage v20 if original_data == 1, fe
xtreg non_official_lang_percentage v20, fe vce(robust)
xtreg non_official_lang_percentage v20 if original_data == 1, fe vce(robust)
gen log_main = log(v20 + 1)
xtreg non_official_lang_percentage log_main, fe
xtreg non_official_lang_percentage log_main if original_data == 1, fe
xtreg non_official_lang_percentage log_main, fe vce(robust)
xtreg non_official_lang_percentage log_main if original_data == 1, fe vce(cluster district_id)
xtreg non_official_lang_percentage time_to_fastest_cbd, fe
xtreg non_official_lang_percentage time_to_fastest_cbd if original_data == 1, fe
xtreg non_official_lang_percentage time_to_fastest_cbd, fe vce(robust)
xtreg non_official_lang_percentage time_to_fastest_cbd if original_data == 1, fe vce(robust)
xtreg non_official_lang_percentage time_to_fastest_cbd, fe vce(cluster district_id)
xtreg non_official_lang_percentage time_to_fastest_cbd if original_data == 1, fe vce(cluster district_id)
gen log_fastest = log(time_to_fastest_cbd + 1)
xtreg non_official_lang_percentage log_fastest, fe
xtreg non_official_lang_percentage log_fastest if original_data == 1, fe
xtreg non_official_lang_percentage log_fastest, fe vce(robust)
xtreg non_official_lang_percentage log_fastest if original_data == 1, fe vce(robust)
xtreg non_official_lang_percentage log_fastest, fe vce(cluster district_id)
xtreg non_official_lang_percentage log_fastest if original_data == 1, fe vce(cluster district_id)
xtreg non_official_lang_percentage v9-v23, fe vce(cluster district_id)
xtreg non_official_lang_percentage v9-v23 if original_data == 1, fe vce(cluster district_id)
xtreg non_official_lang_percentage v9-v23, fe vce(robust)
xtreg non_official_lang_percentage v9-v23 if original_data == 1, fe vce(robust)
foreach var of varlist v9-v23 {
    gen log_`var' = log(`var' + 1)
}
xtreg non_official_lang_percentage log_v9-log_v23, fe
xtreg non_official_lang_percentage log_v9-log_v23 if original_data == 1, fe
xtreg non_official_lang_percentage log_v9-log_v23, fe vce(robust)
xtreg non_official_lang_percentage log_v9-log_v23 if original_data == 1, fe vce(cluster district_id)
