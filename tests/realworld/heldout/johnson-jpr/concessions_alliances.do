* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37594867668 (a public GitHub .do file, replication file of "The Cost of Security: Foreign Policy Concessions and Military Alliances" (Journal of Peace Research): concession counts by alliance with negative binomial and Poisson models and, in Table A6, random-intercept Poisson models by target country with xtmepoisson; the index does not name the repository)
* author: Jesse C. Johnson (file header)
* licence: none stated
* data: \JohnsonJPRrep\JohnsonJPRrep.dta = alliance_concessions
use "\JohnsonJPRrep\JohnsonJPRrep.dta", clear
set more off
tab c1
tab c2
tab c3
tab c4
tab c5
tab c6
tab c7
tab c8
tab c9
tab c10
nbreg concession t_win
nbreg concession d_contr
nbreg concession t_win d_contr
nbreg concession t_win d_contr prWWI WWI iWW WWII cold
nbreg concession t_win d_contr prWWI WWI iWW WWII cold cwpceyrs
nbreg concession2 t_win
nbreg concession2 d_contr
nbreg concession2 t_win d_contr
nbreg concession2 t_win d_contr prWWI WWI iWW WWII cold
nbreg concession2 t_win d_contr prWWI WWI iWW WWII cold cwpceyrs
pwcorr c1-c10, sig
nbreg concession t_win d_contr
nbreg concession t_win t_cap c_cap d_cap
nbreg concession d_contr t_cap c_cap d_cap
nbreg concession t_win d_contr t_cap c_cap d_cap
poisson concession t_win
poisson concession d_contr
poisson concession t_win d_contr
poisson concession t_win d_contr prWWI WWI iWW WWII cold
poisson concession t_win d_contr prWWI WWI iWW WWII cold cwpceyrs
nbreg concession t_win d_contr if europe~=.
nbreg concession t_win d_contr europe me africa asia
nbreg concession t_win d_contr prWWI WWI iWW WWII cold cwpceyrs if europe~=.
nbreg concession t_win d_contr europe me africa asia prWWI WWI iWW WWII cold cwpceyrs
xtmepoisson concession t_win || tc:
xtmepoisson concession d_contr || tc:
xtmepoisson concession t_win d_contr || tc:
xtmepoisson concession t_win d_contr prWWI WWI iWW WWII cold || tc:
xtmepoisson concession t_win d_contr prWWI WWI iWW WWII cold cwpceyrs || tc:
nbreg concession t_win d_contr cwpceyrs
nbreg concession t_win d_contr cwpceyrs cwpceyrs2 cwpceyrs3
nbreg concession t_win d_contr prWWI WWI iWW WWII cold cwpceyrs
nbreg concession t_win d_contr prWWI WWI iWW WWII cold cwpceyrs cwpceyrs2 cwpceyrs3
