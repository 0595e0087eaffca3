* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 27167661380 (a public GitHub Markdown file, study notes on chapter 17 ("time as a categorical predictor") of Mitchell's Interpreting and Visualizing Regression Models Using Stata: its Stata chunks in order -- minutes of sleep at three monthly occasions, mixed ... || id:, noconstant residuals(unstructured|un|exchangeable|ar 1, t(month)) with the suboption written against the closing parenthesis (,t(month))nolog), margins ..., nopvalues and marginsplot, contrast with ar., r. and ar3. operators and nowald effects / pveffects, pwcompare ..., effects, three look-alike trial files loaded with use and no clear, list ..., sepby(id), estimates store (abbreviated estimate) and estimate stats of three residual structures, then a small unbalanced sample with dfmethod(kroger) and dfmethod(satterthwaite) under reml and contrast ..., small; the index does not name the repository)
* author: unknown (notes on M. N. Mitchell's book; image paths in the file name a forest293 account)
* licence: none stated
* data: sleep_cat3.dta = ivrm_sleep_cat3
* data: sleep_catcat23.dta = ivrm_sleep_catcat23
* data: sleep_catcat33.dta = ivrm_sleep_catcat33
* data: sleep_catcat23small.dta = ivrm_sleep_catcat23small
use sleep_cat3.dta
summarize
mixed sleep i.month || id:,noconstant residuals(unstructured,t(month))nolog
margins month,nopvalues
marginsplot
contrast month
contrast ar.month,nowald effects
pwcompare month,effects
use sleep_catcat23.dta
list in 1/6,sepby(id)
summarize
mixed sleep i.group##i.month || id:,noconstant residuals(un,t(month))nolog
margins month#group,nopvalues
marginsplot,noci
contrast group#month
contrast ar.month#group,nowald pveffects
use sleep_catcat33.dta
list in 1/6,sepby(id)
summarize
mixed sleep i.group##i.month ||id:,noconstant residuals(un,t(month)) nolog
margins month#group,nopvalues
marginsplot,noci
contrast group#month
contrast ar.month#r.group,nowald pveffects
contrast ar3.group#r.month,nowald pveffects
use sleep_cat3.dta
mixed sleep i.month || id:,noconstant residuals(unstructured,t(month))
estimate store m_un
mixed sleep i.month || id:,noconstant residuals(exchangeable,t(month))
estimate store m_ex
mixed sleep i.month || id:,noconstant residuals(ar 1,t(month))
estimate store m_ar1
estimate stats m_un m_ex m_ar1
* mlm-expect: r(4)
use sleep_catcat23small.dta
count
* mlm-expect: r(111)
tab group month
sort id month
list in 1/20,sepby(id)
summarize
* mlm-expect: r(111)
mixed sleep i.group##i.month || id:,noconstant residuals(un,t(month))
contrast ar.month#group,nowald pveffects
* mlm-expect: r(111)
mixed sleep i.group##i.month || id:,noconstant residuals(un,t(month)) dfmethod(kroger) reml nolog
contrast ar.month#group,nowald pveffects small
* mlm-expect: r(111)
mixed sleep i.group##i.month || id:,noconstant residuals(un,t(month)) reml dfmethod(satterthwaite) nolog
contrast ar.month#group,nowald pveffects small
