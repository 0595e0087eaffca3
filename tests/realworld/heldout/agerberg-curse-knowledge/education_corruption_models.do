* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37359705557 (a public GitHub .do file: the replication code of "The Curse of Knowledge: Education, Corruption, and Politics", Political Behavior 2018 -- ISSP 2014 Citizenship II with country data: set type double, egen rowmax over 34 country income variables, egenmore's egen xtile(), n(3) by(), a foreach of egen std(), factor ..., pcf with rotate, alpha ..., item, regress/logit/poisson/ologit with i.V4 and vce(cluster V4), random-slope mixed/melogit/meologit/meqrpoisson/menbreg/xtmelogit ... || V4: EDUCYRS, cov(unstr) with vce(cluster V4), diff, intmethod(mc) and lap, c.x##c.EDUCYRS cross-level interactions, egen xtile(), by() p(10(10)90), and a generate written with its if before the =; the index does not name the repository)
* author: Mattias Agerberg (file header)
* licence: none stated
* data: PB_dataset2.dta = issp2014_corruption
set type double
set more off
use PB_dataset2.dta, clear
gen ln_gdpc = ln(wdi_gdppcpppcon)
label var ln_gdpc "label"
egen income_raw = rowmax(AT_RINC AU_RINC BE_RINC CH_RINC CL_RINC CZ_RINC DE_RINC DK_RINC ES_RINC FI_RINC FR_RINC GB_RINC GE_RINC HR_RINC HU_RINC IL_RINC IN_RINC IS_RINC JP_RINC KR_RINC LT_RINC NL_RINC NO_RINC PH_RINC PL_RINC RU_RINC SE_RINC SI_RINC SK_RINC TR_RINC TW_RINC US_RINC VE_RINC ZA_RINC)
egen income_3cat=xtile(income_raw), n(3) by(V4)
foreach var in V41 V42 V62 V50 V43_rev V44 V47_rev V25_rev {
egen Z`var' = std(`var')
}
factor ZV41 ZV42 ZV62 ZV50 ZV43_rev ZV44 ZV47_rev ZV25_rev  if(base_sample==1), pcf
rotate
alpha ZV41 ZV42 ZV62 ZV50 if(base_sample==1), item
alpha ZV43_rev ZV47_rev ZV44 ZV25_rev if(base_sample==1), item
gen selfregarding_att = ZV43_rev + ZV47_rev + ZV44 + ZV25_rev
egen Zselfregarding_att = std(selfregarding_att)
label var Zselfregarding_att "label"
gen institutional_att = ZV41 + ZV42 + ZV62 + ZV50
egen Zinstitutional_att = std(institutional_att)
label var Zinstitutional_att "label"
gen noninst_part = V17_01 + V18_01 + V19_01 + V20_01 + V22_01 + V23_01 + V24_01
label var noninst_part "label"
alpha V17_01 V18_01 V19_01 V20_01 V22_01 V23_01 V24_01 if(base_sample==1), item
reg Zselfregarding_att i.V61 c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4  if(base_sample==1), vce(cluster V4)
reg Zselfregarding_att i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4  if(base_sample==1), vce(cluster V4)
mixed Zselfregarding_att c.vdem_pubcorr c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1)  || V4: EDUCYRS, cov(unstr) vce(cluster V4)
mixed Zselfregarding_att c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1)  || V4: EDUCYRS, cov(unstr) vce(cluster V4)
reg Zinstitutional_att i.V61 c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4  if(base_sample==1), vce(cluster V4)
reg Zinstitutional_att i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4  if(base_sample==1), vce(cluster V4)
mixed Zinstitutional_att c.vdem_pubcorr c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1)  || V4: EDUCYRS, cov(unstr) vce(cluster V4)
mixed Zinstitutional_att c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1)  || V4: EDUCYRS, cov(unstr) vce(cluster V4)
logit VOTE i.V61 c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.V4  if(base_sample==1), vce(cluster V4)
logit VOTE i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.V4 if(base_sample==1), vce(cluster V4)
melogit VOTE c.vdem_pubcorr c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married  ln_gdpc vdem_polyarchy  gol_enpp1 i.gol_est i.compulsory if(base_sample==1)  || V4: EDUCYRS, cov(unstr)
melogit VOTE c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married ln_gdpc vdem_polyarchy  gol_enpp1 i.gol_est i.compulsory if(base_sample==1)  || V4: EDUCYRS, cov(unstr) diff
poisson noninst_part i.V61 c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4 if(base_sample==1), vce(cluster V4)
poisson noninst_part i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4 if(base_sample==1), vce(cluster V4)
meqrpoisson noninst_part c.vdem_pubcorr c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy  gol_enpp1 i.gol_est if(base_sample==1) || V4: EDUCYRS, cov(unstr)
meqrpoisson noninst_part c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy  gol_enpp1 i.gol_est if(base_sample==1) || V4: EDUCYRS, cov(unstr) 
ologit V43_rev i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married  i.incumbent_voter i.V4  if(base_sample==1), vce(cluster V4)
meologit V43_rev c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married  i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1) || V4: EDUCYRS, cov(unstr) vce(cluster V4) diff
ologit V44 i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4 if(base_sample==1), vce(cluster V4)
meologit V44 c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter  ln_gdpc vdem_polyarchy  gol_enpp1 i.gol_est if(base_sample==1)  || V4: EDUCYRS, cov(unstr) vce(cluster V4) diff
ologit V47_rev i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4 if(base_sample==1), vce(cluster V4)
meologit V47_rev c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1) || V4: EDUCYRS, vce(cluster V4) cov(unstr)  diff
ologit V25_rev i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married  i.incumbent_voter i.V4  if(base_sample==1), vce(cluster V4)
meologit  V25_rev c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1)  || V4: EDUCYRS, cov(unstr) vce(cluster V4) diff intmethod(mc)
ologit V41 i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married  i.incumbent_voter i.V4  if(base_sample==1), vce(cluster V4)
meologit V41 c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter  ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1)  || V4: EDUCYRS, cov(unstr) vce(cluster V4) diff intmethod(mc)
ologit V42 i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married  i.incumbent_voter i.V4  if(base_sample==1), vce(cluster V4)
meologit V42 c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter  ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1)  || V4: EDUCYRS, cov(unstr) vce(cluster V4) diff intmethod(mc)
reg V62 i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4  if(base_sample==1), vce(cluster V4)
mixed V62 c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1) || V4: EDUCYRS, cov(unstr)  vce(cluster V4)
ologit V50 i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4 if(base_sample==1), vce(cluster V4)
meologit V50 c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter  ln_gdpc vdem_polyarchy  gol_enpp1 i.gol_est if(base_sample==1)  || V4: EDUCYRS, cov(unstr) vce(cluster V4) diff intmethod(mc)
mixed Zselfregarding_att c.ti_cpi_rev##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1)   || V4: EDUCYRS, cov(unstr) vce(cluster V4)
mixed Zinstitutional_att c.ti_cpi_rev##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1)   || V4: EDUCYRS, cov(unstr) vce(cluster V4)
melogit VOTE c.ti_cpi_rev##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married   ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est i.compulsory if(base_sample==1)   || V4: EDUCYRS, cov(unstr) vce(cluster V4)
meqrpoisson noninst_part c.ti_cpi_rev##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1)  || V4: EDUCYRS, cov(unstr) 
reg Zselfregarding_att i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4 , vce(cluster V4)
mixed Zselfregarding_att c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est  || V4: EDUCYRS, cov(unstr) vce(cluster V4)
reg Zinstitutional_att i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4 , vce(cluster V4)
mixed Zinstitutional_att c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est   || V4: EDUCYRS, cov(unstr) vce(cluster V4)
logit VOTE i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.V4, vce(cluster V4)
melogit VOTE c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married   ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est i.compulsory   || V4: EDUCYRS, cov(unstr)
poisson noninst_part i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4 , vce(cluster V4)
meqrpoisson noninst_part c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy  gol_enpp1 i.gol_est  || V4: EDUCYRS, cov(unstr) diff  lap
nbreg noninst_part i.V61##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4 if(base_sample==1), vce(cluster V4)
menbreg noninst_part c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy  gol_enpp1 i.gol_est if(base_sample==1)   || V4: EDUCYRS, cov(unstr) diff
egen AGE_dec = xtile(AGE), by(V4) p(10(10)90)
egen edu_dec_mean = mean(EDUCYRS), by(AGE_dec)
gen relative_edu if(EDUCYRS<30) = EDUCYRS/edu_dec_mean
egen Zrelative_edu = std(relative_edu)
label var Zrelative_edu "label"
reg Zselfregarding_att i.V61##c.Zrelative_edu i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4  if(base_sample==1), vce(cluster V4)
mixed Zselfregarding_att c.vdem_pubcorr##c.Zrelative_edu i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1)  || V4: Zrelative_edu, cov(unstr) vce(cluster V4)
reg Zinstitutional_att i.V61##c.Zrelative_edu i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4  if(base_sample==1), vce(cluster V4)
mixed Zinstitutional_att c.vdem_pubcorr##c.Zrelative_edu i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1)  || V4: Zrelative_edu, cov(unstr) vce(cluster V4)
logit VOTE i.V61##c.Zrelative_edu i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.V4 if(base_sample==1), vce(cluster V4)
melogit VOTE c.vdem_pubcorr##c.Zrelative_edu i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married   ln_gdpc vdem_polyarchy  gol_enpp1 i.gol_est i.compulsory if(base_sample==1)  || V4: Zrelative_edu, cov(unstr)
poisson noninst_part i.V61##c.Zrelative_edu i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter i.V4 if(base_sample==1), vce(cluster V4)
meqrpoisson noninst_part c.vdem_pubcorr##c.Zrelative_edu i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est if(base_sample==1) || V4: Zrelative_edu, cov(unstr) diff
mixed Zselfregarding_att c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est wdi_gini if(base_sample==1)  || V4: EDUCYRS, cov(unstr) vce(cluster V4)
mixed Zinstitutional_att c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est wdi_gini if(base_sample==1)  || V4: EDUCYRS, cov(unstr) vce(cluster V4)
xtmelogit VOTE c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married ln_gdpc vdem_polyarchy  gol_enpp1 i.gol_est i.compulsory wdi_gini if(base_sample==1)  || V4: EDUCYRS, cov(unstr) diff
meqrpoisson noninst_part c.vdem_pubcorr##c.EDUCYRS i.income_3cat AGE age_sq i.SEX i.URBRURAL i.married i.incumbent_voter ln_gdpc vdem_polyarchy gol_enpp1 i.gol_est wdi_gini if(base_sample==1) || V4: EDUCYRS, cov(unstr) diff
