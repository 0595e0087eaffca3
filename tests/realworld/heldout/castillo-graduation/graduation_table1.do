* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:MFCastilloF/Banerjee@9b82402fdde37009c5933af7d014076ac5e0a976 Regression.do (a research assistant's replication of the first table of Banerjee et al. 2015, "A multifaceted program causes lasting progress for the very poor": clear all, pause on, set trace off, use of a path with doubled backslashes, locals holding the vce and the fixed-effect variable, summarize, a matrix of q-values typed as a row literal with commas, reg ... if el1==1, eststo name: areg ... if, absorb(`fe_geo') `ses' with estadd scalar qval = qval_el1[1,#] after each, esttab of five stored models using a .tex file with keep() b(3) se nonotes nomtitles nolines fragment wrap replace label style(tex) stats(qval cmean bmean N, labels()) -- two of the four statistics never added)
* author: MFCastilloF (GitHub user; the paper is Banerjee, Duflo, Goldberg, Karlan, Osei, Parienté, Shapiro, Thuysbaert and Udry)
* licence: none stated
* data: C:\\Users\\user\\Desktop\\project\\Data.dta = graduation_households
clear all 
set more off
pause on
set trace off
use "C:\\Users\\user\\Desktop\\project\\Data.dta", clear
local ses "robust" 
local fe_geo "vil_ham" 
summarize treatment asset_ind_tot_el1 index_ctotal_el1 index_foodsecurity_el1 ind_increv_updated_el1 ind_fin_el1
matrix qval_el1=[0.041, 0.001, 0.001, 0.041, 0.262, 0.028, 0.001, 0.001, 0.248]
reg asset_ind_tot_el1 treatment if el1==1
reg index_ctotal_el1 treatment if el1==1
reg index_foodsecurity_el1 treatment if el1==1
reg ind_increv_updated_el1 treatment if el1==1
reg ind_fin_el1 treatment if el1==1
eststo panel_el1_1: areg asset_ind_tot_el1 treatment if el1==1, absorb(`fe_geo') `ses'
estadd scalar qval = qval_el1[1,1]
eststo panel_el1_2: areg index_ctotal_el1 treatment if el1==1, absorb(`fe_geo') `ses'
estadd scalar qval = qval_el1[1,2]
eststo panel_el1_3: areg index_foodsecurity_el1 treatment if el1==1, absorb(`fe_geo') `ses'
estadd scalar qval = qval_el1[1,3]
eststo panel_el1_4: areg ind_increv_updated_el1 treatment if el1==1, absorb(`fe_geo') `ses'
estadd scalar qval = qval_el1[1,4]
eststo panel_el1_5: areg ind_fin_el1 treatment if el1==1, absorb(`fe_geo') `ses'
estadd scalar qval = qval_el1[1,5]
esttab panel_el1_1 panel_el1_2 panel_el1_3 panel_el1_4 panel_el1_5 using "C:\\Users\\user\\Desktop\\project\\tab_Table1_g.tex", keep(treatment) b(3) se nonotes nomtitles nolines fragment wrap replace label style(tex)  stats(qval cmean bmean N, labels("Label one" "Label two" "Label three" "Observations"))
