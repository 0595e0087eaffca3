* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 22085241385 (a public GitHub .do file of a knowledge-flows project: invention quality of urban areas over 1990-2013, a local-macro-built source path, interaction terms with technology diversification, and three conditional fixed-effects negative binomial models xtnbreg ..., i(uaid) fe with year dummies given as a d-range built from macros and a percentsubcat* wildcard, each followed by estadd/est store into a growing model list, then esttab with drop() and scalars() and filefilter; the index does not name the repository)
* author: aiyenggar (paths in the file)
* licence: none stated
* data: /Users/x/processed/input-ua3-CalcDistTrue-estimation.dta = patent_citations_ua
local samplestartyear = 1990
local sampleendyear = 2013
local citationcategorystartyear = 2001
local allcitationscategory = 100
local applicantcitationscategory = 2
local examinercitationscategory = 3
local quintile_levels 5
local geosample "ua3"
local calcsample "True"
local inputprefix "input-`geosample'"
local distest "CalcDist`calcsample'"
local legendsample " (a: `geosample', b: `calcsample')"
local fileprefix = "`inputprefix'-`distest'"
local destdir /Users/x/processed/
local reportdir /Users/x/results/
local sourcefile `destdir'`fileprefix'-estimation.dta
local mid=13
local mlist=""
est drop _all
use `sourcefile', clear
keep if citation_type==`allcitationscategory'
xtset uaid year
local yearmin = `samplestartyear'
local dyearstart = `yearmin'+1
local yearmax = `sampleendyear'
gen div=techclass_diversity
gen divsq=div*div
gen intq1=rcit_made_localinternal * div
label variable intq1 "v"
gen sqintq1=rcit_made_localinternal * divsq
label variable sqintq1 "v"
gen intq2=rcit_made_localexternal * div
label variable intq2 "v"
gen sqintq2=rcit_made_localexternal * divsq
label variable sqintq2 "v"
gen intq4=rcit_made_nonlocalinternal * div
label variable intq4 "v"
gen sqintq4=rcit_made_nonlocalinternal * divsq
label variable sqintq4 "v"
gen intq5=rcit_made_other * div
label variable intq5 "v"
gen sqintq5=rcit_made_other * divsq
label variable sqintq5 "v"
xtnbreg cit_recd_total  rcit_made_localinternal rcit_made_localexternal rcit_made_nonlocalinternal rcit_made_other lnpool d`dyearstart'-d`yearmax' percentsubcat* if (year>=`yearmin' & year<=`yearmax'), i(uaid) fe
estadd local Groups `e(N_g)'
estadd local Locations "a"
estadd local PeriodStart `yearmin'
estadd local PeriodEnd `yearmax'
estadd local Citations "a"
local modelname = "Model`mid'"
local mid=`mid'+1
est store `modelname'
local mlist="`mlist' `modelname'"
local myfileprefix = "`fileprefix'-`modelname'"
xtnbreg cit_recd_total  rcit_made_localinternal rcit_made_localexternal rcit_made_nonlocalinternal rcit_made_other intq1 intq2 intq4 intq5 lnpool d`dyearstart'-d`yearmax' percentsubcat* if (year>=`yearmin' & year<=`yearmax'), i(uaid) fe
estadd local Groups `e(N_g)'
estadd local Locations "a"
estadd local PeriodStart `yearmin'
estadd local PeriodEnd `yearmax'
estadd local Citations "a"
local modelname = "Model`mid'"
local mid=`mid'+1
est store `modelname'
local mlist="`mlist' `modelname'"
local myfileprefix = "`fileprefix'-`modelname'"
xtnbreg cit_recd_total  rcit_made_localinternal rcit_made_localexternal rcit_made_nonlocalinternal rcit_made_other intq1 intq2 intq4 intq5 sqintq1 sqintq2 sqintq4 sqintq5 lnpool d`dyearstart'-d`yearmax' percentsubcat* if (year>=`yearmin' & year<=`yearmax'), i(uaid) fe
estadd local Groups `e(N_g)'
estadd local Locations "a"
estadd local PeriodStart `yearmin'
estadd local PeriodEnd `yearmax'
estadd local Citations "a"
local modelname = "Model`mid'"
local mid=`mid'+1
est store `modelname'
local mlist="`mlist' `modelname'"
local myfileprefix = "`fileprefix'-`modelname'"
esttab `mlist' using temp.tex, title("t") label replace p(3) not nostar noomitted compress nogaps drop (d* percent*) scalars("Groups" "Locations" "Citations" "PeriodStart" "PeriodEnd") addnotes("n" "n")
filefilter temp.tex `reportdir'`fileprefix'-model.tex, from("{table}") to("{sidewaystable}") replace
