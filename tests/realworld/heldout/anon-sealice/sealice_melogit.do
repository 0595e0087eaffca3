* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 52336263116 (a public GitHub .do file of a thesis chapter on sea lice on wild juvenile salmon in British Columbia, 2006-2023: three-level logistic and negative binomial models, fish in sampling events in sampling-unit months; the index does not name the repository) (excerpt: the data filters and the first period, 2006-2009, of the motile-lice models, logistic then negative binomial; the other periods and the non-motile models repeat these lines)
* author: unknown
* licence: none stated
* data: Sea lice data.dta = sea_lice
version 15.1
cd "C:\Users\x\CODES"
use "Sea lice data.dta",clear
keep if inlist(month,4,5,6)
keep if inlist(fish_spec,2,6)
keep if inlist(sampling_unit,4,6,9)
drop if source==4
egen unit_yearmonth= group(sampling_unit year month)
preserve
drop if year>2009
drop if year<2006
melogit sealicemot_bin i.source||unit_yearmonth:|| event_id:
testparm i.source
melogit sealicemot_bin i.length_cat||unit_yearmonth:|| event_id:
testparm i.length_cat
melogit sealicemot_bin i.fish_spec||unit_yearmonth:|| event_id:
testparm i.fish_spec
melogit sealicemot_bin i.year||unit_yearmonth:|| event_id:
testparm i.year
melogit sealicemot_bin i.month||unit_yearmonth:|| event_id:
testparm i.month
melogit sealicemot_bin i.sampling_unit||unit_yearmonth:|| event_id:
testparm i.sampling_unit
melogit sealicemot_bin i.source i.length_cat i.fish_spec  i.year i.month i.sampling_unit ||unit_yearmonth:|| event_id:,or
testparm i.source
testparm i.length_cat
testparm i.fish_spec
testparm i.year
testparm i.month
testparm i.sampling_unit
estat icc
bayes, rseed (123) burnin(20000) mcmcsize(60000): melogit sealicemot_bin i.source i.length_cat i.fish_spec  i.year i.month i.sampling_unit ||unit_yearmonth:|| event_id:,or
bayesstats summary 
restore
preserve
drop if year>2009
drop if year<2006
menbreg sealice_mot i.source||unit_yearmonth:|| event_id:
testparm i.source
melogit sealice_mot i.length_cat||unit_yearmonth:|| event_id:
testparm i.length_cat
melogit sealice_mot i.fish_spec||unit_yearmonth:|| event_id:
testparm i.fish_spec
melogit sealice_mot i.year||unit_yearmonth:|| event_id:
testparm i.year
melogit sealice_mot i.month||unit_yearmonth:|| event_id:
testparm i.month
melogit sealice_mot i.sampling_unit||unit_yearmonth:|| event_id:
testparm i.sampling_unit
menbreg sealice_mot i.source i.length_cat i.fish_spec i.year i.month i.sampling_unit ||unit_yearmonth:|| event_id:, irr
testparm i.source
testparm i.length_cat
testparm i.fish_spec
testparm i.year
testparm i.month
testparm i.sampling_unit
bayes, rseed (123) burnin(20000) mcmcsize(60000): menbreg sealice_mot i.source i.length_cat i.fish_spec i.year i.month i.sampling_unit ||unit_yearmonth:|| event_id:, irr
bayesstats summary 
restore
