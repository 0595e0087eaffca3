* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 43262919845 (a public GitHub .do file, chapter 7 "panel data regression" of a Chinese introductory econometrics book's companion code, on Cameron and Trivedi's PSID extract, a Grunfeld-type investment panel and nlswork; the index does not name the repository) (excerpt: sections 7.1-7.3, static panel models, random coefficients and panel instrumental variables; 7.4-7.8, interactive and high-dimensional fixed effects, dynamic panels, long panels and stochastic frontiers, left out)
* author: unknown
* licence: none stated
* data: mus08psidextract.dta = psid_extract
* data: invest2.dta = invest_panel
* data: nlswork.dta = shared:stata/nlswork.dta
cd "D:\book2"
use mus08psidextract.dta, clear
xtset id t  
xtsum id t exp wks occ
use mus08psidextract.dta, clear
asdoc sum, replace
xtset id t
xtdes
xtsum
xttab fem
reg lwage exp wks occ ind south smsa ms union i.id
outreg2 using mmxi, word replace
xtreg lwage exp wks occ ind south smsa ms union, fe
outreg2 using mmxi, word
xtreg lwage exp wks occ ind south smsa ms union i.t, fe robust
xtreg lwage exp wks occ ind south smsa ms union tdum2-tdum7, fe
test tdum2 tdum3 tdum4 tdum5 tdum6 tdum7
xtreg lwage exp wks occ ind south smsa ms union i.t, fe
outreg2 using mmxi, word replace
xtreg lwage exp wks occ ind south smsa ms union tdum2-tdum7, fe
outreg2 using mmxi, word
xtreg lwage exp wks occ ind south smsa ms union i.t, fe cluster(id)
outreg2 using mmxi, word
xtreg lwage exp wks occ ind south smsa ms union tdum2-tdum7, fe cluster(id)
outreg2 using mmxi, word
xtreg lwage exp wks occ ind south smsa ms union fem ed blk, re
outreg2 using mmxi, word replace
xtreg lwage exp wks occ ind south smsa ms union fem ed blk, mle 
outreg2 using mmxi, word
xtreg lwage exp wks occ ind south smsa ms union, re
outreg2 using mmxi, word
xtreg lwage exp wks occ ind south smsa ms union, mle
outreg2 using mmxi, word
xtreg lwage exp wks occ ind south smsa ms union fem ed blk, be
reg lwage exp wks occ ind south smsa ms union fem ed blk, vce(cluster id)
xtreg lwage exp wks occ ind south smsa ms union, fe
est store fe
xtreg lwage exp wks occ ind south smsa ms union, re 
est store re
hausman fe re
xtreg lwage exp wks occ ind south smsa ms union fem ed blk, fe
est store fe
xtreg lwage exp wks occ ind south smsa ms union fem ed blk, re
est store re
xtreg lwage exp wks occ ind south smsa ms union fem ed blk, cre
est store cre
esttab fe re cre,se
use "D:\book2\invest2.dta", clear
xtset company time
xtrc invest market stock
xtrc invest market stock, beta
reg invest stock market i.company#c.market i.company, vce(cluster company)
use "D:\book2\nlswork.dta", clear
sum
xtset idcode year
xtreg ln_wage tenure age c.age#c.age not_smsa, fe
xtivreg ln_w age c.age#c.age not_smsa (tenure = union south), fe vce(cluster idcode)
xtivreg ln_w age c.age#c.age not_smsa (tenure = union south), fe vce(cluster idcode) first
xtivreg ln_w age c.age#c.age not_smsa (tenure = union south) i.year, fe vce(cluster idcode)
xtivreg ln_w age c.age#c.age not_smsa (tenure = union south), fe vce(bootstrap, reps(500))
xtivreg ln_w age c.age#c.age not_smsa 2.race (tenure = union birth_yr south), re vce(cluster idcode)
xtivreg ln_w age not_smsa (tenure = union birth_yr south), fd
