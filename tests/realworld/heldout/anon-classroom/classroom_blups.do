* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 5722588315 (a public GitHub .do file, a course exercise; the index does not name the repository)
* author: unknown
* licence: none stated
* data: classroom.dta = classroom
use "classroom.dta"
gen math1st = mathkind + mathgain
mixed math1st housepov yearstea mathprep mathknow ses sex minority || schoolid: || classid:, reml
est store M1
* mlm-expect: r(4)
use "classroom.dta"
* mlm-expect: r(110)
gen math1st = mathkind + mathgain
mixed math1st housepov yearstea mathprep mathknow ses sex minority |||schoolid: minority, cov(un) || classid:, reml
est store M2
