* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:agrogan1/multilevel@dc928d315113011665a1e20e4f7e6f3a56ec6088 multilevel-mediation/multilevel-mediation.do
* author: Andrew Grogan-Kaylor (University of Michigan)
* licence: GPL-3.0 (repository LICENSE)
* data: hsbdemo.dta = hsbdemo
clear all
cd "/Users/someone/Desktop/GitHub/multilevel/multilevel-mediation"
pwd
set seed 1234
use hsbdemo.dta, clear
describe
regress science write math
est store OLS
gsem (write <- math) (science <- write math)
est store noclustering
gsem (write <- math M1[cid]) (science <- write math M2[cid])
est store MLM
nlcom _b[science:write]*_b[write:math]
nlcom _b[science:math] + _b[science:write]*_b[write:math]
gsem (write <- math) (science <- write math), vce(cluster cid)
est store clusteredSEs
est table OLS noclustering MLM clusteredSEs, star
twoway (scatter science write) (lfit science write), title("T") subtitle("S") scheme(s1color) name(g1, replace)
graph export "g1.png", as(png) name("g1") width(1000) replace
twoway (scatter science write) (lfit science write), by(cid, title("T") subtitle("S")) scheme(s1color) name(g2, replace)
graph export "g2.png", as(png) name("g2") width(1000) replace
