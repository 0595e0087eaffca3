* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 27049279094 (a public GitHub .do file of a University of Nottingham primary-care records study of structured medication reviews in people over 65, its checks of the linear regression of the change in the number of medicines after a review: frames reset, use of the prepared analysis file, keep if/drop if of the eligible reviewed patients, count, keep of a varlist with age* and region* wildcards, label list, misstable sum, drop if of those on no medicines and keep if within three standard deviations of the mean from sum ..., d and r(mean) r(sd), scatter; fvset base for six factors, regress with vce(cluster pracid), rvfplot, yline(0), predict ..., rstudent and scatter, ologit of the change with no covariates, histogram ..., by(), bys: regress, two nested foreach loops over varlists with di and an if-guarded regress of each pairwise interaction i.`VAR1'##i.`VAR2', anova, and two random-intercept meglm fits over practices and practices with regions nested inside; the index does not name the repository)
* author: R Joseph, University of Nottingham (file header), 2023
* licence: none stated
* data: data/prepared/over65s/over65s_prepared_dataset_Q2.dta = medreview_over65s_q2
frames reset
use data/prepared/over65s/over65s_prepared_dataset_Q2.dta, clear
keep if elig1==1 & analysis==1 & counttype==1
drop if sex==.
drop if medreview!=1
count
keep patid pracid before elig1 medreview dif age* sex region* townsend ethnicity blpoly cot staffrole 
label list
misstable sum
drop if before==0
sum dif,d
keep if (dif >= r(mean) - 3*r(sd)) & (dif <= r(mean) + 3*r(sd)) 		
sum dif,d
count
scatter dif ageatindex
fvset base 2 region
fvset base 5 ethnicity
fvset base 2 staffrole
fvset base 1 cot
fvset base 5 agecat
fvset base 3 blpoly	
regress dif, vce(cluster pracid)
regress dif i.agecat i.sex
rvfplot, yline(0)
predict r, rstudent
scatter r dif
regress dif i.agecat i.sex i.blpoly, vce(cluster pracid) 
regress dif i.agecat i.sex i.blpoly i.region i.cot i.staffrole, vce(cluster pracid) 
regress dif i.agecat i.sex i.blpoly i.region i.cot i.staffrole i.townsend, vce(cluster pracid)
rvfplot, yline(0)
ologit dif
histogram dif, by(blpoly)
bys agecat: regress dif i.blpoly
bys sex: regress dif i.blpoly
bys sex: regress dif i.agecat
foreach VAR1 of varlist agecat sex ethnicity townsend {
	foreach VAR2 of varlist agecat sex ethnicity townsend staffrole cot blpoly region_country {
		di "`VAR1' vs `VAR2'"
		if "`VAR1'"!="`VAR2'"   regress dif i.`VAR1'##i.`VAR2'
	}
}
foreach VAR1 of varlist staffrole cot blpoly region2 {
	foreach VAR2 of varlist agecat sex ethnicity townsend staffrole cot blpoly region_country {
		di "`VAR1' vs `VAR2'"
		if "`VAR1'"!="`VAR2'"   regress dif i.`VAR1'##i.`VAR2'
	}
}
regress dif i.sex i.agecat
anova dif i.sex i.agecat
histogram dif, by(agecat)
histogram dif, by(sex)
histogram dif, by(ethnicity)
histogram dif, by(townsend)
histogram dif, by(blpoly)
histogram dif, by(region)
histogram dif, by(region2)
histogram dif, by(cot)
histogram dif, by(staffrole)
regress dif i.agecat i.sex i.blpoly i.region i.cot i.staffrole i.townsend
regress dif i.agecat i.sex i.blpoly i.region i.cot i.staffrole i.townsend, vce(cluster pracid)
regress dif i.sex
regress dif i.sex, vce(cluster pracid)
meglm dif i.sex || pracid:
meglm dif i.sex || pracid: || region_country:
