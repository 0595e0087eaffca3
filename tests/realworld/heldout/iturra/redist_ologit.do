* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 41302094615 (a public GitHub .do file of a project on class homogeneity of social networks and redistributive preferences, ISSP respondents in countries; the index does not name the repository) (excerpt: the full-sample section -- seven weighted random-slope ordinal meglm fits, their estimates saved to one file, read back and tabulated; the three later sections repeat it for other network measures and are left out)
* author: unknown (path in the file: jiturra, rgroups-redist)
* licence: none stated
* data: C:\Users\x\rgroups-redist\input\data\proc\study1_country.dta = issp_redist
use "C:\Users\x\rgroups-redist\input\data\proc\study1_country.dta"
gen logrgdpna = log(rgdpna)
meglm redist c.homclass##c.gini_disp i.class3 female agenum edyears i.Q03pcm workst union logrgdpna gini_disp [pweight=WEIGHT] || country2: homclass, family(ordinal)
estimates store model1
meglm redist c.homclass##c.gini_mkt i.class3 female agenum edyears i.Q03pcm workst union logrgdpna gini_mkt [pweight=WEIGHT] || country2: homclass, family(ordinal)
estimates store model2
meglm redist c.homclass##c.top10 i.class3 female agenum edyears i.Q03pcm workst union logrgdpna top10[pweight=WEIGHT] || country2: homclass, family(ordinal)
estimates store model3
meglm redist c.homclass##c.middle50 i.class3 female agenum edyears i.Q03pcm workst union logrgdpna middle50[pweight=WEIGHT] || country2: homclass, family(ordinal)
estimates store model4
meglm redist c.homclass##c.d10d1 i.class3 female agenum edyears i.Q03pcm workst union logrgdpna d10d1[pweight=WEIGHT] || country2: homclass, family(ordinal)
estimates store model5
meglm redist c.homclass##c.giniindex i.class3 female agenum edyears i.Q03pcm workst union logrgdpna giniindex[pweight=WEIGHT] || country2: homclass, family(ordinal)
estimates store model6
meglm redist c.homclass##c.ttheilge1 i.class3 female agenum edyears i.Q03pcm workst union logrgdpna ttheilge1[pweight=WEIGHT] || country2: homclass, family(ordinal)
estimates store model7
estimates restore model1
eret list
estimates save "C:\Users\x\rgroups-redist\output\estimates.est", replace
estimates restore model2
eret list
estimates save "C:\Users\x\rgroups-redist\output\estimates.est", append
estimates restore model3
eret list
estimates save "C:\Users\x\rgroups-redist\output\estimates.est", append
estimates restore model4
eret list
estimates save "C:\Users\x\rgroups-redist\output\estimates.est", append
estimates restore model5
eret list
estimates save "C:\Users\x\rgroups-redist\output\estimates.est", append
estimates restore model6
eret list
estimates save "C:\Users\x\rgroups-redist\output\estimates.est", append
estimates restore model7
eret list
estimates save "C:\Users\x\rgroups-redist\output\estimates.est", append
clear all
eret list
estimates use C:\Users\x\rgroups-redist\output\estimates.est,  number(1)
estimates store model1
estimates use C:\Users\x\rgroups-redist\output\estimates.est,  number(2)
estimates store model2
estimates use C:\Users\x\rgroups-redist\output\estimates.est,  number(3)
estimates store model3
estimates use C:\Users\x\rgroups-redist\output\estimates.est,  number(4)
estimates store model4
estimates use C:\Users\x\rgroups-redist\output\estimates.est,  number(5)
estimates store model5
estimates use C:\Users\x\rgroups-redist\output\estimates.est,  number(6)
estimates store model6
estimates use C:\Users\x\rgroups-redist\output\estimates.est,  number(7)
estimates store model7
esttab model1 model2 model3 model4 model5 model6 model7, drop(logrgdpna 1.class3 2.class3 3.class3 female agenum edyears workst union 1.Q03pcm 2.Q03pcm 3.Q03pcm 4.Q03pcm )
