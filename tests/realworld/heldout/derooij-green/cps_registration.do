* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37802866760 (a public GitHub .do file, replication of de Rooij and Green, radio public service announcements and voter participation among Native Americans, Political Behavior 2016: the Current Population Survey November 2012 appendix tables; the index does not name the repository)
* author: Eline A. de Rooij and Donald P. Green (file header), 2016
* licence: none stated
* data: CPSnov2012.dta = cps_nov2012
cd " " 
use "CPSnov2012.dta"
drop if prpertyp==-1
recode prcitshp (1/4 =1 "cit") (5=0 "noncit"), gen(citizen)
keep if citizen==1
keep if prtage>17
recode ptdtrace (-1=-1 "m") (3=1 "r1") (1=2 "r2") (2=3 "r3") (4=4 "r4") (5=5 "r5") (7 10 13 14 = 6 "r6") (6 8 9 11 12 15 16/26 = 7 "r7"), gen(racetemp)
gen rac=.
replace rac=1 if racetemp==1
replace rac=2 if racetemp==2 & pehspnon==2
replace rac=3 if racetemp==3 & pehspnon==2
replace rac=4 if racetemp==2 & pehspnon==1
replace rac=4 if racetemp==3 & pehspnon==1
replace rac=5 if racetemp==4
replace rac=6 if racetemp==5
replace rac=7 if racetemp==6
replace rac=7 if racetemp==7
recode rac (1=1 "g1") (2=2 "g2") (3=3 "g3") (4=4 "g4") (5=5 "g5") (6 7 = 6 "g6"), gen(race)
label var race "text"
drop racetemp rac
recode pes1 (-9/-1=.) (1=1 "v1") (2=0 "v0"), gen(vote2012)
label var vote2012 "text"
gen votreg=.
replace votreg=-1 if pes2==-2
replace votreg=-1 if pes2==-3
replace votreg=-1 if pes2==-9
replace votreg=-1 if pes2==-1
replace votreg=1 if pes2==1
replace votreg=0 if pes2==2
replace votreg=1 if pes1==1
recode votreg (-1=.) (1=1 "reg1") (0=0 "reg0"), gen(votreg2012)
label var votreg2012 "text"
recode pesex (2=0 "s0") (1=1 "s1"), gen(male)
recode peeduca (31/38 = 0 "e0") (39/46=1 "e1"), gen(highschool) 
recode gtmetsta (1 3=0 "m0") (2=1 "m1"), gen(nonmetro)
svyset [pw=pwsswgt]
svy: tab race male, row
_pctile prtage [pw=pwsswgt] if race==1, p(25 50 75) 
return list
_pctile prtage [pw=pwsswgt] if race==2, p(25 50 75) 
return list
_pctile prtage [pw=pwsswgt] if race==3, p(25 50 75) 
return list
_pctile prtage [pw=pwsswgt] if race==4, p(25 50 75) 
return list
_pctile prtage [pw=pwsswgt] if race==5, p(25 50 75) 
return list
_pctile prtage [pw=pwsswgt] if race==6, p(25 50 75) 
return list
svy: tab race highschool, row
tab hefaminc
_pctile hefaminc [pw=pwsswgt] if race==1, p(25 50 75) 
return list
_pctile hefaminc [pw=pwsswgt] if race==2, p(25 50 75) 
return list
_pctile hefaminc [pw=pwsswgt] if race==3, p(25 50 75) 
return list
_pctile hefaminc [pw=pwsswgt] if race==4, p(25 50 75) 
return list
_pctile hefaminc [pw=pwsswgt] if race==5, p(25 50 75) 
return list
_pctile hefaminc [pw=pwsswgt] if race==6, p(25 50 75) 
return list
svy: tab race nonmetro, row
svy: tab race votreg2012, row
svy: tab race vote2012, row
svyset, clear
tab race
tab race votreg2012
tab race vote2012
logit votreg2012 i.race i.gestcen
logit, or
logit votreg2012 i.race male prtage nonmetro peeduca hefaminc i.gestcen
logit, or
svyset [pw=pwsswgt]
svy: logit votreg2012 i.race i.gestcen
svy: logit, or
svy: logit votreg2012 i.race male prtage nonmetro peeduca hefaminc i.gestcen
svy: logit, or
svyset, clear
logit vote2012 i.race i.gestcen
logit, or
logit vote2012 i.race male prtage nonmetro peeduca hefaminc i.gestcen
logit, or
svyset [pw=pwsswgt]
svy: logit vote2012 i.race i.gestcen
svy: logit, or
svy: logit vote2012 i.race male prtage nonmetro peeduca hefaminc i.gestcen
svy: logit, or
svyset, clear
