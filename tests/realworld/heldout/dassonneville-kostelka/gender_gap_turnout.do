* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 36778176449 (a public GitHub .do file, replication of Dassonneville & Kostelka, the cultural sources of the gender gap in turnout, European Election Studies 1979-2014; the index does not name the repository) (excerpt: from the data up to Table 3's first random-slope model and its margins plot; the four merges of the authors' other files left out -- the look-alike carries their variables -- and the decompositions, descriptive tables and supplementary models after it)
* author: Ruth Dassonneville and Filip Kostelka (file header), 2019
* licence: none stated
* data: data/EES_aggregated_macrovariables.dta = ees_gender_turnout
cd "~/x/replication materials"
ssc install fsum, replace
ssc install oaxaca, replace
use "data/EES_aggregated_macrovariables.dta", clear
gen presidential=0
replace presidential=1 if country==1
replace presidential=1 if country==3
replace presidential=1 if country==6 & year>=2013
replace presidential=1 if country==24 & year>=1999
replace presidential=1 if country==25 & year<=2002
gen legislative_type=0
replace legislative_type=1 if country==3
replace legislative_type=1 if country==11
replace legislative_type=2 if country==10
replace legislative_type=2 if country==15 & year>=1994 & year<=2001
gen majoritarian=0 if legislative_type==0
replace majoritarian=0 if legislative_type==1
replace majoritarian=1 if legislative_type==2
gen countryyear = string(country) + string(year)
lab var value "v1"
lab var long_term_index "v2"
gen filter=1
replace filter=0 if mi(female, age, postsecondary, social_class, employment_status, interest, close_to_party, tu_member, religiosity, membership_good)
sum female age postsecondary social_class employment_status interest close_to_party tu_member religiosity membership_good
sum female age postsecondary social_class employment_status interest close_to_party tu_member religiosity membership_good if filter==1
gen filter2=1
replace filter2=0 if mi(female, age, postsecondary, social_class, employment_status, interest, close_to_party)
cap set scheme bw
recode country (2 7 10 14 11 15 18 20 28=1 "a") (else=0), gen(ms1979)
eststo clear
foreach k of numlist 1979 1984 1989 1994 1999 2004 2009 2014 {
reg vote_eur i.female i.country if year==`k', l(90)
eststo M_`k'_graph_all: margins, dydx(female) post
}
foreach k of numlist 1979 1984 1989 1994 1999 2004 2009 2014 {
reg vote_eur i.female i.country if year==`k' & ms1979==1, l(90)
eststo M_`k'_graph_MS1979: margins, dydx(female) post
}
coefplot (M_1979_graph_all, label("a") msymbol(Oh)) (M_1979_graph_MS1979, label("b") msymbol(O)), bylabel(1979) || M_1984_graph_all M_1984_graph_MS1979, bylabel(1984) || M_1989_graph_all M_1989_graph_MS1979, bylabel(1989) || M_1994_graph_all M_1994_graph_MS1979, bylabel(1994) || M_1999_graph_all M_1999_graph_MS1979, bylabel(1999) || M_2004_graph_all M_2004_graph_MS1979, bylabel(2004) || M_2009_graph_all M_2009_graph_MS1979, bylabel(2009) || M_2014_graph_all M_2014_graph_MS1979, bylabel(2014) bycoef vertical ytitle("t", size(medsmall) height(-3)) legend(size(small) bm(medsmall)) ylabel(, labs(small))  xlabel(, labs(small)) yline(0, lp(dash))
graph export "Figure1.eps", replace
set more off
eststo clear
eststo M1: mixed vote_eur i.female if filter==1 || country:  || year:  ,var
eststo M2: mixed vote_eur i.female age i.postsecondary i.employment_status i.social_class   if filter==1 || country:  || year:  , var
eststo M3: mixed vote_eur i.female age i.postsecondary i.employment_status i.social_class  i.membership_good   if filter==1 || country:  || year:  , var
eststo M4: mixed vote_eur i.female age i.postsecondary i.employment_status i.social_class  i.membership_good  tu_member religiosity close_to_party  if filter==1 || country:  || year:  , var
eststo M5: mixed vote_eur i.female age i.postsecondary i.employment_status i.social_class  tu_member religiosity i.membership_good	close_to_party  interest  if filter==1 || country:  || year:  , var
esttab M1 M2 M3 M4 M5 using table1.tex, label b(3) se(3) nogap  replace
tab country, gen(count)
tab employment_status, gen(work)
tab social_class, gen(soc_class) 
tab membership_good, gen(memb)
tab year, gen(election)
reg vote_eur female if filter==1
reg memb3 age postsecondary  work2 work3 soc_class2 soc_class3  tu_member religiosity close_to_party  interest count1-count28 if filter==1, beta
eststo M6: mixed interest i.female if filter2==1 || country:  || year:  , var
eststo M7: mixed interest i.female age i.postsecondary i.employment_status i.social_class close_to_party if filter2==1 || country:  || year:  , var
eststo M8: mixed interest i.female##c.women_parliament_survey age i.postsecondary i.employment_status i.social_class   close_to_party if filter2==1 || country:  || year: female , var
margins, dydx(female)  at(women_parliament_survey=(4(2)46)) 
marginsplot, level(90)  yline(0) recast(line) recastci(rline)  xtitle("t", margin(medsmall)) addplot(hist women_parliament_survey, percent bin(30) yaxis(2) yscale(axis(2) alt  )  xlabel(4(2)46) ylabel(-0.04(0.02)-.12) yscale(range(0(10)100) axis(2)) ylabel(0(5)10, axis(2)) ytitle("t", axis(2)) ) ytitle("t")  legend(off) title("") 
graph export womenparliament.eps, replace 
