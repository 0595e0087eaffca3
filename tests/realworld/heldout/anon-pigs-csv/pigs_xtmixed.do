* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 29366706919 (a public GitHub .do file: Stata's pig weights read from a csv, REML random-intercept, uncorrelated and correlated random-slope xtmixed models with variances, logged; the index does not name the repository)
* author: unknown
* licence: none stated
* data: pigs.csv = shared:stata/pig.dta
insheet using pigs.csv, clear
capture log close
log using pigs_log.txt, text replace
xtmixed weight week || id: , var
xtmixed weight week || id:week , var
xtmixed weight week || id:week , var cov(un)
log close
