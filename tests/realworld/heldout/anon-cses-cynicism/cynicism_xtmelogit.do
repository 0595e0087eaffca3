* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37208018181 (a public GitHub .do file, the appendix replication code of an article on corruption and political cynicism with the Comparative Study of Electoral Systems: random-intercept logits xtmelogit ... if ... || C1003: , with a trailing comma and no options, eststo, esttab using .tex, star() se(3), eststo clear, then margins, at(problem=(1 2 3)) atmeans predict(mu fixedonly) vsquish on the still-active estimates; the file's data are in memory when it starts; the index does not name the repository)
* author: unknown (the header names the article's author)
* licence: none stated
* preload: cses_corruption_cynicism
xtmelogit noneonly i.problem age education income male politicalinformation closeparty  if polityIV>6  || C1003: , 
eststo
esttab using table_c1.tex, star(+ 0.10 * 0.05 ** 0.01 *** 0.001) se(3)
eststo clear
margins, at(problem=(1 2 3)) atmeans predict(mu fixedonly) vsquish
xtmelogit nonerec i.problem age education income male politicalinformation closeparty if polityIV>6  || C1003: , 
eststo
esttab using table_c2.tex, star(* 0.05 ** 0.01 *** 0.001) se(3)
eststo clear
xtmelogit noneonly vdem_corr  age income male partyage regimeage presidential if problem==1 & polityIV>6  || C1003:  ,
eststo
xtmelogit noneonly vdem_corr education politicalinformation closeparty  polarization  age income male partyage regimeage presidential if problem==1 & polityIV>6  || C1003:  ,
eststo
esttab using table_f1.tex, star(* 0.05 ** 0.01 *** 0.001) se(3)
eststo clear
