* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:HelioGuilherme66/gretl@4fd755fc3b60ab9f32c2705ada1f2cdcb97bf524 gretl-tests/test-gretl/arbond/stata/Alessia.do (a mirror of gretl's test suite: the Stata side of a cross-check of gretl's Arellano-Bond estimator on a user's industry-country panel -- egen group(), a panel id built from two codes, tsset, logs made with the abbreviation gene, and one-step robust and two-step xtabond with maxldep(9))
* author: gretl test suite (Allin Cottrell, Riccardo Lucchetti; data from a gretl user, per the file name)
* licence: none stated in the file (gretl itself is GPL)
* data: provagretl = provagretl
set mem 100m
use provagretl
egen pan=group(country)
gene panelid=isic+1000*pan
tsset panelid year
gene lprod = log(prod)
gene lemp = log(emp)
gene lva = log(va)
set matsize 800
xtabond lprod lemp lva, rob maxldep(9)
xtabond lprod lemp lva, maxldep(9) twostep
