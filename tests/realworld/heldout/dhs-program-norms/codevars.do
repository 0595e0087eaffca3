* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:DHSProgram/DHS-Analysis-Code@2275cd4a07d1782df52792ecccda895c1cff78b7 AS82_community_norms/codevars.do (the DHS Program's code for Analytical Study 82, collective fertility and gender norms and modern contraceptive use in Nigeria 2018, Nepal 2016 and Zambia 2018: for each women's (IR) and men's (MR) file in a foreach over a global list, cap label define, local cn=substr(), the outcome by comparison, recode ... (# #=# "text") ..., gen() with value labels, keep if/drop if, cluster means by bys v001: egen mean() for the "collective norm" of the women or men of a cluster and of its younger and older members, cap gen/cap replace of media exposure, capture recode, mvdecode ..., mv(9), the SWPER empowerment scores -- recode with unparenthesized rules (recode v744a 0=1 1=-1 8=0, gen()), label value (varlist) lblname, clonevar, an if "`c'"=="..." { } block per survey with gen of a long linear score and la var --, keep of ranges (v000-v025 modfp-swpdec collect_*) and save; then the men's cluster means collapsed by cluster into the women's files with merge m:1 ..., keepusing(), the women's collapsed likewise, and append of the two with lab var; the file's global lists and paths come from !Norms_main.do, here mlm-added; its hotdeck imputation of the age at first birth (SSC hotdeck, which writes imp1.dta) is replaced by an mlm-added block writing the same file without imputing, and the do-file it runs for the multilevel weights (multilev.do) is not shipped)
* author: Shireen Assaf and Sara Riese (The DHS Program, ICF; named in the file)
* licence: MIT (repository LICENSE, The DHS Program)
* data: NGIR7BFL.dta = dhs_norms_women
* data: NPIR7HFL.dta = dhs_norms_women
* data: ZMIR71FL.dta = dhs_norms_women
* data: NGMR7AFL.dta = dhs_norms_men
* data: NPMR7HFL.dta = dhs_norms_men
* data: ZMMR71FL.dta = dhs_norms_men
* mlm-added: !Norms_main.do's lists of the surveys' women's and men's files
global irdata "NGIR7BFL NPIR7HFL ZMIR71FL"
* mlm-added:
global mrdata "NGMR7AFL NPMR7HFL ZMMR71FL"
* mlm-added: !Norms_main.do's user id and folders
global user 53348
* mlm-added:
global Datafilepath "C:/Users/$user/ICF/Analysis - Shared Resources/Data/DHSdata"
* mlm-added:
global Codedfilepath "C:\Users\\$user\ICF\Analysis - Norms and FP documents\Data"
foreach c in $irdata {
use "$Datafilepath/`c'.dta", clear
cap label define yesno 0 "no" 1 "yes" 
local cn=substr("`c'",1,2)
gen modfp = v313==3
label var modfp "Label"
recode v502 (0=1 "a") (1=2 "b") (2=3 "c") (8 9 =.), gen(mstatus)
keep if mstatus==2
drop if v213==1 
gen female=1
gen male=0
recode v013 (1 2 =1 "a")(3 4 =2 "b")(5/7 =3 "c"),g(age_cat)
recode v013 (1 2 3 = 1 "a") (4 5 6 7 = 0 "b"), g(wyoung)
label var wyoung "Label"
recode v013 (1 2 3 = 0 "a") (4 5 6 7 = 1 "b"), g(wolder)
label var wolder "Label"
recode v106 (0 = 1 "a") (1 = 2 "b") (2/3 =3 "c"),g(wedu)
gen ceb = v201
recode v201 (0 = 0 "a") (1 2 = 1 "b") (3 4 = 2 "c") (5/max =3 "d"), g(ceb_cat)
lab var ceb "Label"	
bys v001: egen collect_ceb=mean(v201)
label var collect_ceb "Label"
cap gen fp_messages = 1
cap replace fp_messages =0 if (v384a!=1 & v384b!=1 & v384c!=1 &v384d!=1)
cap label var fp_messages "Label"
recode v613 (95/99=. ), gen(wideal) 
recode wideal (0=0 "a") (1/3 = 1 "b") (4/6 = 2 "c") (7/9 = 3 "d") (10/max = 4 "e"), gen(wideal_cat)
label var wideal "Label"
bys v001: egen collect_wideal=mean(wideal)
label var collect_wideal "Label"
gen wyoungideal=wideal
replace wyoungideal=. if wolder==1
bys v001: egen collect_wyoungideal=mean(wyoungideal)
label var collect_wyoungideal "Label"
gen wolderideal=wideal
replace wolderideal=. if wyoung==1
bys v001: egen collect_wolderideal=mean(wolderideal)
label var collect_wolderideal "Label"
recode v605 (1=1 "a") (2/4=0 "b") (5/6=0) (7=.), gen(desire)
label var desire "Label"
capture recode v632 (1=1 "a") (3=1) (2=0 "b") (6=0), gen(fp_decision)
replace fp_decision = . if (v502!=1 | v213!=0 | v312==0)
lab var fp_decision "Label"
capture recode v632a (1=1 "a") (3=1) (2=0 "b") (6=0), gen(nofp_decision)
lab var nofp_decision "Label"
gen decision=1
replace decision=0 if fp_decision==0 | nofp_decision==0 
lab var decision "Label"
lab define decision 0 "a" 1 "b"
lab val decision decision
bys v001: egen collect_decision=mean(decision)
label var collect_decision "Label"
gen wyoungdecision=decision
replace wyoungdecision=. if wolder==1
bys v001: egen collect_wyoungdecision=mean(wyoungdecision)
label var collect_wyoungdecision "Label"
gen wolderdecision=decision
replace wolderdecision=. if wyoung==1
bys v001: egen collect_wolderdecision=mean(wolderdecision)
label var collect_wolderdecision "Label"
recode v025 (2=0 "a") (1=1 "b"), gen(urbrur)
bys v001: egen collect_urbrur=mean(urbrur)
label val collect_urbrur urbrur
la var collect_urbrur "Label"
gen strata=v022
label values strata V022
gen union = inlist(v501,1,2)
  	  lab var union "Label"
  	  lab val union yn
mvdecode v744a v744b v744c v744d v744e v743a v743b v743d v157, mv(9)
mvdecode v133 v715 v730, mv(99)
recode v744a 0=1 1=-1 8=0, gen(beat1)
recode v744b 0=1 1=-1 8=0, gen(beat2)
recode v744c 0=1 1=-1 8=0, gen(beat3)
recode v744d 0=1 1=-1 8=0, gen(beat4)
recode v744e 0=1 1=-1 8=0, gen(beat5)
label define beat -1 "a" 0 "b" 1 "c"
label value (beat1 beat2 beat3 beat4 beat5) beat
recode v743a 4/7=-1 2/3=1 8/max=., gen(decide1a)
recode v743b 4/7=-1 2/3=1 8/max=., gen(decide2a)
recode v743d 4/7=-1 2/3=1 8/max=., gen(decide3a)
label define decide1 -1 "a" 1 "b" 
label value (decide1a decide2a decide3a) decide1
recode v133 98=., gen(educ)
recode v157 3=2, gen(read) 
clonevar age1cohab=v511
	recode age1cohab 33/max=33, gen (age1)
* mlm-added: stands in for the SSC hotdeck v212, store by(age1) keep(caseid) imp(1), which saves imp1.dta (caseid, age1 and v212 imputed within age1); here v212 as it is
	preserve
* mlm-added:
	keep caseid age1 v212
* mlm-added:
	save "imp1.dta", replace
* mlm-added:
	restore
	sort age1 v212
	preserve
	use "imp1.dta", clear
	rename v212 v212_i
	drop age1
	save, replace
	restore
	cap drop _merge
	merge 1:1 caseid using "imp1.dta"
	erase "imp1.dta"
	clonevar age1birth=v212_i
recode v715 98=., gen(husb_educ)
gen educ_diff= educ - husb_educ 
recode v730 98=., gen(husb_age)
gen age_diff = v012 - husb_age 
if "`c'"=="NGIR7BFL" {
gen swpatt=((-1.202)+(0.508*beat1)+(0.508*beat2)+(0.526*beat3)+(0.538*beat4)+(0.588*beat5)+(0.083*read)+(0.016*educ)+(-0.006*age1cohab)+(-0.010*age1birth)+(0.001*age_diff)+(0.002*educ_diff)+(0.001*decide1a)+(-0.017*decide2a)+(-0.002*decide3a)-(-0.601))/2.030
gen swpsoc=((-5.661)+(-0.012*beat1)+(-0.026*beat2)+(0.001*beat3)+(0.001*beat4)+(-0.015*beat5)+(0.422*read)+(0.081*educ)+(0.133*age1cohab)+(0.139*age1birth)+(0.031*age_diff)+(0.054*educ_diff)+(-0.004*decide1a)+(-0.022*decide2a)+(-0.034*decide3a)-(-0.683))/1.346
gen swpdec=((-0.168)+(-0.003*beat1)+(-0.040*beat2)+(0.007*beat3)+(0.028*beat4)+(-0.020*beat5)+(0.121*read)+(0.022*educ)+(-0.012*age1cohab)+(-0.016*age1birth)+(0.013*age_diff)+(0.001*educ_diff)+(0.599*decide1a)+(0.601*decide2a)+(0.619*decide3a)-(-0.913))/1.562
la var swpatt "Label"
la var swpsoc "Label"
la var swpdec "Label"
}
if "`c'"=="NPIR7HFL" {
gen swpatt=((-1.202)+(0.508*beat1)+(0.508*beat2)+(0.526*beat3)+(0.538*beat4)+(0.588*beat5)+(0.083*read)+(0.016*educ)+(-0.006*age1cohab)+(-0.010*age1birth)+(0.001*age_diff)+(0.002*educ_diff)+(0.001*decide1a)+(-0.017*decide2a)+(-0.002*decide3a)-(-0.138))/1.804
gen swpsoc=((-5.661)+(-0.012*beat1)+(-0.026*beat2)+(0.001*beat3)+(0.001*beat4)+(-0.015*beat5)+(0.422*read)+(0.081*educ)+(0.133*age1cohab)+(0.139*age1birth)+(0.031*age_diff)+(0.054*educ_diff)+(-0.004*decide1a)+(-0.022*decide2a)+(-0.034*decide3a)-(-0.121))/1.452
gen swpdec=((-0.168)+(-0.003*beat1)+(-0.040*beat2)+(0.007*beat3)+(0.028*beat4)+(-0.020*beat5)+(0.121*read)+(0.022*educ)+(-0.012*age1cohab)+(-0.016*age1birth)+(0.013*age_diff)+(0.001*educ_diff)+(0.599*decide1a)+(0.601*decide2a)+(0.619*decide3a)-(-0.097))/1.546
la var swpatt "Label"
la var swpsoc "Label"
la var swpdec "Label"
}
if "`c'"=="ZMIR71FL" {
gen swpatt=((-1.202)+(0.508*beat1)+(0.508*beat2)+(0.526*beat3)+(0.538*beat4)+(0.588*beat5)+(0.083*read)+(0.016*educ)+(-0.006*age1cohab)+(-0.010*age1birth)+(0.001*age_diff)+(0.002*educ_diff)+(0.001*decide1a)+(-0.017*decide2a)+(-0.002*decide3a)-(0.094))/1.745
gen swpsoc=((-5.661)+(-0.012*beat1)+(-0.026*beat2)+(0.001*beat3)+(0.001*beat4)+(-0.015*beat5)+(0.422*read)+(0.081*educ)+(0.133*age1cohab)+(0.139*age1birth)+(0.031*age_diff)+(0.054*educ_diff)+(-0.004*decide1a)+(-0.022*decide2a)+(-0.034*decide3a)-(-0.142))/1.350
gen swpdec=((-0.168)+(-0.003*beat1)+(-0.040*beat2)+(0.007*beat3)+(0.028*beat4)+(-0.020*beat5)+(0.121*read)+(0.022*educ)+(-0.012*age1cohab)+(-0.016*age1birth)+(0.013*age_diff)+(0.001*educ_diff)+(0.599*decide1a)+(0.601*decide2a)+(0.619*decide3a)-(0.246))/1.283
la var swpatt "Label"
la var swpsoc "Label"
la var swpdec "Label"
}
bys v001: egen collect_swpatt=mean(swpatt)
la var collect_swpatt "Label"
gen wyoungswpatt=swpatt
replace wyoungswpatt=. if wolder==1
bys v001: egen collect_wyoungswpatt=mean(wyoungswpatt)
la var collect_wyoungswpatt "Label"
gen wolderswpatt=swpatt
replace wolderswpatt=. if wyoung==1
bys v001: egen collect_wolderswpatt=mean(wolderswpatt)
la var collect_wolderswpatt "Label"
bys v001: egen collect_swpsoc=mean(swpsoc)
la var collect_swpsoc "Label"
gen wyoungswpsoc=swpsoc
replace wyoungswpsoc=. if wolder==1
bys v001: egen collect_wyoungswpsoc=mean(wyoungswpsoc)
la var collect_wyoungswpsoc "Label"
gen wolderswpsoc=swpsoc
replace wolderswpsoc=. if wyoung==1
bys v001: egen collect_wolderswpsoc=mean(wolderswpsoc)
la var collect_wolderswpsoc "Label"
bys v001: egen collect_swpdec=mean(swpdec)
la var collect_swpdec "Label"
gen wyoungswpdec=swpdec
replace wyoungswpdec=. if wolder==1
bys v001: egen collect_wyoungswpdec=mean(wyoungswpdec)
la var collect_wyoungswpdec "Label"
gen wolderswpdec=swpdec
replace wolderswpdec=. if wyoung==1
bys v001: egen collect_wolderswpdec=mean(wolderswpdec)
la var collect_wolderswpdec "Label"
recode v467d (2=0 "a") (1=1 "b"), gen(distance)
bys v001: egen mean_distance=mean(distance)
gen collect_distance = 1 if mean_distance>=.5
replace collect_distance =0 if mean_distance<.5
la def fac_dist 0 "a" 1 "b"
la value collect_distance fac_dist
la var collect_distance "Label"
keep v000-v025 v190 v213 modfp-swpdec collect_*
gen cluster=v001
save "$Codedfilepath//`cn'IRcoded.dta", replace
} 
foreach c in $mrdata {
use "$Datafilepath/`c'.dta", clear
cap label define yesno 0 "no" 1 "yes" 
local cn=substr("`c'",1,2)
gen modfp = mv313==3
label var modfp "Label"
recode mv502 (0=1 "a") (1=2 "b") (2=3 "c") (8 9 =.), gen(mstatus)
keep if mstatus==2
drop if mv213==1
gen male=1
gen female=0
recode mv013 (1 2 =1 "a")(3 4 =2 "b")(5/7 =3 "c")(8 =4 "d"),g(mage_cat)
summarize mv012, meanonly
gen centered_mage = mv012 - r(mean)
label var centered_mage "Label"
recode mv013 (1 2 3 4= 1 "a") (5 6 7 8 9 = 0 "b"), g(myoung)
label var myoung "Label"
recode mv013 (1 2 3 4 = 0 "a") (5 6 7 8 9 = 1 "b"), g(molder)
label var molder "Label"
recode mv106 (0 = 1 "a") (1 = 2 "b") (2/3 =3 "c"),g(medu)
la var medu "Label"
gen ceb = mv201
recode mv201 (0 = 0 "a") (1 2 = 1 "b") (3 4 = 2 "c") (5/max =3 "d"), g(ceb_cat)
lab var ceb "Label"
bys mv001: egen collect_ceb=mean(mv201)
label var collect_ceb "Label"
cap gen fp_messages = 1
cap replace fp_messages = 0 if (mv384a!=1 & mv384b!=1 & mv384c!=1 & mv384d!=1)
cap label var fp_messages "Label"
recode mv613 (95/99=. ), gen(mideal)
recode mideal (0=0 "a") (1/3 = 1 "b") (4/6 = 2 "c") (7/9 = 3 "d") (10/max = 4 "e"), gen(mideal_cat)
label var mideal "Label"
bys mv001: egen collect_mideal=mean(mideal)
label var collect_mideal "Label"
gen myoungideal=mideal
replace myoungideal=. if molder==1
bys mv001: egen collect_myoungideal=mean(myoungideal)
label var collect_myoungideal "Label"
gen molderideal=mideal
replace molderideal=. if myoung==1
bys mv001: egen collect_molderideal=mean(molderideal)
label var collect_molderideal "Label"
recode mv605 (1=1 "a") (2/4=0 "b") (5/6=0) (7=.), gen(desire)
label var desire "Label"
recode mv3b25b (0=0 "a") (1=1 "b") (8=.), gen(promis)
label var promis "Label"
bys mv001: egen collect_promis=mean(promis)
label var collect_promis "Label"
gen myoungpromis=promis
replace myoungpromis=. if molder==1
bys mv001: egen collect_myoungpromis=mean(myoungpromis)
label var collect_myoungpromis "Label"
gen molderpromis=promis
replace molderpromis=. if myoung==1
bys mv001: egen collect_molderpromis=mean(molderpromis)
label var collect_molderpromis "Label"
recode mv3b25a (0=0 "a") (1=1 "b") (8=.), gen(fpwomenonly)
label var fpwomenonly "Label"
bys mv001: egen collect_fpwomenonly=mean(fpwomenonly)
label var collect_fpwomenonly "Label"
gen myoungfpwomenonly=fpwomenonly
replace myoungfpwomenonly=. if molder==1
bys mv001: egen collect_myoungfpwomenonly=mean(myoungfpwomenonly)
label var collect_myoungfpwomenonly "Label"
gen molderfpwomenonly=fpwomenonly
replace molderfpwomenonly=. if myoung==1
bys mv001: egen collect_molderfpwomenonly=mean(molderfpwomenonly)
label var collect_molderfpwomenonly "Label"
recode mv025 (2=0 "a") (1=1 "b"), gen(urbrur)
bys mv001: egen collect_urbrur=mean(urbrur)
label val collect_urbrur urbrur
recode mv133 98=., gen(yrsmedu)
bys mv001: egen collect_medu=mean(yrsmedu)
gen molderedu=medu
replace molderedu=. if myoung==1
bys mv001: egen collect_molderedu=mean(molderedu)
label var collect_molderedu "Label"
gen myoungedu=medu
replace myoungedu=. if molder==1
bys mv001: egen collect_myoungedu=mean(myoungedu)
label var collect_myoungedu "Label"
gen strata=mv022
label values strata MV022
keep mv000-mv025 mv190 mv213 modfp-strata collect_*
gen cluster=mv001
save "$Codedfilepath//`cn'MRcoded.dta", replace
} 
do "multilev.do"  
foreach c in $mrdata {
local cn=substr("`c'",1,2)
use	"$Codedfilepath//`cn'MRcoded.dta"
collapse collect_mideal collect_myoungideal collect_molderideal collect_promis collect_myoungpromis collect_molderpromis collect_fpwomenonly collect_myoungfpwomenonly collect_molderfpwomenonly collect_medu collect_myoungedu collect_molderedu, by(cluster)
save "$Codedfilepath//`cn'MR_clustemp.dta", replace
}
foreach c in $irdata {
local cn=substr("`c'",1,2)
use	"$Codedfilepath//`cn'IRcoded.dta"
drop _merge
merge m:1 cluster using "$Codedfilepath//`cn'MR_clustemp.dta", keepusing (collect_mideal collect_myoungideal collect_molderideal collect_promis collect_myoungpromis collect_molderpromis collect_myoungfpwomenonly collect_molderfpwomenonly collect_fpwomenonly collect_medu collect_myoungedu collect_molderedu)
save "$Codedfilepath//`cn'IRcoded.dta", replace
}
* mlm-expect: r(111)
foreach c in $irdata {
local cn=substr("`c'",1,2)
use	"$Codedfilepath//`cn'IRcoded.dta"
collapse collect_wideal collect_wolderideal collect_wyoungideal collect_distance collect_decision collect_wolderdecision collect_wyoungdecision collect_swpatt collect_wyoungswpatt collect_wolderswpatt collect_swpsoc collect_wyoungswpsoc collect_wolderswpsoc collect_swpdec collect_wyoungswpdec collect_wolderswpdec collect_swpatt_cn collect_wyoungswpatt_cn collect_wolderswpatt_cn collect_swpsoc_cn collect_wyoungswpsoc_cn collect_wolderswpsoc_cn collect_swpdec_cn collect_wyoungswpdec_cn collect_wolderswpdec_cn, by(cluster)
save "$Codedfilepath//`cn'IR_clustemp.dta", replace
}
* mlm-expect: r(601)
foreach c in $mrdata {
local cn=substr("`c'",1,2)
use	"$Codedfilepath//`cn'MRcoded.dta"
merge m:1 cluster using "$Codedfilepath//`cn'IR_clustemp.dta", keepusing (collect_wideal collect_wolderideal collect_wyoungideal collect_distance collect_decision collect_wolderdecision collect_wyoungdecision collect_swpatt collect_wyoungswpatt collect_wolderswpatt collect_swpsoc collect_wyoungswpsoc collect_wolderswpsoc collect_swpdec collect_wyoungswpdec collect_wolderswpdec collect_swpatt_cn collect_wyoungswpatt_cn collect_wolderswpatt_cn collect_swpsoc_cn collect_wyoungswpsoc_cn collect_wolderswpsoc_cn collect_swpdec_cn collect_wyoungswpdec_cn collect_wolderswpdec_cn)
save "$Codedfilepath//`cn'MRcoded.dta", replace
clear
}
foreach c in $irdata {
local cn=substr("`c'",1,2)
use	"$Codedfilepath//`cn'IRcoded.dta"
append using "$Codedfilepath//`cn'MRcoded.dta"
lab var collect_mideal "Label"
lab var collect_myoungideal "Label"
lab var collect_molderideal "Label"
lab var collect_promis "Label"
lab var collect_myoungpromis "Label"
lab var collect_molderpromis "Label"
lab var collect_fpwomenonly "Label"
lab var collect_myoungfpwomenonly "Label"
lab var collect_molderfpwomenonly "Label"
lab var collect_medu "Label"
save "$Codedfilepath//`cn'coded.dta", replace
clear
}
