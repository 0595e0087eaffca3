* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 69251237459 (a public GitHub .do file, replication of Cordova & Kras on women's police stations and attitudes toward violence against women in Brazilian municipalities: random-intercept ordered logit models and their predicted probabilities; the index does not name the repository) (excerpt: the first two models of Table 1 and Figure 1, panels A and B; the file runs with the authors' dataset in memory)
* author: Abby Cordova and Helen Kras (paths and file names in the file)
* licence: none stated
* preload: brazil_vaw
estimates clear
meologit  b4dr   i.female i.deam i.vaw_law i.civilpolice femiciderate Loggdp_2012 Logpopsize  b4gr q91cr q91er c1r q89er i.b0.edlevel  classe q53r i.b1.p2a i.b1.marital_status children i.b1.color  || cidade: , cov(uns)
meologit  b4dr   i.deam##i.female i.vaw_law##i.female i.civilpolice femiciderate Loggdp_2012 Logpopsize b4gr q91cr q91er c1r q89er i.b0.edlevel  classe q53r i.b1.p2a i.b1.marital_status children i.b1.color  || cidade: , cov(uns)
estimates clear
meologit  b4dr   i.deam##i.female i.vaw_law##i.female i.civilpolice femiciderate Loggdp_2012 Logpopsize b4gr q91cr q91er c1r q89er i.b0.edlevel  classe q53r i.b1.p2a i.b1.marital_status children i.b1.color  || cidade: , cov(uns)
margins , over(female) at(deam=(0 1))expression(predict(mu fixedonly outcome(5)))
 #delimit;
 marginsplot, noci
title("a", size(small)  justification(center) alignment(baseline)) 
 xtit("") ytit("t" "t", size(small)) xsc(r(-0.5 1.5)) xlabel(, angle(horizontal) valuelabel labsize(small))
 ylabel(, format(%9.2fc) grid glcolor("217 217 217") glwidth(vthin) gmax angle(horizontal)) legend(off)
 scheme(s1color) graphregion(fcolor(white) lwidth(none)) plotregion(fcolor(white) lwidth(none));
 graph save "chart1 panelA.gph", replace;
 #delimit cr
 margins , over(female) at(deam=(0 1))contrast (effects overjoint) expression(predict(mu fixedonly outcome(5)))
  #delimit;
  marginsplot, ciopts(lpattern(dash))
title("b", size(small)  justification(center) alignment(baseline)) 
 xtit("") ytit("t", size(small))  xsc(r(-0.5 1.5)) xlabel(, angle(horizontal) valuelabel labsize(small))
 ylabel(, format(%9.2fc) grid glcolor("217 217 217") glwidth(vthin)  angle(horizontal)) yline(0)
 scheme(s1color) graphregion(fcolor(white) lwidth(none)) plotregion(fcolor(white) lwidth(none));
 graph save "chart1 panelB.gph", replace;
 #delimit cr
  graph combine "chart1 panelA.gph" "chart1 panelB.gph", rows(1) xcommon imargin(small)   graphregion(color(white)) plotregion(color(white))
 graph save "chart1 combined.gph", replace
