* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37030094891 (a public GitHub .do file; the index does not name the repository)
* author: unknown
* licence: none stated
* preload: bes_turnout
label var turn2 "v1"
label var year "v2"
label var age "v3"
label var sex "v4"
label var pol_diff "v5"
label var trend "v6"
label var rclass4 "v7"
label var poll "v8"
label var lab_policy "v9"
label var tenure2 "v10"
label var age_sq "v11"
label var tu2 "v12"
label var soc_lag2 "v13"
xtmelogit turn2 i.rclass4 pol_diff lab_policy poll age age_sq sex tu2 tenure2 || year:, mle variance
estimate stats
xtmelogit turn2 i.rclass4 pol_diff i.rclass4#c.pol_diff lab_policy poll age age_sq sex tu2 tenure2 || year:, mle variance
estimate stats
margins, dydx(rclass4) at(pol_diff=(0(10)100)) predict(mu fixedonly) vsquish
xtmelogit turn2 i.rclass4 pol_diff i.rclass4#c.lab_policy lab_policy poll age age_sq sex tu2 tenure2 || year:, mle variance
estimate stats
margins, dydx(rclass4) at(lab_policy=(-50(10)10)) predict(mu fixedonly) vsquish
xtmelogit turn2 i.rclass4 soc_lag2 pol_diff i.rclass4#c.soc_lag2 lab_policy poll age age_sq sex tu2 tenure2 || year:, mle variance
estimate stats
margins, dydx(rclass4) at(soc_lag2=(0(10)40)) predict(mu fixedonly) vsquish
xtmelogit turn2 i.rclass4 soc_lag2 pol_diff i.rclass4#c.soc_lag2 i.rclass4#c.lab_policy lab_policy poll age age_sq sex tu2 tenure2 || year:, mle variance
estimate stats
margins, dydx(rclass4) at(soc_lag2=(0(10)40)) predict(mu fixedonly) vsquish
xtmelogit turn2 i.rclass4 trend i.rclass4#c.trend poll age age_sq sex tu2 tenure2 || year:, mle variance
estimate stats
