* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 4240098656 (a public GitHub .do file, the commands of chapter 6, "Marginal models", of Rabe-Hesketh & Skrondal's Multilevel and Longitudinal Modeling Using Stata, 4th edition: mixed with residual covariance structures on the wage panel, estat wcorrelation, lrtest, estimates stats/table, xtgee, and xtpcse on a long country panel; the index does not name the repository)
* author: unknown (the book's chapter 6 examples)
* licence: none stated
* data: https://www.stata-press.com/data/mlmus4/wagepan = wagepan_full
* data: https://www.stata-press.com/data/mlmus4/garrett = garrett
use https://www.stata-press.com/data/mlmus4/wagepan, clear
generate educt = educ - 12
generate yeart = year - 1980
mixed lwage black hisp union married exper yeart educt || nr:, noconstant residuals(unstructured, t(yeart)) nofetable nogroup mle stddeviations
estimates store un
estat wcorrelation
quietly mixed lwage black hisp union married exper yeart educt || nr:, noconstant residuals(exchangeable) mle stddeviations
estimates store ri
mixed lwage black hisp union married exper yeart educt || nr: yeart, covariance(unstructured) nofetable nogroup mle stddeviations
estimates store rc
estat wcorrelation
mixed lwage black hisp union married exper yeart educt || nr:, noconstant residuals(ar 1, t(yeart)) nofetable nogroup mle stddeviations
estimates store ar1
estat wcorrelation
mixed lwage black hisp union married exper yeart educt || nr:, noconstant residuals(ma 1, t(yeart)) nofetable nogroup mle stddeviations
estimates store ma1
estat wcorrelation
mixed lwage black hisp union married exper yeart educt || nr:, noconstant residuals(banded 1, t(yeart)) nofetable nogroup mle stddeviations
estimates store ba1
estat wcorrelation
mixed lwage black hisp union married exper yeart educt || nr:, noconstant residuals(toeplitz 2, t(yeart)) nofetable nogroup mle stddeviations
estimates store to2
estat wcorrelation
mixed lwage black hisp union married exper yeart educt || nr:, residuals(ar 1, t(yeart)) nofetable nogroup mle stddeviations
estimates store ri_ar1
estat wcorrelation
mixed lwage black hisp union married exper yeart educt || nr: yeart, covariance(unstructured) residuals(independent, by(yeart)) nofetable nogroup  mle stddeviations
estimates store rc_het
estat wcorrelation
generate ethnic = black*1 + hisp*2
mixed lwage black hisp union married exper yeart educt || nr:, residuals(independent, by(ethnic)) nofetable nogroup mle stddeviations
estimates store ri_het2
table ethnic, statistic(min nr)
estat wcorrelation, at(nr=13)
estat wcorrelation, at(nr=383)
estat wcorrelation, at(nr=1142)
mixed lwage black hisp union married exper yeart educt || nr:, noconstant residuals(ar 1, t(yeart) by(ethnic)) nofetable nogroup mle stddeviations
lrtest un ma1
estimates stats un ri rc ar1 ma1 ba1 to2 ri_ar1 rc_het
estimates table un ri rc ar1 ma1 ba1 to2 ri_ar1 rc_het, b(%4.3f) se(%4.3f) keep(lwage:)
quietly xtset nr yeart
xtgee lwage black hisp union married exper yeart educt, corr(ar 1) vce(robust)
estat wcorrelation, format(%4.3f)
use https://www.stata-press.com/data/mlmus4/garrett, clear
xtset country year
xtpcse gdp oild demand leftpow organ c.leftpow#c.organ
xtpcse gdp oild demand leftpow organ c.leftpow#c.organ, correlation(ar1)
