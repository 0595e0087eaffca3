* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 16489063638 (a public GitHub .do file of a study of child height-for-age in the Ethiopian Demographic and Health Survey 2019 kids' recode (ETKR81FL): use of the recode without clear, the DHS weight v005/1000000, haz = hw5/100 if hw5<996, label define yesno/yesno2, clonevar and replace of the DHS codes with label values of an abbreviated variable (vita for vita6), gen ... = inrange(), recode with labelled rules into gen(), a long run of tabulate and summarize ..., detail lines, misstable summarize, regress and vif, then a null random-intercept model with the weight given only at the cluster level (mixed haz || v001:, pw(wt) mle), two weighted fits with [pw=wt] at the child level only, estimates store, estat icc, estat ic and estimates stats; the index does not name the repository)
* author: unknown
* licence: none stated
* data: C:\Users\pc\Downloads\ETKR81FL.DTA = ethiopia_dhs_kr_stunting
use "C:\Users\pc\Downloads\ETKR81FL.DTA"
gen wt=v005/1000000
gen haz=hw5/100 if hw5<996
label define yesno 1 "a" 0 "b"
label define yesno2 1 "a" 2 "b"
clonevar bf = v426
replace bf=1 if v426==0
replace bf=2 if v426>=101
label values bf yesno2
clonevar vac = h10
replace vac=1 if h10==1
replace vac=0 if h10==0 | h10==8
label values vac yesno
clonevar vita6 = h33
replace vita6=0 if h33==8
replace vita6=1 if h33>=1 & h33<4
label values vita yesno
clonevar anc = m14
replace anc=. if anc==98
gen del= inrange(m15,11,12) 
label values del yesno
recode v113 (11/15 21 31 41 51 61/73 = 1 "a") (30 32 40 42 43 96 = 0 "b") (99=99 "c"), gen(wtr)
recode v116 (11/13 15 21 22 41 51 14 23 42 43 96 = 0 "a") (31 = 1 "b") (99=.), gen(def)
clonevar radio = v120
clonevar ele = v119
clonevar tv = v121
clonevar floor = v127
replace floor=. if v127==0
replace floor=1 if v127==11 |v127==12
replace floor=0 if v127>=13 & v127<=96
label values floor yesno
clonevar region = v024
replace region=1 if v024==10
replace region=0 if v024<10 |v024==11
label values region yesno
clonevar religion = v130
replace religion=0 if v130 <= 3
replace religion=1 if v130 > 3
label values religion yesno
clonevar literacy=v155
replace literacy=0 if v155==0
replace literacy=1 if v155 > 0
label values literacy yesno
clonevar wi= v191
replace wi = wi/100000
gen fsolid= inrange(v161,6,11) 
label values fsolid yesno
gen fclean= inrange(v161,1,4) 
label values fclean yesno
tabulate b4 
tabulate bf 
tabulate vac 
tabulate vita6 
tabulate literacy 
tabulate religion 
tabulate del 
tabulate s413d 
tabulate radio 
tabulate tv 
tabulate ele 
tabulate v151 
tabulate fsolid 
tabulate fclean 
tabulate floor 
tabulate wtr 
tabulate def 
tabulate v025 
tabulate region
summarize hw1,detail 
summarize bord,detail  
summarize v012,detail  
summarize v133,detail  
summarize v212,detail  
summarize anc,detail  
summarize v137,detail  
summarize v136,detail  
summarize wi,detail  
summarize v040,detail  
misstable summarize haz hw1 b4 bord bf vac vita6 v012 v133 v212 literacy religion anc del s413d v137 v136 wi radio tv ele v151 fsolid fclean floor wtr def v025 v040 region
regress hw1 b4 bord bf v012 v133 v212 literacy religion del v137 v136 wi radio tv ele v151 fsolid fclean floor wtr def v025 v040 region
vif
mixed haz || v001:, pw(wt) mle
estimates store m0
estat icc
mixed haz hw1 i.b4 i.bf v012 v133 v212 i.literacy i.religion i.del v137 v136 wi i.radio i.v151 i.fclean i.wtr i.def [pw=wt]|| v001: , mle
estimates store m1
estat icc
estat ic
mixed haz hw1 i.b4 i.bf v012 v133 v212 i.literacy i.religion i.del v137 v136 wi i.radio i.v151 i.fclean i.wtr i.def i.v025 v040 i.region [pw=wt] || v001: , mle
estimates store m2
estat icc
estimates stats m0 m1 m2 
