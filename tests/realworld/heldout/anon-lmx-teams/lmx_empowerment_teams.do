* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 5800638942 (a public GitHub .do file, a short organisational-research exercise on employees nested in work teams: team means of leader-member exchange (LMX) and empowerment by egen mean(), by(Team), centring within cluster by gen, a random-intercept mixed model of empowerment with reml, and a random-slope model of job satisfaction with a comma before the random-effects equation (mixed y x..., || Team: slope, covariance(unstructured) reml dfmethod(kroger) stddeviations); the index does not name the repository; the data are in memory when the file starts)
* author: unknown
* licence: none stated
* preload: lmx_teams
egen LMX_meanj = mean(LMX), by(Team)
egen Empower_meanj = mean(Empower), by(Team)
gen LMX_cwc = LMX - LMX_meanj
gen Empower_cwc = Empower - Empower_meanj
* mlm-expect: r(111)
mixed Empower LMX_cwc Male LMX_meanj_cgm || Team:, reml
mixed JobSat LMX_cwc Empower_cwc Male LMX_meanj Empower_meanj, || Team: Empower_cwc, covariance(unstructured) reml dfmethod(kroger) stddeviations
