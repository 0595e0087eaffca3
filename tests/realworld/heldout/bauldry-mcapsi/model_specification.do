* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:sbauldry/mcapsi@c95b2633b7cbe4ae174bcd34c3d504775e444a0f mcapsi-model-specification-selected-examples.do (code-index file id 30860645125; module 7, model specification and causal analysis, of a summer-institute workshop on longitudinal analysis: HRS drinking days and CES-D -- a local holding a URL and import delimited using it, xtset, xtreg fe one-way, two-way with i.wave and with c.cesd##i.fem; latent growth curves with sem (drinkd_k <- Int@1 Slp@k _cons@0) means(Int Slp), estat gof, stats(all), qui tab rce, gen(r), a conditional growth model (fem r1 r2 r4 -> Int Slp) cov(e.Int*e.Slp), time-varying covariates; a fixed-effects model in the SEM framework with equality constraints @a @b and var(e.y@c) inside each path)
* author: S Bauldry (file header)
* licence: none stated
* data: https://raw.githubusercontent.com/sbauldry/mcapsi/main/mcapsi-model-specification-long-hrs-data.csv = mcapsi_long
* data: https://raw.githubusercontent.com/sbauldry/mcapsi/main/mcapsi-model-specification-wide-hrs-data.csv = mcapsi_wide
* data: https://raw.githubusercontent.com/sbauldry/mcapsi/main/mcapsi-model-specification-wide-2-hrs-data.csv = mcapsi_wide2
local url1 "https://raw.githubusercontent.com/sbauldry/mcapsi/main/mcapsi-model-specification-long-hrs-data.csv"
import delimited using `url1', clear
xtset hhidpn wave
xtreg drinkd cesd, fe
xtreg drinkd cesd i.wave, fe
xtreg drinkd c.cesd##i.fem i.wave, fe
local url2 "https://raw.githubusercontent.com/sbauldry/mcapsi/main/mcapsi-model-specification-wide-hrs-data.csv"
import delimited using `url2', clear
sem (drinkd_1 <- Int@1 Slp@0 _cons@0) (drinkd_2 <- Int@1 Slp@1 _cons@0) (drinkd_3 <- Int@1 Slp@2 _cons@0) (drinkd_4 <- Int@1 Slp@3 _cons@0), means(Int Slp)
estat gof, stats(all)
qui tab rce, gen(r)
sem (drinkd_1 <- Int@1 Slp@0) (drinkd_2 <- Int@1 Slp@1) (drinkd_3 <- Int@1 Slp@2) (drinkd_4 <- Int@1 Slp@3) (fem r1 r2 r4-> Int Slp), cov(e.Int*e.Slp)
sem (drinkd_1 <- Int@1 Slp@0 cesd_1) (drinkd_2 <- Int@1 Slp@1 cesd_2) (drinkd_3 <- Int@1 Slp@2 cesd_3) (drinkd_4 <- Int@1 Slp@3 cesd_4) (fem r1 r2 r4-> Int Slp), cov(e.Int*e.Slp)
local url3 "https://raw.githubusercontent.com/sbauldry/mcapsi/main/mcapsi-model-specification-wide-2-hrs-data.csv"
import delimited using `url3', clear
sem (drinkd_1 <- U@1 cesd_1@a _cons@b, var(e.drinkd_1@c)) (drinkd_2 <- U@1 cesd_2@a _cons@b, var(e.drinkd_2@c)) (drinkd_3 <- U@1 cesd_3@a _cons@b, var(e.drinkd_3@c)) (drinkd_4 <- U@1 cesd_4@a _cons@b, var(e.drinkd_4@c))
