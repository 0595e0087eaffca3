* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 20647666055 (a public GitHub .do file, tumour-growth project; the index does not name the repository)
* author: unknown (path in the file: andreped/workspace/tumor-growth)
* licence: none stated
* data: merged_longitudinal_data_090123.csv = tumor_growth
cls
clear
import delimited "/Users/someone/workspace/tumor-growth/data/merged_longitudinal_data_090123.csv"
replace t2 = . if t2 == -999
replace oedema = . if oedema == -999
encode patient, generate(patient_n)
gen log_volume = log(volume)
menl volume = {U0[patient_n]} + {xb:}, define(xb: i.gender_bin i.multifocality i.oedema i.t2 follow_up_months initial_volume current_age_years)
estat ic
menl log_volume = {U0[patient_n]} + {xb:}, define(xb: i.gender_bin i.multifocality i.oedema i.t2 follow_up_months initial_volume current_age_years)
estat ic
menl log_volume = {U[patient_n]} + log(4 * c(pi) / 3) + 3 * log({xb:}), define(xb: i.gender_bin i.multifocality i.oedema i.t2 follow_up_months initial_volume current_age_years)
estat ic
menl log_volume = {U0[patient_n]} + log({a0}) - exp(-{xb:}), define(xb: i.gender_bin i.multifocality i.oedema i.t2 follow_up_months initial_volume current_age_years)
estat ic
