* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 71285295792 (a public GitHub .do file: the webdoc source of a StataCorp webinar's slides, "Introduction to multilevel modeling using Stata"; the index does not name the repository) (the Stata commands between the slides' HTML blocks, in order)
* author: Meghan Cain (StataCorp, file text), 2026
* licence: none stated
* data: math = nels_math23
clear
set linesize 90
webdoc init index, replace logall prefix(mlmm_)
use math
list in 50/60, sepby(schid)
codebook schid
regress math homework ses c.ratio##schtype
quietly  margins, at(homework=(0/7)) plot
webdoc graph, as(svg)
regress math homework ses c.ratio##schtype, vce(cluster schid)
xtset schid
xtreg math homework ses c.ratio##schtype, mle
mixed math homework ses c.ratio##schtype || schid: , stddev
estat icc
quietly margins, at(homework=(0/7)) plot
webdoc graph, as(svg)
predict u, reffects reses(s)
egen tagme = tag(schid)
egen rank = rank(u) if tagme
serrbar u s rank if tagme, scale(1.96) yline(0) mvopts(mlabel(schid))
webdoc graph, as(svg)
mixed math homework || schid: , stddev
predict yhat1, fitted
sort schid homework
twoway (line yhat1 homework, connect(ascending))
webdoc graph, as(svg)
mixed math homework || schid: homework, cov(unstructured) stddev
predict yhat2, fitted
sort schid homework
twoway (line yhat2 homework, connect(ascending))
webdoc graph, as(svg)
