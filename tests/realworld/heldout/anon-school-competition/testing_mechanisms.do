* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 46281607652 (a public GitHub .do file of a study of school competition, "testing mechanisms": three-level random-intercept models of school size and complaints, schools in municipalities, with year and municipality dummies, written to outreg2 tables; the index does not name the repository)
* author: unknown
* licence: none stated
* data: Did testing mechanisms dataset = school_competition
use "Did testing mechanisms dataset", clear
xtmixed s_sizelog hs_herf hs_density hs_sistud  hs_GPA i.edu_trac hs_forbac hs_edupar minclog crime hs_ctea hs_sctea   i.year i.municipality if year>1998 & in_group!=1, || municipality:, || school_id:, ml var nolog
outreg2 using "table1.txt", label bdec(3) rdec(3) excel symbol(***, **, *, +) alpha(0.001, 0.01, 0.05, 0.10) addtext(Year dummies, YES) addstat ("-2LL",e(ll),"df",e(df_m)) append  ctitle(Column)
xtmixed complaints hs_herf hs_density hs_sistud hs_GPA i.edu_trac hs_forbac c.hs_edupar##c.hs_herf minclog crime hs_ctea hs_sctea s_sizelog   i.year i.municipality if year>1998 & in_group!=1 & treatment==1, || municipality:, || school_id:, ml var nolog
outreg2 using "table2.txt", label bdec(3) rdec(3) excel symbol(***, **, *, +) alpha(0.001, 0.01, 0.05, 0.10) addtext(Year dummies, YES) addstat ("-2LL",e(ll),"df",e(df_m)) append  ctitle(Column)
xtmixed complaints hs_herf hs_density hs_sistud hs_GPA i.edu_trac hs_forbac c.hs_edupar##c.hs_density minclog crime hs_ctea hs_sctea s_sizelog   i.year i.municipality if year>1998 & in_group!=1 & treatment==1, || municipality:, || school_id:, ml var nolog
outreg2 using "table2.txt", label bdec(3) rdec(3) excel symbol(***, **, *, +) alpha(0.001, 0.01, 0.05, 0.10) addtext(Year dummies, YES) addstat ("-2LL",e(ll),"df",e(df_m)) append  ctitle(Column)
xtmixed complaints hs_herf hs_density hs_sistud hs_GPA i.edu_trac hs_forbac c.hs_edupar##c.hs_sistud minclog crime hs_ctea hs_sctea s_sizelog   i.year i.municipality if year>1998 & in_group!=1 & treatment==1, || municipality:, || school_id:, ml var nolog
outreg2 using "table2.txt", label bdec(3) rdec(3) excel symbol(***, **, *, +) alpha(0.001, 0.01, 0.05, 0.10) addtext(Year dummies, YES) addstat ("-2LL",e(ll),"df",e(df_m)) append  ctitle(Column)
seeout using "table2.txt", label
