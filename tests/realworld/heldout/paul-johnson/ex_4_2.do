* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 11881767448 (a public GitHub .do file; the index does not name the repository)
* author: Paul E. Johnson (file header), 2016, exercise 4.2 of Rabe-Hesketh & Skrondal MLMUS3 (High School and Beyond, Raudenbush and Bryk's random-slope model)
* licence: none stated
* data: hsb.dta12 = hsb_mlmus
capture log close
set more off, permanently
log using Ex-4.2.log, replace text
use hsb.dta12
sum
egen sesmean = mean(ses), by(schoolid)
gen sesdev = ses-sesmean
mixed mathach c.sesmean i.sector c.sesdev c.sesmean#c.sesdev i.sector#c.sesdev || schoolid: c.sesdev, mle covariance(unstructured) stddev
estimates store mfull
mixed mathach c.sesmean i.sector c.sesdev c.sesmean#c.sesdev i.sector#c.sesdev || schoolid: , mle covariance(unstructured) stddev
estimates store m1
lrtest mfull m1, stats
mixed mathach c.sesmean i.sector c.sesdev c.sesmean#c.sesdev i.sector#c.sesdev || schoolid: c.sesdev, mle covariance(independent)
estimates store mind
lrtest mfull mind
mixed mathach c.sesmean##c.sesdev i1.sector##c.sesdev || schoolid: c.sesdev, mle covariance(unstructured)
estimates store mfull2
mixed mathach c.sesmean##c.sesdev i.sector i.sector#c.sesdev || schoolid: c.sesdev, mle covariance(unstructured)
estimates store mfull3
matrix list e(b)
mixed, variance
estimates restore mfull
mixed, stddev
mixed mathach c.sesmean i.sector c.sesdev c.sesmean#c.sesdev i.sector#c.sesdev || schoolid: c.sesdev, mle covariance(unstructured) nostderr
estimates store mfull
mixed mathach c.sesmean##c.sesdev c.disclim c.sesdev#c.disclim i1.sector i1.sector#c.sesdev  minority || schoolid: c.sesdev, mle covariance(unstructured)
estimates store mdisc
