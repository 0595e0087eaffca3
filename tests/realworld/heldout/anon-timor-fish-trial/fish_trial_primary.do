* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 34933279081 (a public GitHub .do file, the primary analysis of a four-arm cluster-randomised trial of fish aggregating devices and behaviour-change communication on household fish consumption in Timor-Leste, villages as clusters, 2022-24: the commented-out merge steps left out, use of the analysis file without clear, arms recoded by gen/replace, comparison groups, log transforms, baseline balance by glm and logit with cluster (village) robust -- a space before the parenthesis --, ranksum with the variable in parentheses, tabulate/codebook/summarize/ci means by arm, random-intercept meglm ... || village: for the log endline fish consumption with baseline and arm, a mediation model with i.arm2#fish_CF, endline binary outcomes by logit with cluster (village) robust, and exploratory models by a district-based grouping; an undefined word left in the file before the exploratory section; the index does not name the repository)
* author: kendr (user folder in the file's paths)
* licence: none stated
* data: Dataset_primaryanalysisV3 = timor_fish_trial
clear
set more off
use Dataset_primaryanalysisV3
gen arm2 = .
replace arm2 = 1 if arm == 4
replace arm2 = 2 if arm == 2
replace arm2 = 3 if arm == 3
replace arm2 = 4 if arm == 1
gen comp1 = 1 if arm2 == 1
replace comp1 = 2 if arm2 == 2
gen comp2 = 1 if arm2 == 1
replace comp2 = 2 if arm2 == 3
gen comp3 = 1 if arm2 == 1
replace comp3 = 2 if arm2 == 4
gen arm3 = .
replace arm3 = 1 if district == 4|district == 2|district == 3
replace arm3 = 2 if district == 1
gen totalfishhhmV2 = log(totalfishhhm)
gen totalfishhhm_elV2 = log(totalfishhhm_el)
glm month_BL arm2
glm month_EL arm2
logit anyfish month_BL i.arm2, cluster (village) robust
glm daysoffishweek_BL arm2
glm daysoffishweek_BL month_BL i.arm2, cluster (village) robust
ranksum (daysoffishweek_BL), by(comp1)
glm totalfishhhmV2 arm2
glm totalfishhhmV2 month_BL i.arm2, cluster (village) robust
logit seafood_MDD_BL month_BL
logit seafood_MDD_BL i.arm2, cluster (village) robust
logit fish_c_BL month_BL
logit fish_c_BL i.arm2, cluster (village) robust
logit mddw_BL i.arm2, cluster (village) robust
logit firstfish i.arm2, cluster (village) robust
glm respage i.arm2, cluster (village) robust
glm HHhead_ed i.arm2, cluster (village) robust
glm sizeofHH i.arm2, cluster (village) robust
glm othersavings i.arm2, cluster (village) robust
logit HHfoodinsecurity month_BL, cluster (village) robust
logit HHfoodinsecurity month_BL i.arm2, cluster (village) robust
glm pca5 month_BL, cluster (village) robust
glm pca5 i.arm2, cluster (village) robust
logit anyVSLA i.arm2, cluster (village) robust
logit agcoop i.arm2, cluster (village) robust
logit othergrp i.arm2, cluster (village) robust
logit othersavings i.arm2, cluster (village) robust
* mlm-expect: r(111)
logit nutgroups i.arm2, cluster (village) robust
ta anyfish if arm2 == 1
ta anyfish if arm2 == 2
ta anyfish if arm2 == 3
ta anyfish if arm2 == 4
codebook daysoffishweek_BL if arm2 == 1
codebook daysoffishweek_BL if arm2 == 2
codebook daysoffishweek_BL if arm2 == 3
codebook daysoffishweek_BL if arm2 == 4
sum totalfishhhm  if arm2 == 1
sum totalfishhhm  if arm2 == 2
sum totalfishhhm  if arm2 == 3
sum totalfishhhm  if arm2 == 4
ci means totalfishhhmV2 if arm2 == 1
ci means totalfishhhmV2 if arm2 == 2
ci means totalfishhhmV2 if arm2 == 3
ci means totalfishhhmV2 if arm2 == 4
ta seafood_MDD_BL  if arm2 == 1
ta seafood_MDD_BL  if arm2 == 2
ta seafood_MDD_BL  if arm2 == 3
ta seafood_MDD_BL  if arm2 == 4
ta fish_c_BL  if arm2 == 1
ta fish_c_BL  if arm2 == 2
ta fish_c_BL  if arm2 == 3
ta fish_c_BL  if arm2 == 4
ta mddw_BL  if arm2 == 1
ta mddw_BL  if arm2 == 2
ta mddw_BL  if arm2 == 3
ta mddw_BL  if arm2 == 4
ta firstfish  if arm2 == 1
ta firstfish  if arm2 == 2
ta firstfish  if arm2 == 3
ta firstfish  if arm2 == 4
sum respage  if arm2 == 1
sum respage  if arm2 == 2
sum respage  if arm2 == 3
sum respage  if arm2 == 4
ta HHhead_ed  if arm2 == 1
ta HHhead_ed  if arm2 == 2
ta HHhead_ed  if arm2 == 3
ta HHhead_ed  if arm2 == 4
sum sizeofHH  if arm2 == 1
sum sizeofHH  if arm2 == 2
sum sizeofHH  if arm2 == 3
sum sizeofHH  if arm2 == 4
ta childU5  if arm2 == 1
ta childU5  if arm2 == 2
ta childU5  if arm2 == 3
ta childU5  if arm2 == 4
ta HHfoodinsecurity  if arm2 == 1
ta HHfoodinsecurity  if arm2 == 2
ta HHfoodinsecurity  if arm2 == 3
ta HHfoodinsecurity  if arm2 == 4
sum pca5  if arm2 == 1
sum pca5  if arm2 == 2
sum pca5  if arm2 == 3
sum pca5  if arm2 == 4
ta anyVSLA  if arm2 == 1
ta anyVSLA  if arm2 == 2
ta anyVSLA  if arm2 == 3
ta anyVSLA  if arm2 == 4
ta nutgroup  if arm2 == 1
ta nutgroup  if arm2 == 2
ta nutgroup  if arm2 == 3
ta nutgroup  if arm2 == 4
ta othergrp  if arm2 == 1
ta othergrp  if arm2 == 2
ta othergrp  if arm2 == 3
ta othergrp  if arm2 == 4
ta agcoop  if arm2 == 1
ta agcoop  if arm2 == 2
ta agcoop  if arm2 == 3
ta agcoop  if arm2 == 4
ta othersavings  if arm2 == 1
ta othersavings  if arm2 == 2
ta othersavings  if arm2 == 3
ta othersavings  if arm2 == 4
ta anyfish_EL if arm2 == 1
ta anyfish_EL if arm2 == 2
ta anyfish_EL if arm2 == 3
ta anyfish_EL if arm2 == 4
sum totalfishhhm_el if arm2 == 1
sum totalfishhhm_el if arm2 == 2
sum totalfishhhm_el if arm2 == 3
sum totalfishhhm_el if arm2 == 4
sum totalfishhhm_elV2 if arm2 == 1
sum totalfishhhm_elV2 if arm2 == 2
sum totalfishhhm_elV2 if arm2 == 3
sum totalfishhhm_elV2 if arm2 == 4
ci means totalfishhhm_elV2 if arm2 == 1
ci means totalfishhhm_elV2 if arm2 == 2
ci means totalfishhhm_elV2 if arm2 == 3
ci means totalfishhhm_elV2 if arm2 == 4
ci means totalfishhhm_el if arm2 == 1
ci means totalfishhhm_el if arm2 == 2
ci means totalfishhhm_el if arm2 == 3
ci means totalfishhhm_el if arm2 == 4
glm totalfishhhm_elV2 month_EL
meglm totalfishhhm_elV2 totalfishhhmV2 pca5 i.arm2 || village:
logit anyfish month_EL
logit mddw_EL month_EL
ta mddw_EL if month_EL == 6
ta mddw_EL if month_EL == 7
ta mddw_EL if month_EL == 8
logit mddw_EL i.arm2 mddw_BL month_EL pca5, cluster (village) robust
logit anyfish_EL i.arm2 anyfish month_EL pca5, cluster (village) robust
replace g_household_cookinghh_fresh_fish = . if g_household_cookinghh_fresh_fish == 98
replace g_household_cookinghh_fresh_fish = 0 if g_household_cookinghh_fresh_fish == 2
logit g_household_cookinghh_fresh_fish i.arm2 pca5 month_EL, cluster (village) robust
meglm totalfishhhm_elV2 i.arm2#fish_CF pca5 || village:
logit seafood_MDD month_EL
logit seafood_MDD i.arm2 pca5, cluster (village) robust
logit fish_c_EL month_EL
logit fish_c_EL i.arm2 pca5, cluster (village) robust
logit seafood_MDD i.arm2 seafood_MDD_BL pca5, cluster (village) robust
logit fish_CF i.arm2 pca5, cluster (village) robust
ta seafood_MDD  if arm2 == 1
ta seafood_MDD  if arm2 == 2
ta seafood_MDD  if arm2 == 3
ta seafood_MDD  if arm2 == 4
ta fish_c_EL  if arm2 == 1
ta fish_c_EL  if arm2 == 2
ta fish_c_EL  if arm2 == 3
ta fish_c_EL  if arm2 == 4
sum daysoffishweek if arm2 == 1
sum daysoffishweek if arm2 == 2
sum daysoffishweek if arm2 == 3
sum daysoffishweek if arm2 == 4
logit anyfish_EL i.arm2 anyfish month_EL pca5, cluster (village) robust
logit anyfish_EL i.district
ta anyfish_EL district
* mlm-expect: r(199)
nonsense
ci means totalfishhhm_elV2 if arm3 == 1
ci means totalfishhhm_elV2 if arm3 == 2
logit anyfish_EL arm3 anyfish month_EL pca5, cluster (village) robust
meglm totalfishhhm_elV2 totalfishhhmV2 pca5 i.arm3 || village:
meglm totalfishhhm_elV2 totalfishhhmV2 pca5 arm3 || village:
logit seafood_MDD arm3 pca5, cluster (village) robust
ta seafood_MDD if arm3 == 1
ta seafood_MDD if arm3 == 2
