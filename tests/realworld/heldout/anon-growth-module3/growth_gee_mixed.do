* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 38291990145 (a public GitHub .do file, "Module 3" of a course on longitudinal data: Potthoff and Roy's dental growth data of 11 girls and 16 boys at ages 8-14 -- xtset, xtline overlay, a forvalues loop that builds a twoway of one line per child in a local (red for girls, blue for boys), bysort summarize, a second loop of lfit lines, reshape wide with corr and corr, cov by gender; then xi: xtgee with corr(exch) robust, lincom with the xi-made _IgenXcage_2, estat wcorr; then mixed random-intercept and random-slope models with stddeviations, estimates store, estat ic, lrtest; the middle section's lines end in carriage returns alone in the stored copy and are given here one command a line; the index does not name the repository)
* author: unknown (course material)
* licence: none stated
* data: growth.dta = potthoff_growth
use growth.dta, replace
xtset id age
xtline length, overlay legend(off)
forv i = 1/26 { 
        if `i' < 12 { 
                local plotline1  "`plotline1' line length age if id == `i', lc(red)  || " 
        } 
        else { 
                local plotline2  "`plotline2' line length age if id == `i', lc(blue) || " 
        } 
} 
twoway `plotline1' `plotline2' , legend(order(1 "Label A" 12 "Label B")) 
bysort gender: summarize length if age==8
bysort gender: summarize length if age==10
bysort gender: summarize length if age==12
bysort gender: summarize length if age==14
forv i = 1/11 { 
local plotline1  "`plotline1' lfit length age if id == `i', lc(red)  || " 
}
twoway `plotline1', legend(off)
reshape wide length, i(id) j(age)
corr length8 length10 length12 length14 if gender==1
corr length8 length10 length12 length14 if gender==2
corr length8 length10 length12 length14 if gender==1, cov
corr length8 length10 length12 length14 if gender==2, cov
use growth.dta, replace
xtset id age
gen cage = age-8
help xtgee
xi: xtgee length i.gender*cage, corr(exch) robust
lincom cage + _IgenXcage_2
estat wcorr
use growth.dta, replace
xtset id age
help mixed
gen cage = age-8
mixed length i.gender##c.cage || id:, stddeviations
est store ri
estat ic
mixed length i.gender##c.cage || id: cage, cov(unstructured) stddeviations
est store rs
estat ic
lrtest ri rs
