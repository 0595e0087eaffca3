* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:grodri/grodri.github.io@645d26aa56bb629b863ea6baec8c559674b4ac0d glms/stata/c8s2.html (https://grodri.github.io/glms/stata/c8s2)
* author: Germán Rodríguez (Princeton, WWS 509 GLMs, ch. 8)
* licence: none stated
* data: https://www.stata.com/data/jwooldridge/eacsap/lowbirth = lowbirth
use https://www.stata.com/data/jwooldridge/eacsap/lowbirth, clear
reg lowbrth d90 afdcprc lphypc lbedspc lpcinc lpopul
twoway (scatter lowbrth afdcprc if year==1987, mcolor(blue) ) (scatter lowbrth afdcprc if year==1990, mcolor(red)  ) , legend( lab(1 "a") lab(2 "b") ring(0) pos(5) ) title(T)
graph export g1.png, width(500) replace
encode stateabb, gen(stateid)
mixed lowbrth d90 afdcprc lphypc lbedspc lpcinc lpopul || stateid:
estat icc
xtreg lowbrth d90 afdcprc lphypc lbedspc lpcinc lpopul, i(stateid) fe
xtreg   lowbrth d90 afdcprc, i(stateid) fe
sort stateid year
by stateid (year): gen dlowbrth = lowbrth[2]-lowbrth[1]
by stateid (year): gen dafdcprc = afdcprc[2]-afdcprc[1]
replace dlowbrth = . if year==1987
replace dafdcprc = . if year==1987
twoway (scatter dlowbrth dafdcprc) (lfit dlowbrth dafdcprc), legend(off) xtitle(X) ytitle (Y) title(T)
graph export g2.png, width(500) replace
reg dlowb dafdc
quietly reg lowbrth d90 afdcprc i.stateid
estimates table, keep(d90 afdcprc ) se
