* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 43995279670 (a public GitHub .do file of a Stata econometrics textbook's chapter on panel IV and dynamic models: Cornwell and Rupert's wage panel read from an Excel sheet and saved, xtsum, fixed-effects xtivreg with first and with vce(bootstrap), Hausman-Taylor and Amemiya-MaCurdy xthtaylor with endog() and constant(), two-step xtabond with lags(2) artests(3), estat abond and estat sargan; the index does not name the repository)
* author: Park Seung-rok (file header: the book "Applied Econometrics using Stata", Parkyoung, 2019)
* licence: none stated
* data: V-3-2-IVEstimation.xlsx = psid_extract
import excel "D:\statapgm\Part5\V-3-2-IVEstimation.xlsx", sheet("wage") firstrow
save V-3-2-IVEstimation, replace
use V-3-2-IVEstimation, clear
xtset id t
xtsum lwage wks south smsa ms exp occ ind union fem blk ed
xtivreg lwage south smsa exp occ ind union  (wks = ms), fe first
xtivreg lwage south smsa exp occ ind union  (wks = ms), fe 
xtivreg lwage south smsa exp occ ind union  (wks = ms), fe vce(bootstrap)
xthtaylor lwage wks south smsa ms exp occ ind union fem blk ed, endog(exp occ ind union ed) constant(fem blk ed)
xthtaylor lwage wks south smsa ms exp occ ind union fem blk ed, endog(exp occ ind union ed) constant(fem blk ed) amacurdy
xtabond lwage wks south smsa ms exp occ ind union, lag(2) twostep artests(3)
estat abond
estat sargan
