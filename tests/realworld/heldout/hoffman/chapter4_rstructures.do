* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 19956789094 (a public GitHub .do file, the Stata code of chapter 4 of a longitudinal-analysis book, 'PilesOfVariance' per its paths: daily positive mood over seven study days, a saturated-means model and empty-means models with R-only and random-intercept-plus-R structures -- residuals(unstructured|exchangeable|ar1|toeplitz#|independent|banded0, t(studyday)) -- by REML, each followed on continuation lines ending in commas by estat ic with n(200), estat wcorrelation with and without covariance, estat icc, estat recovariance with relevel() and correlation, estimates store and lrtest with force; contrast and margins with pwcompare(pveffects); a named log converted by log2html; the index does not name the repository)
* author: Lesa Hoffman (the book's companion files, per the 'PilesOfVariance' path in the file)
* licence: none stated
* data: STATA_Chapter4.dta = hoffman_ch4
set more off
set linesize 150
global filesave "C:\Dropbox\PilesOfVariance\Chapter4\STATA"
use "$filesave\STATA_Chapter4.dta", clear
log using $filesave\STATA_Chapter4_Output, replace name(STATA_Chapter4)
display as result "Text"
tabulate studyday, summarize(posmood)
display as result "Text"
display as result "Text"
mixed posmood i.studyday, || personid: , noconstant variance reml covariance(unstructured) residuals(unstructured,t(studyday)),
      estat ic, n(200),
      estat wcorrelation, covariance,
      estat wcorrelation,
      contrast i.studyday, 
      margins  i.studyday, 
      margins  i.studyday, pwcompare(pveffects)
display as result "Text"
display as result "Text"
mixed posmood , || personid: , noconstant variance reml covariance(unstructured) residuals(unstructured,t(studyday)),
      estat ic, n(200),
      estat wcorrelation, covariance,
      estat wcorrelation,
      estimates store UN,
display as result "Text"
display as result "Text"
mixed posmood , || personid: , noconstant variance reml covariance(unstructured) residuals(exchangeable,t(studyday)),
      estat ic, n(200),
      estat wcorrelation, covariance,
      estat wcorrelation,
      estimates store CS,
      lrtest UN CS, 
display as result "Text"
mixed posmood , || personid: , noconstant variance reml covariance(unstructured) residuals(ar1,t(studyday)),
      estat ic, n(200),
      estat wcorrelation, covariance,
      estat wcorrelation,
      estimates store AR1,
      lrtest UN AR1, 
display as result "Text"
mixed posmood , || personid: , noconstant variance reml covariance(unstructured) residuals(toeplitz6,t(studyday)),
      estat ic, n(200),
      estat wcorrelation, covariance,
      estat wcorrelation,
      estimates store TOEP7,
      lrtest UN TOEP7, 
      lrtest TOEP7 CS, 
      lrtest TOEP7 AR1, 
display as result "Text"
display as result "Text"
mixed posmood , || personid: , variance reml covariance(unstructured) residuals(independent,t(studyday)),
      estat ic, n(200),
      estat icc,
      estat recovariance, relevel(personid),
      estat recovariance, relevel(personid) correlation,
      estat wcorrelation, covariance,
      estat wcorrelation,
      estimates store RIDIAG,
      lrtest UN RIDIAG, force
display as result "Text"
display as result "Text"
mixed posmood , || personid: , variance reml covariance(unstructured) residuals(banded0,t(studyday)),
      estat ic, n(200),
      estat recovariance, relevel(personid),
      estat recovariance, relevel(personid) correlation,
      estat wcorrelation, covariance,
      estat wcorrelation,
      estimates store RIDIAGH,
      lrtest UN RIDIAGH, force
      lrtest RIDIAGH RIDIAG, force
display as result "Text"
display as result "Text"
mixed posmood , || personid: , variance reml covariance(unstructured) residuals(ar1,t(studyday)),
      estat ic, n(200),
      estat recovariance, relevel(personid),
      estat recovariance, relevel(personid) correlation,
      estat wcorrelation, covariance,
      estat wcorrelation,
      estimates store RIAR1,
      lrtest UN RIAR1, force
      lrtest RIAR1 AR1, force
      lrtest RIAR1 RIDIAG, force
display as result "Text"
display as result "Text"
mixed posmood , || personid: , variance reml covariance(unstructured) residuals(toeplitz1,t(studyday)),
      estat ic, n(200),
      estat recovariance, relevel(personid),
      estat recovariance, relevel(personid) correlation,
      estat wcorrelation, covariance,
      estat wcorrelation,
      estimates store RITOEP2,
      lrtest UN RITOEP2, force
      lrtest RITOEP2 RIDIAG, force
display as result "Text"
display as result "Text"
mixed posmood , || personid: , variance reml covariance(unstructured) residuals(toeplitz2,t(studyday)),
      estat ic, n(200),
      estat recovariance, relevel(personid),
      estat recovariance, relevel(personid) correlation,
      estat wcorrelation, covariance,
      estat wcorrelation,
      estimates store RITOEP3,
      lrtest UN RITOEP3, force
      lrtest RITOEP3 RITOEP2, force
display as result "Text"
display as result "Text"
mixed posmood , || personid: , variance reml covariance(unstructured) residuals(toeplitz3,t(studyday)),
      estat ic, n(200),
      estat recovariance, relevel(personid),
      estat recovariance, relevel(personid) correlation,
      estat wcorrelation, covariance,
      estat wcorrelation,
      estimates store RITOEP4,
      lrtest UN RITOEP4, force
      lrtest RITOEP4 RITOEP3, force
display as result "Text"
display as result "Text"
mixed posmood , || personid: , variance reml covariance(unstructured) residuals(toeplitz4,t(studyday)),
      estat ic, n(200),
      estat recovariance, relevel(personid),
      estat recovariance, relevel(personid) correlation,
      estat wcorrelation, covariance,
      estat wcorrelation,
      estimates store RITOEP5,
      lrtest UN RITOEP5, force
      lrtest RITOEP5 RITOEP4, force
display as result "Text"
display as result "Text"
mixed posmood , || personid: , variance reml covariance(unstructured) residuals(toeplitz5,t(studyday)),
      estat ic, n(200),
      estat recovariance, relevel(personid),
      estat recovariance, relevel(personid) correlation,
      estat wcorrelation, covariance,
      estat wcorrelation,
      estimates store RITOEP6,
      lrtest UN RITOEP6, force
      lrtest RITOEP6 RITOEP5, force
log close STATA_Chapter4
log2html $filesave\STATA_Chapter4_Output, replace
