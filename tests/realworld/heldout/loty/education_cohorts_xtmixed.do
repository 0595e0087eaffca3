* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37723813958 (a public GitHub .do file of a doctoral thesis on educational attainment by birth cohort in Cameroon, 2011 DHS household members: a merge 1:1 on three keys with keepusing(), table ..., contents(freq mean sd) row, indicator and recode blocks combining men's and women's answers, bysort ...: egen mean() group means and bysort ...: tab, then xtmixed models of years of schooling on decennial cohorts in locality types (null, fixed slope, random slope with covariance(unstructured) mle variance), predict reffects and fitted, egen tag(), twoway connected and line of predicted trajectories, estat recov, corr, predict u1 u0, reffects with a scatter of the two BLUPs, twoway function of the between-group variance, socio-economic, residence and region covariates, standardized residuals with rank-based normal scores, histogram and qnorm; the index does not name the repository)
* author: Pierre Jean-Daniel Loty (file header), PhD student, IFORD, 2023
* licence: none stated
* data: EDS CMR 2011 INDIV MEN P1.dta = dhs_cmr_members
* data: INDIVIDUS_MERGE.dta = dhs_cmr_individual
use "EDS CMR 2011 INDIV MEN P1.dta", clear
merge 1:1  hv001 hv002 hvidx using "INDIVIDUS_MERGE.dta", keepusing(age1stbirth)
table gpeage, contents(freq mean edu sd edu) row
generate tpauvres = ICNV_abs==0
generate pauvres = ICNV_abs==1
generate riches = ICNV_abs==3
generate triches = ICNV_abs==4
gen ssp = v717
recode ssp (0 4=1) (8 3 5 9 6=2) (2 7 =3) (1=4)
gen ssp_male = mv717
recode ssp_male (0 4=1) (8 3 5 9 6=2) (2 7 =3) (1=4)
generate ssp_male1 = ssp_male==1
generate ssp_male2 = ssp_male==2
generate ssp_male3 = ssp_male==3
generate ssp_male4 = ssp_male==4
gen ssp_malefem1 = ssp1
replace ssp_malefem1 = ssp_male1 if  ssp_male1==1
gen ssp_malefem2 = ssp2
replace ssp_malefem2 = ssp_male2 if  ssp_male2==1
gen ssp_malefem3 = ssp3
replace ssp_malefem3 = ssp_male3 if  ssp_male3==1
gen ssp_malefem4 = ssp4
replace ssp_malefem4 = ssp_male4 if  ssp_male4==1
gen  ssp_malefem5 = 0
replace ssp_malefem5 =1 if  mv717==. & v717==.
drop ssp_malefem
gen ssp_malefem = ssp
replace ssp_malefem = ssp_male if ssp==. & ssp_male != .
recode ssp_malefem (.=5)
gen religion = v130
recode religion (1 2 5 96=1) (3 4 7=2)
gen religion1 = religion==1
gen religion2 = religion==2
gen religion_malefem1 = religion1
replace religion_malefem1 = religion_male1 if  religion_male1==1
gen religion_malefem2 = religion2
replace religion_malefem2 = religion_male2 if  religion_male2==1
gen  religion_malefem3 = 0
replace religion_malefem3 =1 if  mv130==. & v130==.
drop religion
drop religion_male
drop religion_malefem
gen religion = v130
gen religion_male = mv130
gen religion_malefem = religion
replace religion_malefem = religion_male if religion==. & religion_male != .
recode religion_malefem (1 2 5=1) (3=0) (4=2) (7 96=3) (.=4)
gen religion_malefem_m = religion_malefem
recode religion_malefem_m (4=.)
drop pariteaR
gen pariteaR = paritea
recode pariteaR (0=0) (1/4=1) (5/15=2) (.=3)
bysort region_merged3 milres ICNV_abs sex: egen paritemoy = mean(pariteaR)
reg edu pariteaR1 pariteaR3
drop age1naiss
gen age1naiss = age1stbirth
recode age1naiss (12/14=0) (15/18=1) (19/30=2) (31/39=3)
recode age1naiss (.=4) if taille_menR ==1
recode age1naiss (.=5) if taille_menR==0
bysort region_merged3 milres ICNV_abs sex: egen agemoy1naiss = mean(age1stbirth)
drop taille_menR
gen taille_menR = taille_men
recode taille_menR (1/7=1) (8/43=0)
reg edu taille_menR
drop statutmatR
gen statutmatR = statutmat
recode statutmatR (0=1) (1=0) (4=2) (3=3)
bysort region_merged3 milres ICNV_abs sex: egen tauxnuptialite = mean(statutmatR)
table statutmatR, contents(freq mean edu sd edu) row
reg edu statutmatR1 statutmatR3
bysort ICNV_abs3 region_merged2 milres femme cohortes_dec : egen  moyedu_sseregionmrsexecohortes = mean(edu)
bysort ICNV_abs3 region_merged2 milres femme: tab  cohortes_dec  moyedu_sseregionmrsexecohortes
xtmixed edu ||  newgse3:, mle variance
xtmixed edu cohortes_dec || newgse3:, mle variance
predict u0, reffects
* mlm-expect: r(111)
bysort femme egen u0_femme = mean(u0)
predict predscore, fitted
egen pickone = tag(newgse3 cohortes_dec)
sort newgse3 cohortes_dec
twoway connected predscore cohortes_dec if pickone==1, connect(ascending)
xtmixed edu cohortes_dec ||  newgse3: cohortes_dec, covariance(unstructured) mle variance
display invchi2tail(2, 0.01)
estat recov, corr
* mlm-expect: r(110)
predict u1 u0, reffects
bysort region_merged2 milres richesse sex: tab u0 u1
* mlm-expect: r(110)
egen pickone = tag(newgse3)
scatter u1 u0 if pickone==1, yline(0) xline(0) ytitle("y axis") xtitle("x axis")
xtmixed edu cohortes_dec ||  newgse3: cohortes_dec, covariance(unstructured) mle variance
* mlm-expect: r(110)
predict predscore, fitted
egen multiplecohorts = tag(newgse3 cohortes_dec)
bysort newgse3 (cohortes_dec): replace multiplecohorts = 0 if cohortes_dec[_N]==cohortes_dec[1]
twoway line predscore cohortes_dec if multiplecohorts==1, connect(ascending)
twoway function 4.556 + 0.294*x + 0.044*x^2, range(0 6)
xtmixed edu cohortes_dec  i.wealth3cat1 ||  newgse3: cohortes_dec, covariance(unstructured) mle variance
xtmixed edu cohortes_dec   PauvresMoyens PlusRiches ||  newgse3: cohortes_dec, covariance(unstructured) mle variance
bysort  milre_gpe1 cohortes_dec : egen  moyedu_milrescohortes = mean(edu)
xtmixed edu cohortes_dec PauvresMoyens PlusRiches milre_gpe1 ||  newgse3: cohortes_dec, covariance(unstructured) mle variance
bysort wealth3cat1 region_merged2 cohortes_dec : egen  moyedu_sseregioncohortes = mean(edu)
bysort wealth3cat1  region_merged2: tab  cohortes_dec  moyedu_sseregioncohortes
xtmixed edu cohortes_dec PauvresMoyens PlusRiches milre_gpe1  septentrional metropoles ||  newgse3: cohortes_dec, covariance(unstructured) mle variance
xtmixed edu cohortes_dec PauvresMoyens PlusRiches milre_gpe1  septentrional metropoles femme ||  newgse3: cohortes_dec, covariance(unstructured) mle variance
xtmixed edu cohortes_dec PauvresMoyens PlusRiches milre_gpe1  septentrional metropoles femme||  newgse3: cohortes_dec, covariance(unstructured) mle variance
drop estd estdrank estduniform estdnscore predscore resid resid_std
predict estd, rstandard
egen estdrank = rank(estd)
generate estduniform = estdrank/(_N + 1)
* mlm-expect: r(133)
generate estdnscore = invnorm(estduniform)
* mlm-expect: r(111)
scatter estd estdnscore
histogram estd, frequency
predict predscore
scatter estd predscore
predict resid, residuals
predict resid_std, rstandard
qnorm resid_std
xtmixed edu ||  newgse3:, mle variance
xtmixed edu cohortes_dec i.ICNV_abs milre_gpe1 i.region_merged3 femme ||  newgse3: cohortes_dec, covariance(unstructured) mle variance
xtmixed edu cohortes_dec i.ICNV_abs milre_gpe1 i.region_merged3 femme i.ssp_malefem i.religion_malefem i.pariteaR i.age1naiss i.statutmatR i.taille_menR ||  newgse3: cohortes_dec, covariance(unstructured) mle variance
drop u1 u0
xtmixed edu cohortes_dec ||  newgse3: cohortes_dec, mle variance
predict u1 u0, reffects
drop moy_u1 moy_u0
bysort region_merged3 milres sex: egen moy_u1 = mean(u1)
bysort region_merged3 milres sex: egen moy_u0 = mean(u0)
* mlm-expect: r(111)
drop u0_sex u1_sex
* mlm-expect: r(110)
bysort sex: egen u0_sex = mean(u0)
bysort sex: egen u1_sex = mean(u1)
bysort sex cohortes_dec : egen  moyedu_sexecohortes = mean(edu)
bysort sex: tab  cohortes_dec  moyedu_sexecohortes
