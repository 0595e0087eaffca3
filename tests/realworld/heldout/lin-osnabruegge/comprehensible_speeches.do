* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37769800531 (a public GitHub .do file, replication of "Making comprehensible speeches when your constituents need it" (Research & Politics): Bundestag speeches nested in MPs -- the two outcome scores stacked through preserve, tempfile and append for a histogram by(type, note("") legend(off)), a sutex summary table, then random-intercept models in xtmixed's old syntax with a comma before the random part (xtmixed y $controls, || speakerid:), on subsamples with if, and with party dummies, stored and tabulated with esttab ..., transform(ln*: exp(@) exp(@)) eqlabels() keep() order() coeflabels() continued over lines with /* */; the index does not name the repository)
* author: Nick Lin and Moritz Osnabrügge (file header), July 2018
* licence: none stated
* data: Lin_Osnabruegge_RAP_data.dta = bundestag_speeches
set more off
clear all
cd "$wd1"
use "Lin_Osnabruegge_RAP_data.dta"
set matsize 2000
set scheme s1mono
preserve 
keep scorefre
rename scorefre score
gen type = "FRE Score"
tempfile scorefre
save "`scorefre'"
restore 
preserve
keep scorelixr
rename scorelixr score
gen type = "Reversed LIX Score"
append using "`scorefre'"
hist score, bin(55) percent normal by(type, note("") legend(off)) xtitle("x") ytitle("y") 
graph export "Fig1_Distribution.pdf", replace
restore 
sutex scorefre scorelixr unemployment hochschulreife nongermanpop senioryr leader highjob phd age female migration length_terms, minmax
global ctrl0 unemployment hochschulreife nongermanpop
global ctrl1 unemployment hochschulreife nongermanpop senioryr leader highjob phd age female migration length_terms
xtmixed scorefre $ctrl0, || speakerid: 
est store m1
xtmixed scorefre $ctrl1, || speakerid:
est store m2
xtmixed scorelixr $ctrl0, || speakerid:
est store m3
xtmixed scorelixr $ctrl1, || speakerid: 
est store m4
esttab m1 m2 m3 m4, b(%10.3f) se scalars (N ll) star(+ 0.10 * 0.05 ** 0.01) noomitted transform(ln*: exp(@) exp(@)) /*
	*/ keep(unemployment hochschulreife nongermanpop senioryr leader highjob phd age female migration length_terms _cons) /*
	*/ coeflabels(hochschulreife "a" unemployment "b" nongermanpop "c"/*
	*/ leader "d" highjob "e" phd "f" age "g" female "h" senioryr "i" migration "j" /*
	*/ length_terms "k" _cons "l") /*
	*/ eqlabels("" "m" "n", none)	
global ctrl0 unemployment hochschulreife nongermanpop 
global ctrl1 unemployment hochschulreife nongermanpop senioryr leader highjob phd age female migration length_terms
xtmixed scorefre $ctrl0 if elected_constituent == 0, || speakerid: 
est store m1
xtmixed scorefre $ctrl1 if elected_constituent == 0, || speakerid:
est store m2
xtmixed scorefre $ctrl0 if elected_constituent == 1, || speakerid:
est store m3
xtmixed scorefre $ctrl1 if elected_constituent == 1, || speakerid: 
est store m4
esttab m1 m2 m3 m4, b(%10.3f) se scalars (N ll) star(+ 0.10 * 0.05 ** 0.01) noomitted transform(ln*: exp(@) exp(@)) /*
	*/ keep(unemployment hochschulreife nongermanpop senioryr leader phd age female migration length_terms _cons) /*
	*/ coeflabels(hochschulreife "a" unemployment "b" nongermanpop "c"/*
	*/ leader "d" highjob "e" phd "f" age "g" female "h" senioryr "i" migration "j" /*
	*/ length_terms "k" _cons "l") /*
	*/ eqlabels("" "m" "n", none)	
global ctrl0 unemployment hochschulreife nongermanpop i.party
global ctrl1 unemployment hochschulreife nongermanpop senioryr highjob leader phd age female migration length_terms i.party
xtmixed scorefre $ctrl0, || speakerid: 
est store m1
xtmixed scorefre $ctrl1, || speakerid:
est store m2
xtmixed scorelixr $ctrl0, || speakerid:
est store m3
xtmixed scorelixr $ctrl1, || speakerid: 
est store m4
esttab m1 m2 m3 m4, b(%10.3f) se scalars (N ll) star(+ 0.10 * 0.05 ** 0.01) noomitted transform(ln*: exp(@) exp(@)) /*
	*/ keep(unemployment hochschulreife nongermanpop senioryr leader phd age female migration length_terms 2.party 3.party 4.party 5.party 6.party _cons) /*
	*/ order(unemployment hochschulreife nongermanpop senioryr leader phd age female migration length_terms 2.party 3.party 4.party 5.party 6.party _cons) /*
	*/ coeflabels(hochschulreife "a" unemployment "b" nongermanpop "c"/*
	*/ leader "d" highjob "e" phd "f" age "g" female "h" senioryr "i" migration "j" /*
	*/ length_terms "k" 2.party "o" 3.party "p" 4.party "q" 5.party "r" 6.party "s" _cons "l") /*
	*/ eqlabels("" "m" "n", none)	
