* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 47664985631 (a public GitHub .do file, a short class demonstration on Stata's pig data: OLS, a mixed model with no random part, random intercept, random intercept and slope, fitted values plotted, and the density of the slopes; the index does not name the repository)
* author: unknown
* licence: none stated
* data: https://www.stata-press.com/data/r16/pig = shared:stata/pig.dta
use https://www.stata-press.com/data/r16/pig, clear
describe
summarize
tw (scatter weight week, c(ascending))
reg weight week
predict fit, xb
tw (scatter weight week, c(ascending) lcolor(%25) mcolor(%25)) (scatter fit week, c(ascending))
help mixed
mixed weight week
predict resid, resid
summarize resid, d
predict fit2, fitted
tw (scatter weight week, c(ascending) lcolor(%25) mcolor(%25)) (scatter fit2 week, c(ascending))
mixed weight week, || id:
predict fit3, fitted
tw (scatter weight week, c(ascending) lcolor(%25) mcolor(%25)) (scatter fit3 week, c(ascending))
mixed weight week || id: week
predict fit4, fitted
tw (scatter weight week, c(ascending) lcolor(%25) mcolor(%25)) (scatter fit4 week, c(ascending))
tw (fn y = normalden(x,6.209896,sqrt(.3680668)), range(2 10))
