* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 33675194654 (a public GitHub .do file of an internship on support for cutting social-protection benefits in a French opinion barometer, 2000-2020: each respondent expanded once per branch by expand 2 if ..., gen() chains, the branch's answer picked in forvalues loops, beneficiary indicators, xtset ident, eststo : xtologit and eststo : xtreg ..., fe, esttab with scalar() and star(), esttab using .tex with mtitles() longtable f not, per-branch ologit in a forvalues loop with eststo, coefplot of several stored models with keep(*.statut) eform headings() legend(order()), ologit with margins ..., pr(outcome(1)) pr(outcome(2)) ... and marginsplot, and a loop of eststo name: margins ..., pr(outcome(1)) post after qui: ologit of a 0/1 outcome, with coefplot em*_x, recast(connected) vertical; the index does not name the repository) (excerpt: the first half, to the coefplots of the stored margins; the later logit/ologit dydx() margins, year-by-year loops and pwcompare left out)
* author: unknown (an internship, per the folder in the file's cd line)
* licence: none stated
* preload: drees_barometer
cd "C:/Users/x/project"
do 6_0_ACM_codage_variables
gen bdd1=1
expand 2 if bdd1==1, gen(bdd2)
expand 2 if bdd2==1, gen(bdd3)
expand 2 if bdd3==1, gen(bdd4)
expand 2 if bdd4==1, gen(bdd5)
expand 2 if bdd5==1, gen(bdd6)
expand 2 if bdd6==1, gen(bdd7)
g bdd=1 if bdd1==1 & bdd2==0
forvalues i=2/6{
	local j = `i'+1
	replace bdd=`i' if bdd`i'==1 & bdd`j'==0
}
replace bdd=7 if bdd7==1
g Y = ps13_a_1 if bdd==1 & inrange(ps13_a_1,1,4)
forvalues i=2/7{
	replace Y = ps13_a_`i' if bdd==`i' & inrange(ps13_a_`i', 1, 4)
}
label define Y 1 "a" 2 "b" 3 "c" 4 "d"
label value Y Y
g si_am=(bdd==1)
g si_retr= (bdd==2 & sdres_5==1)
g si_fam= (bdd==3 & inrange(sdnbenf,2,10) )
g si_fam_rev= (bdd==3 & (inrange(sdnbenf, 3, 10) | (sdrevtr!=7 & sdnbenf==2) | (sdnbenf==1 & sdrevtr==1)) )
g si_fam2 = (bdd==3 & sdres_8==1)
g si_chom= (bdd==4 & sdres_4==1)
g si_chom2 = (bdd==4 & statut==5)
g si_handi = (bdd==5 & sdres_10==1)
g si_dep=(bdd==6 & sdage>80)
g si_logt= (bdd==7 & sdres_9==1)
g si = si_am + si_retr + si_fam2 + si_chom + si_handi + si_dep + si_logt
g si_f= (bdd==3 & inrange(sdnbenf,2,10) )
g Y_bin = (inrange(Y,3,4))
replace Y_bin=. if Y==.
replace si=. if (bdd==3 | bdd==5) & inrange(annee, 2000, 2012)
replace si=. if bdd==6 & inrange(annee, 2000, 2003)
replace si=. if bdd==7 & inrange(annee, 2000, 2014)
eststo clear
xtset ident
eststo : xtologit Y i.bdd si if annee>=2013
eststo : xtologit Y i.bdd si_am si_retr si_fam2 si_chom si_dep si_handi si_logt if annee>=2013
xtset ident
eststo : xtreg Y i.bdd si if annee>=2013, fe
eststo : xtreg Y i.bdd si_am si_retr si_fam2 si_chom si_handi si_dep si_logt if annee>=2013, fe
esttab , label scalar(r ll converged) star(* 0.1 ** 0.05 *** 0.01)
esttab using reg_table.tex, nonumbers mtitles("m1" "m2" "m3" "m4") scalar(r2_p r2 r2_a) compress longtable f  not star(* 0.1 ** 0.05 *** 0.01) replace
eststo clear
forvalues i=1/7 {
	eststo: ologit Y si c.sdagetr c.sdrevtr i.sdsexe i.statut c.diplome if bdd==`i' & sdrevtr!=8
}
esttab, label scalar(r2_p) star(* 0.1 ** 0.05 *** 0.01) eform
esttab using logit_table.tex, nonumbers eform mtitles("b1" "b2" "b3" "b4"  "b5" "b6" "b7") scalar(r2_p r2_a) compress longtable f star(* 0.1 ** 0.05 *** 0.01) label replace
esttab , label scalar(r2_p) star(* 0.1 ** 0.05 *** 0.01)
coefplot est2 est3 est4 est5 est7 , keep(*.statut) xline(0) eform legend(order(1 "b2" 3 "b3" 5 "b4" 7 "b5" 9 "b7")) headings(2.statut= "{bf: base}") title("t") subtitle(s)
coefplot est1 est2, keep(*.statut) xline(1) eform legend(order(2 "b1" 4 "b2")) headings(2.statut= "{bf: base}") title("t") subtitle(s)
coefplot est3 est4, keep(*.statut) xline(1) eform legend(order(1 "b3" 3 "b4")) headings(2.statut= "{bf: base}") title("t") subtitle(s)
coefplot est1 est2 est3 est4 est5 est6 est7 , keep(sdagetr sdrevtr *.sdsexe diplome) xline(1) eform legend(order(1 "b1" 3 "b2" 5 "b3" 7 "b4" 9 "b5" 11 "b6" 13 "b7")) title("t" "t") subtitle(s) nolabel rename(2.sdsexe="f" diplome="d"  sdrevtr="r" sdagetr = "a")
coefplot est1 est3, keep(sdagetr sdrevtr *.sdsexe diplome) xline(1) eform legend(order(1 "b1" 3 "b3")) title("t") subtitle(s) nolabel rename(2.sdsexe="f" diplome="d"  sdrevtr="r" sdagetr = "a")
coefplot est2 est3 est4 est5 est6 est7, keep(si) rename(si="b") eform legend(order(1 "b2" 3 "b3" 5 "b4" 7 "b5" 9 "b6" 11 "b7")) xline(1) title(t)
eststo clear
eststo: ologit Y i.si i.sdagetr i.sdrevtr i.sdsexe i.statut if bdd==1 & sdrevtr!=8 & annee>=2013
margins sdagetr, pr(outcome(1)) pr(outcome(2)) pr(outcome(3)) pr(outcome(4))
marginsplot
margins sdrevtr, pr(outcome(1)) pr(outcome(2)) pr(outcome(3)) pr(outcome(4))
marginsplot
margins sdsexe, pr(outcome(1)) pr(outcome(2)) pr(outcome(3)) pr(outcome(4))
marginsplot
eststo clear
forvalues i=1/4{
qui: ologit Y_bin i.si i.sdagetr i.sdrevtr i.sdsexe i.statut if bdd==`i' & sdrevtr!=8 & annee>=2013
eststo em`i'_age: margins sdagetr, pr(outcome(1)) post
qui : ologit Y_bin i.si i.sdagetr i.sdrevtr i.sdsexe i.statut if bdd==`i' & sdrevtr!=8 & annee>=2013
eststo em`i'_rev: margins sdrevtr, pr(outcome(1)) post
qui: ologit Y_bin i.si i.sdagetr i.sdrevtr i.sdsexe i.statut if bdd==`i' & sdrevtr!=8 & annee>=2013
eststo em`i'_sexe: margins sdsexe, pr(outcome(1)) post
qui : ologit Y_bin i.si i.sdagetr i.sdrevtr i.sdsexe i.statut if bdd==`i' & sdrevtr!=8 & annee>=2013
eststo em`i'_statut: margins statut, pr(outcome(1)) post
}
coefplot em*_sexe, recast(connected) vertical title("t" "t" , size(medium)) legend(order(2 "b1" 4 "b2" 6 "b3" 8 "b4")) xlabel(, labcolor(black))
coefplot em*_age, recast(connected) vertical title("t" "t", size(medium)) legend(order(2 "b1" 4 "b2" 6 "b3" 8 "b4")) xlabel(, labcolor(black))
coefplot em*_rev, recast(connected) title("t" "t", size(medium)) vertical xlabel(,  labsize(tiny) labcolor(black) angle(45)) legend(order(2 "b1" 4 "b2" 6 "b3" 8 "b4"))
coefplot em*_statut,  recast(connected) vertical title("t" "t", size(medium)) legend(order(2 "b1" 4 "b2" 6 "b3" 8 "b4")) xlabel(,  labsize(small) labcolor(black) angle(10)) sort
