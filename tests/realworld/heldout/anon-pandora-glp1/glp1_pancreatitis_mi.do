* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 55178077451 (a public GitHub .do file of a multicentre cohort of patients with acute pancreatitis, the PANDORA study per its folder, on prior GLP-1 agonist use: codebook, unknown categories recoded to missing in a foreach, complete-case shares by tab ..., mi, mi set flong, mi register regular/imputed, mi describe, mi impute chained (pmm, knn(5)) ... add(20) rseed() chaindots augment, save, then patients in hospitals -- mi estimate, base or: xtmelogit ... || hospital:, mi estimate, base or cmdok: melogit, two-level melogit ... || hospital:, base or for five binary outcomes (run on the flong data outside mi estimate), bys ...: summ and random-intercept mixed models of length of stay and CRP; the index does not name the repository)
* author: unknown (a user folder "AdilRashid" in the file's cd)
* licence: none stated
* data: pandora_clean_mi = pandora_clean
clear all

cd C:\Users\x\Documents\project

use pandora_clean_mi, clear

codebook mort90 GLP1_use gender age_cat bmi_cat cci_cat smoking alcohol_cat prev_pancreatitis gallstones_imaging

foreach V of varlist bmi_cat  smoking alcohol_cat {
	recode `V' 99=.
}

gen complete = 0 

replace complete =1 if (bmi_cat!=. &  smoking!=. & alcohol_cat!=.)

tab complete, mi

foreach V of varlist mort90 GLP1_use gender age_cat bmi_cat cci_cat smoking alcohol_cat prev_pancreatitis gallstones_imaging {
	tab `V', mi
}

gen miss_los =sign(los==.)

mi set flong

mi register regular mort90 GLP1_use gender age_cat  cci_cat  prev_pancreatitis gallstones_imaging readm90 critical_care_adm_bin local_complication severity_bin referral resp_failure cvs_failure renal_failure

mi register imputed bmi_cat smoking alcohol_cat crp los diabetes

mi describe 

mi impute chained  (pmm, knn(5)) bmi_cat smoking alcohol_cat crp los diabetes = mort90 GLP1_use gender age_cat  cci_cat  prev_pancreatitis gallstones_imaging readm90 critical_care_adm_bin local_complication severity_bin referral resp_failure cvs_failure renal_failure , add(20) rseed(678910) chaindots augment

save pandor_mi, replace

mi estimate,   base or:	xtmelogit mort90 i.GLP1_use || hospital:

mi estimate, or base:	xtmelogit mort90 i.GLP1_use i.gender i.age_cat ib1.bmi_cat i.cci_cat i.smoking i.alcohol_cat i.prev_pancreatitis i.gallstones_imaging || hospital:

mi estimate,   base or cmdok:	melogit readm90 i.GLP1_use  || hospital:, base or

	melogit readm90 i.GLP1_use i.gender i.age_cat i.bmi_cat i.cci_cat i.smoking i.alcohol_cat i.prev_pancreatitis i.gallstones_imaging || hospital:, base or

	melogit critical_care_adm_bin i.GLP1_use  || hospital:, base or

	melogit critical_care_adm_bin i.GLP1_use i.gender i.age_cat i.bmi_cat i.cci_cat i.smoking i.alcohol_cat i.prev_pancreatitis i.gallstones_imaging || hospital:, base or

melogit local_complication i.GLP1_use  || hospital:, base or

	melogit local_complication i.GLP1_use i.gender i.age_cat i.bmi_cat i.cci_cat i.smoking i.alcohol_cat i.prev_pancreatitis i.gallstones_imaging || hospital:, base or

	melogit severity_bin i.GLP1_use  || hospital:, base or

	melogit severity_bin i.GLP1_use i.gender i.age_cat i.bmi_cat i.cci_cat i.smoking i.alcohol_cat i.prev_pancreatitis i.gallstones_imaging || hospital:, base or

bys GLP1_use: summ los
mixed los i.GLP1_use || hospital:

mixed los i.GLP1_use i.gender i.age_cat i.bmi_cat i.cci_cat i.smoking i.alcohol_cat i.prev_pancreatitis i.gallstones_imaging || hospital:

bys GLP1_use: summ crp
mixed crp i.GLP1_use || hospital:

mixed crp i.GLP1_use i.gender i.age_cat i.bmi_cat i.cci_cat i.smoking i.alcohol_cat i.prev_pancreatitis i.gallstones_imaging || hospital:
