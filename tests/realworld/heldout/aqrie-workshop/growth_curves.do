* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:patroncos/aqrie_workshop_2025@51b8c4bdf5ce83e98008d171268000137a163dfa Stata/growth_curves_Stata.do (a 2025 workshop on analysing change: latent growth curve models with sem -- loadings fixed with @, latent(i s [q]) means(), quadratic growth, time-varying covariates c1-c4, (i <- _cons x1 x2), cov(e.i*e.s), var(e.t1 ...), x1@0 constraints, named equality constraints e.t1@eqv and c1@eqt --, est store / est save / est stats; then growth curve models with mixed || id: t, cov(unstructured), quadratic time, covariates and c.x#c.t interactions; est use / est replay / est store to compare an LGCM with a GCM by AIC; `use data, clear` and `use long_data, clear` between sections (the long file the workshop's descriptives do-file saved))
* author: patroncos (repository owner; workshop slides analysing_change_PT.pdf)
* licence: none stated
* data: https://github.com/patroncos/aqrie_workshop_2025/raw/refs/heads/main/data.dta = aqrie_wide
* data: https://github.com/patroncos/aqrie_workshop_2025/raw/refs/heads/main/long_data.dta = aqrie_long
use https://github.com/patroncos/aqrie_workshop_2025/raw/refs/heads/main/data.dta, clear
sem (t1 <- i@1 s@0 _cons@0) (t2 <- i@1 s@1 _cons@0) (t3 <- i@1 s@2 _cons@0) (t4 <- i@1 s@3 _cons@0), latent(i s) means(i s)
est store lgcm1
est save lgcm1, replace
sem (t1 <- i@1 s@0 q@0 _cons@0) (t2 <- i@1 s@1 q@1 _cons@0) (t3 <- i@1 s@2 q@4 _cons@0) (t4 <- i@1 s@3 q@9 _cons@0), latent(i s q) means(i s q)
est store lgcm2
est save lgcm2, replace
est stats lgcm1 lgcm2
sem (t1 <- i@1 s@0 _cons@0 c1) (t2 <- i@1 s@1 _cons@0 c2) (t3 <- i@1 s@2 _cons@0 c3) (t4 <- i@1 s@3 _cons@0 c4) (i <- _cons) (s <- _cons), latent(i s)
est store lgcm3
est save lgcm3, replace
sem (t1 <- i@1 s@0 _cons@0 c1) (t2 <- i@1 s@1 _cons@0 c2) (t3 <- i@1 s@2 _cons@0 c3) (t4 <- i@1 s@3 _cons@0 c4) (i <- _cons x1 x2) (s <- _cons x1 x2), latent(i s) cov(e.i*e.s) var(e.t1 e.t2 e.t3 e.t4)
est store lgcm4
est save lgcm4, replace
est stats lgcm3 lgcm4
sem (t1 <- i@1 s@0 _cons@0 c1) (t2 <- i@1 s@1 _cons@0 c2) (t3 <- i@1 s@2 _cons@0 c3) (t4 <- i@1 s@3 _cons@0 c4) (i <- _cons x1@0 x2@0) (s <- _cons x1@0 x2@0), latent(i s) cov(e.i*e.s)
est store lgcm3b
est save lgcm3b, replace
est stats lgcm3b lgcm4
use https://github.com/patroncos/aqrie_workshop_2025/raw/refs/heads/main/long_data.dta, clear
mixed outcome t || id: t, cov(unstructured)
est store gcm1
est save gcm1, replace
mixed outcome t t_sq || id: t, cov(unstructured)
est store gcm2
est save gcm2, replace
est stats gcm1 gcm2
mixed outcome t covar || id: t, cov(unstructured)
est store gcm3
est save gcm3, replace
mixed outcome t x1 x2 covar || id: t, cov(unstructured)
est store gcm4
est save gcm4, replace
est stats gcm3 gcm4
est use lgcm1
est replay
est store lgcm1
est use gcm1
est replay
est store gcm1
est stats lgcm1 gcm1
use data, clear
sem (t1 <- i@1 s@0 _cons@0) (t2 <- i@1 s@1 _cons@0) (t3 <- i@1 s@2 _cons@0) (t4 <- i@1 s@3 _cons@0), latent(i s) means(i s) var(e.t1@eqv e.t2@eqv e.t3@eqv e.t4@eqv)
est store lgcm1_alt
est save lgcm1_alt, replace
est use gcm1
est replay
est store gcm1
est stats lgcm1_alt gcm1
sem (t1 <- i@1 s@0 _cons@0 c1@eqt) (t2 <- i@1 s@1 _cons@0 c2@eqt) (t3 <- i@1 s@2 _cons@0 c3@eqt) (t4 <- i@1 s@3 _cons@0 c4@eqt) (i <- _cons x1 x2) (s <- _cons x1@0 x2@0), latent(i s) cov(e.i*e.s) var(e.t1@eqv e.t2@eqv e.t3@eqv e.t4@eqv)
est store lgcm4_alt
est save lgcm4_alt, replace
est use gcm4
est replay
use long_data, clear
mixed outcome t x1 x2 covar c.x1#c.t c.x2#c.t c.covar#c.t || id: t, cov(unstructured)
est store gcm5
est save gcm5, replace
est use lgcm4
est replay
