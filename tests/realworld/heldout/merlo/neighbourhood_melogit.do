* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 27699329257 (a public GitHub .do file replicating Merlo et al. (2015) on neighbourhoods and health-care use: codebook ..., compact, tabulate ..., generate() and by ..., sort: tabstat, then for two outcomes a single-level logit and two random-intercept melogit models replayed with or cformat() and coeflegend, nlcom of the neighbourhood variance and of the median odds ratio by its Stata 13 name _b[var(_cons[neigh]):_cons], estat icc, scalars of the variance and of roctab's area, interval odds ratios and the proportion of opposed odds ratios displayed with formats, the proportional change in variance, roccomp of the predictions, and neighbourhood rankings from predict, reffects ebmeans reses() drawn with serrbar; the index does not name the repository)
* author: unknown (replication of Merlo et al. 2015, per the file header)
* licence: none stated
* data: data_43291_Stata.dta = merlo_neighbourhood
use "data_43291_Stata.dta", clear
codebook neigh, compact
codebook neigh if poorarea==1, compact
codebook neigh if richarea==1, compact
tabulate agegroup, missing generate(agegr)
by richarea, sort: tabstat psycmed private poor male agegr?, columns(statistics) format(%9.2f)
use "data_43291_Stata.dta", clear
logit psycmed male i.agegroup poor
estimates store r1m1
logit, or cformat(%9.2f)
predict r1m1p, p
roctab psycmed r1m1p, graph summary
scalar r1m1auroc = r(area)
melogit psycmed male i.agegroup poor || neigh:
estimates store r1m2
melogit, or cformat(%9.2f)
melogit, coeflegend
nlcom _b[var(_cons[neigh]):_cons], cformat(%9.3f)
scalar r1m2sigma2u =  _b[var(_cons[neigh]):_cons]
estat icc
nlcom exp(sqrt(2*_b[var(_cons[neigh]):_cons])*invnormal(0.75)), cformat(%9.2f)
predict r1m2p, mu
roctab psycmed r1m2p, graph summary
scalar r1m2auroc = r(area)
display %9.3f r1m2auroc - r1m1auroc
melogit psycmed male i.agegroup poor poorarea || neigh:
estimates store r1m3
melogit, or cformat(%9.2f)
nlcom exp(_b[poorarea]), cformat(%9.3f)
display %9.2f exp(_b[poorarea] - sqrt(2*_b[var(_cons[neigh]):_cons])*invnormal(0.9))
display %9.2f exp(_b[poorarea] + sqrt(2*_b[var(_cons[neigh]):_cons])*invnormal(0.9))
display %9.2f normal(-_b[poorarea]/sqrt(2*_b[var(_cons[neigh]):_cons]))
melogit, coeflegend
nlcom _b[var(_cons[neigh]):_cons], cformat(%9.3f)
scalar r1m3sigma2u =  _b[var(_cons[neigh]):_cons]
display %9.2f (r1m2sigma2u - r1m3sigma2u)/r1m2sigma2u
estat icc
nlcom exp(sqrt(2*_b[var(_cons[neigh]):_cons])*invnormal(0.75)), cformat(%9.2f)
predict r1m3p, mu
roctab psycmed r1m3p, graph summary
scalar r1m3auroc = r(area)
display %9.3f r1m3auroc - r1m2auroc
roccomp psycmed r1m1p r1m2p, graph
estimates restore r1m2
predict r1m2u, reffects ebmeans reses(r1m2use)
egen pickone = tag(neigh)
egen r1m2urank = rank(r1m2u) if pickone==1
serrbar r1m2u r1m2use r1m2urank if pickone==1, scale(1.96)
estimates restore r1m3
predict r1m3u, reffects ebmeans reses(r1m3use)
egen r1m3urank = rank(r1m3u) if pickone==1
serrbar r1m3u r1m3use r1m3urank if pickone==1, scale(1.96)
use "data_43291_Stata.dta", clear
logit private male i.agegroup rich
estimates store r2m1
logit, or cformat(%9.2f)
predict r2m1p, p
roctab private r2m1p, graph summary
scalar r2m1auroc = r(area)
melogit private male i.agegroup rich || neigh:
estimates store r2m2
melogit, or cformat(%9.2f)
melogit, coeflegend
nlcom _b[var(_cons[neigh]):_cons], cformat(%9.3f)
scalar r2m2sigma2u =  _b[var(_cons[neigh]):_cons]
estat icc
nlcom exp(sqrt(2*_b[var(_cons[neigh]):_cons])*invnormal(0.75)), cformat(%9.2f)
predict r2m2p, mu
roctab private r2m2p, graph summary
scalar r2m2auroc = r(area)
melogit private male i.agegroup rich richarea || neigh:
estimates store r2m3
melogit, or cformat(%9.2f)
nlcom exp(_b[richarea]), cformat(%9.3f)
display %9.2f exp(_b[richarea] - sqrt(2*_b[var(_cons[neigh]):_cons])*invnormal(0.9))
display %9.2f exp(_b[richarea] + sqrt(2*_b[var(_cons[neigh]):_cons])*invnormal(0.9))
display %9.2f normal(-_b[richarea]/sqrt(2*_b[var(_cons[neigh]):_cons]))
melogit, coeflegend
nlcom _b[var(_cons[neigh]):_cons], cformat(%9.3f)
scalar r2m3sigma2u =  _b[var(_cons[neigh]):_cons]
display %9.2f (r2m2sigma2u - r2m3sigma2u)/r2m2sigma2u
estat icc
nlcom exp(sqrt(2*_b[var(_cons[neigh]):_cons])*invnormal(0.75)), cformat(%9.2f)
predict r2m3p, mu
roctab private r2m3p, graph summary
scalar r2m3auroc = r(area)
display %9.3f r2m3auroc - r2m2auroc
roccomp private r2m1p r2m2p, graph
estimates restore r2m2
predict r2m2u, reffects ebmeans reses(r2m2use)
egen pickone = tag(neigh)
egen r2m2urank = rank(r2m2u) if pickone==1
serrbar r2m2u r2m2use r2m2urank if pickone==1, scale(1.96)
estimates restore r2m3
predict r2m3u, reffects ebmeans reses(r2m3use)
egen r2m3urank = rank(r2m3u) if pickone==1
serrbar r2m3u r2m3use r2m3urank if pickone==1, scale(1.96)
