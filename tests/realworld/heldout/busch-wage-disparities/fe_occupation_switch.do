* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:febusch/research@33aeb1aefdc971895e3466ecd5c0f64aade5f730 code/2020-wage-disparities-women/scripts/tab_05.do (Table 5 of a study of wage disparities of women after occupational switches in the SOEP, 1992-2015: tsset pid year, four person fixed-effects xtreg ..., fe vce(robust) of log hourly wages on i.year_dyad##i.occ_gender with growing control sets in locals (c.lmexp_ft##c.lmexp_ft, c.age##c.age, year-dyad-by-task interactions), each followed by margins {occ_gender 1 -1 0}@year_dyad {occ_gender 1 0 -1}@year_dyad, contrast, r(table) into a matrix, row-and-column subscripts with a trailing range results[1,`start_2'...]', matrices joined with , and \, and estout matrix(), style(tex) to the screen and to files named by a local)
* author: F. Busch (repository febusch)
* licence: none stated
* data: input/aux/master.dta = soep_occ_switch
cd "PLEASE_PROVIDE/2020-wage-disparities-women"
use "input/aux/master.dta", clear
tsset pid year
	xtreg logwage_cap i.year_dyad##i.occ_gender, fe vce(robust)
	margins {occ_gender 1 -1 0}@year_dyad {occ_gender 1 0 -1}@year_dyad, contrast
	local n_years = 12
	local start_2 = `n_years' + 1
	mat results = r(table)
	mat bmix = results[1,1..`n_years']'
	mat bfem = results[1,`start_2'...]'
	mat pmix = results[4,1..`n_years']'
	mat pfem = results[4,`start_2'...]'
	mat model1 = bmix, bfem
	mat pvalues1 = pmix, pfem
	local edu_skills i.educatt3 c.lmexp_ft##c.lmexp_ft c.tenure
	local work_fam i.overwork1 i.kids5 c.housework c.childcare
	local sector i.ind_short i.fsize_4cat i.public
	local demo i.east i.partsta i.marsta c.age##c.age
	xtreg logwage_cap i.year_dyad##i.occ_gender `edu_skills' `work_fam' `sector' `demo', fe vce(robust)
	margins {occ_gender 1 -1 0}@year_dyad {occ_gender 1 0 -1}@year_dyad, contrast
	local n_years = 12
	local start_2 = `n_years' + 1
	mat results = r(table)
	mat bmix = results[1,1..`n_years']'
	mat bfem = results[1,`start_2'...]'
	mat pmix = results[4,1..`n_years']'
	mat pfem = results[4,`start_2'...]'
	mat model2 = bmix, bfem
	mat pvalues2 = pmix, pfem
	local edu_skills i.educatt3 c.lmexp_ft##c.lmexp_ft c.tenure
	local work_fam i.overwork1 i.kids5 c.housework c.childcare
	local sector i.ind_short i.fsize_4cat i.public
	local demo i.east i.partsta i.marsta c.age##c.age
	local tasks c.verb c.quant c.analyt c.create c.comp c.manage c.care c.routine
	xtreg logwage_cap i.year_dyad##i.occ_gender `edu_skills' `work_fam' `sector' `demo' `tasks', fe vce(robust)
	margins {occ_gender 1 -1 0}@year_dyad {occ_gender 1 0 -1}@year_dyad, contrast
	local n_years = 12
	local start_2 = `n_years' + 1
	mat results = r(table)
	mat bmix = results[1,1..`n_years']'
	mat bfem = results[1,`start_2'...]'
	mat pmix = results[4,1..`n_years']'
	mat pfem = results[4,`start_2'...]'
	mat model3 = bmix, bfem
	mat pvalues3 = pmix, pfem
	local edu_skills i.educatt3 c.lmexp_ft##c.lmexp_ft c.tenure
	local work_fam i.overwork1 i.kids5 c.housework c.childcare
	local sector i.ind_short i.fsize_4cat i.public
	local demo i.east i.partsta i.marsta c.age##c.age
	local tasks c.verb c.quant c.analyt c.create c.comp c.manage c.care c.routine
	local task_years i.year_dyad#c.verb i.year_dyad#c.quant i.year_dyad#c.analyt i.year_dyad#c.create i.year_dyad#c.comp i.year_dyad#c.manage i.year_dyad#c.care i.year_dyad#c.routine
	xtreg logwage_cap i.year_dyad##i.occ_gender  `edu_skills' `work_fam' `sector' `demo' `tasks' `task_years', fe vce(robust)
	margins {occ_gender 1 -1 0}@year_dyad {occ_gender 1 0 -1}@year_dyad, contrast
	local n_years = 12
	local start_2 = `n_years' + 1
	mat results = r(table)
	mat bmix = results[1,1..`n_years']'
	mat bfem = results[1,`start_2'...]'
	mat pmix = results[4,1..`n_years']'
	mat pfem = results[4,`start_2'...]'
	mat model4 = bmix, bfem
	mat pvalues4 = pmix, pfem
	mat b = model1, model2 \ model3, model4
	mat p = pvalues1, pvalues2 \ pvalues3, pvalues4
	estout matrix(b), style(tex)
	local path "output/results_FE_betas.txt"
	estout matrix(b) using `path', style(tex)
	local path "output/results_FE_pvalues.txt"
	estout matrix(p) using `path', style(tex)
