* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 21317446320 (a public GitHub .do file of a study of positive and negative social support and word-recall memory of English Longitudinal Study of Ageing respondents over eight waves (a medRxiv 2020 analysis): descriptive tables of each wave's analytical sample in preserve/keep if inrange()/tabstat, stat() format() columns(statistics)/tab1/restore blocks, keep of wildcard lists, reshape long of three stubs, a weighted growth model mixed ... || idauniq: c.occasion, pweight() variance ml covariance(un) residuals(independent), keep if e(sample), the count of prior tests by idauniq, mi set mlong, mi misstable summarize, mi reshape wide, mi register imputed, mi impute chained of sixteen pmm, knn(2) include() equations, an mlogit and a logit, omit() equation with add(10) rseed (#) force augment orderasis noimputed, mi xeq: egen rowmean()/mean() and between-/within-person centring, mi reshape long and mi estimate: mixed of a growth model with c.occasion# interactions (an i.actlevel abbreviation); excerpt: the descriptive tables and the first analysis (all relationships); the six later sections -- spouse, children, other family and friends by sex, and completers -- repeat its form with other support variables and are left out; the index does not name the repository)
* author: unknown
* licence: none stated
* data: N:\Temp\AnalysisFile_medRxiv_2020.dta = elsa_memory_support
use "N:\Temp\AnalysisFile_medRxiv_2020.dta", clear
preserve
keep if inrange(memory0,0,20)
tabstat memory0 PSall0 NSall0 age1, stat(n mean sd) format(%9.1f)  columns(statistics)
tab1 indsex topqual wealthq1 smoke1 drink1 actlevel1 SPart1 CESD1 ADL1 
restore
preserve
keep if inrange(memory1,0,20)
tabstat memory1 PSall1 NSall1 age1, stat(n mean sd) format(%9.1f)  columns(statistics)
tab1 indsex topqual wealthq1 smoke1 drink1 actlevel1 SPart1 CESD1 ADL1 
restore
preserve
keep if inrange(memory2,0,20)
tabstat memory2 PSall2 NSall2 age1, stat(n mean sd) format(%9.1f)  columns(statistics)
tab1 indsex topqual wealthq1 smoke1 drink1 actlevel1 SPart1 CESD1 ADL1 
restore
preserve
keep if inrange(memory3,0,20)
tabstat memory3 PSall3 NSall3 age1, stat(n mean sd) format(%9.1f)  columns(statistics)
tab1 indsex topqual wealthq1 smoke1 drink1 actlevel1 SPart1 CESD1 ADL1 
restore
preserve
keep if inrange(memory4,0,20)
tabstat memory4 PSall4 NSall4 age1, stat(n mean sd) format(%9.1f)  columns(statistics)
tab1 indsex topqual wealthq1 smoke1 drink1 actlevel1 SPart1 CESD1 ADL1 
restore
preserve
keep if inrange(memory5,0,20)
tabstat memory5 PSall5 NSall5 age1, stat(n mean sd) format(%9.1f)  columns(statistics)
tab1 indsex topqual wealthq1 smoke1 drink1 actlevel1 SPart1 CESD1 ADL1 
restore
preserve
keep if inrange(memory6,0,20)
tabstat memory6 PSall6 NSall6 age1, stat(n mean sd) format(%9.1f)  columns(statistics)
tab1 indsex topqual wealthq1 smoke1 drink1 actlevel1 SPart1 CESD1 ADL1 
restore
preserve
keep if inrange(memory7,0,20)
tabstat memory7 PSall7 NSall7 age1, stat(n mean sd) format(%9.1f)  columns(statistics)
tab1 indsex topqual wealthq1 smoke1 drink1 actlevel1 SPart1 CESD1 ADL1 
restore
keep idauniq indsex memory* w1wgt CESD1 ADL1 iADL1 wealthq1 topqual PSall* NSall* age1 agebl_65 agesq wave* numwaves w8w1lwgt smoke1 drink1 actlevel1 SPart1 couple ProblemsW1 DiagnosedW1 
reshape long memory PSall NSall, i(idauniq) j(occasion)
generate occasionsq = occasion*occasion
mixed memory c.occasion c.occasionsq c.agebl_65 c.agesq c.occasion#c.agebl_65 c.occasion#c.agesq || idauniq: c.occasion, pweight(w1wgt)  variance ml covariance(un) residuals(independent)
gen asample=e(sample)
keep if asample==1     
drop asample
by idauniq, sort: generate ptests=_n
replace ptests = ptests-1
replace smoke1=0 if idauniq==106217
mi set mlong
mi misstable summarize PSall NSall topqual wealthq1 CESD1 drink1 actlevel1 SPart1 ADL1
mi reshape wide memory PSall NSall occasionsq ptests, i(idauniq) j(occasion)
mi register imputed topqual wealthq1 CESD1 drink1 actlevel1 SPart1  PSall0 PSall1 PSall2 PSall3 PSall4 PSall5 PSall6 PSall7 NSall0 NSall1 NSall2 NSall3 NSall4 NSall5 NSall6 NSall7 
mi impute chained (pmm,knn(2)) PSall0 (pmm,knn(2) include(PSall0)) PSall1 (pmm,knn(2) include(PSall0 PSall1)) PSall2 (pmm,knn(2) include(PSall0 PSall1 PSall2)) PSall3 (pmm,knn(2) include(PSall0 PSall1 PSall2 PSall3)) PSall4 (pmm,knn(2) include(PSall0 PSall1 PSall2 PSall3 PSall4)) PSall5 (pmm,knn(2) include(PSall0 PSall1 PSall2 PSall3 PSall4 PSall5)) PSall6 (pmm,knn(2) include(PSall0 PSall1 PSall2 PSall3 PSall4 PSall5 PSall6)) PSall7 (pmm,knn(2)) NSall0 (pmm,knn(2) include(NSall0)) NSall1 (pmm,knn(2) include(NSall0 NSall1)) NSall2 (pmm,knn(2) include(NSall0 NSall1 NSall2)) NSall3 (pmm,knn(2) include(NSall0 NSall1 NSall2 NSall3)) NSall4 (pmm,knn(2) include(NSall0 NSall1 NSall2 NSall3 NSall4)) NSall5 (pmm,knn(2) include(NSall0 NSall1 NSall2 NSall3 NSall4 NSall5)) NSall6 (pmm,knn(2) include(NSall0 NSall1 NSall2 NSall3 NSall4 NSall5 NSall6)) NSall7 (mlogit) topqual wealthq1 (logit,omit(agebl_65)) actlevel1 SPart1 CESD1 drink1 = w1wgt indsex agebl_65 smoke1 ADL1 iADL1 memory0 i.couple ProblemsW1 DiagnosedW1 ,add(10) rseed (06599023) force augment orderasis noimputed 
mi xeq: egen PSmean=rowmean(PSall0 PSall1 PSall2 PSall3 PSall4 PSall5 PSall6 PSall7)
mi xeq: egen NSmean=rowmean(NSall0 NSall1 NSall2 NSall3 NSall4 NSall5 NSall6 NSall7)
mi xeq: egen PSgrand = mean(PSmean)
mi xeq: egen NSgrand = mean(NSmean)
mi xeq: gen PSallBP = PSmean-PSgrand
mi xeq: gen NSallBP = NSmean-NSgrand
mi xeq: gen PSallWP0 = (PSall0 - PSmean)
mi xeq: gen PSallWP1 = (PSall1 - PSmean)
mi xeq: gen PSallWP2 = (PSall2 - PSmean)
mi xeq: gen PSallWP3 = (PSall3 - PSmean)
mi xeq: gen PSallWP4 = (PSall4 - PSmean)
mi xeq: gen PSallWP5 = (PSall5 - PSmean)
mi xeq: gen PSallWP6 = (PSall6 - PSmean)
mi xeq: gen PSallWP7 = (PSall7 - PSmean)
mi xeq: gen NSallWP0 = (NSall0 - NSmean)
mi xeq: gen NSallWP1 = (NSall1 - NSmean)
mi xeq: gen NSallWP2 = (NSall2 - NSmean)
mi xeq: gen NSallWP3 = (NSall3 - NSmean)
mi xeq: gen NSallWP4 = (NSall4 - NSmean)
mi xeq: gen NSallWP5 = (NSall5 - NSmean)
mi xeq: gen NSallWP6 = (NSall6 - NSmean)
mi xeq: gen NSallWP7 = (NSall7 - NSmean)
mi reshape long memory PSallWP NSallWP occasionsq ptests,i(idauniq) j(occasion)   
mi estimate: mixed memory c.occasion c.occasionsq c.ptests c.agebl_65 c.agesq i.indsex c.occasion#i.indsex c.occasion#c.ptests c.occasion#c.agebl_65 c.occasion#c.agesq   i.topqual  c.occasion#i.topqual  i.wealthq1 c.occasion#i.wealthq1  i.smoke1 c.occasion#i.smoke1 i.drink1 c.occasion#i.drink1 i.actlevel c.occasion#i.actlevel i.SPart1 c.occasion#i.SPart1 i.CESD1 c.occasion#i.CESD1 i.ADL1 c.occasion#i.ADL1 c.PSallBP c.occasion#c.PSallBP c.PSallWP c.occasion#c.PSallWP c.NSallBP c.occasion#c.NSallBP c.NSallWP c.occasion#c.NSallWP || idauniq: c.occasion, pweight(w1wgt)  variance ml covariance(un) residuals(independent)
