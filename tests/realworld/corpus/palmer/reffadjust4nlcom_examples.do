* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 20080036545 (a public GitHub .do file, the reffadjust4nlcom certification script; the index does not name the repository)
* author: Tom M. Palmer (reffadjust4nlcom), 2023
* licence: none stated
* data: https://www.bristol.ac.uk/cmm/media/runmlwin/tutorial = shared:exam.dta
* data: nlswork = shared:stata/nlswork.dta
* data: bangladesh = shared:glmm/bangladesh.dta
* data: epilepsy = shared:glmm/epilepsy.dta
cscript reffadjust4nlcom adofiles reffadjust4nlcom
about
if c(os) == "Windows" global MLwiN_path "C:\\Program Files\\MLwiN v3.09\\mlwin.exe"
if c(os) == "MacOSX" global MLwiN_path "/Applications/MLwiN/mlnscript"
if "$MLwiN_path" != "" {
use https://www.bristol.ac.uk/cmm/media/runmlwin/tutorial, clear
runmlwin normexam cons standlrt, level1(student: cons) level2(school: cons standlrt) batch
reffadjust4nlcom cons standlrt, eqn(RP2)
nlcom `r(beta_standlrt)'
}
webuse nlswork, clear
version 12: xtmixed ln_w grade age c.age#c.age ttl_exp tenure c.tenure#c.tenure || idcode: tenure, cov(uns) var
version 12: reffadjust4nlcom _cons tenure, eqn(idcode)
nlcom `r(beta_tenure)'
version 13: mixed ln_w grade age c.age#c.age ttl_exp tenure c.tenure#c.tenure || idcode: tenure, cov(uns)
reffadjust4nlcom _cons tenure, eqn(idcode)
nlcom `r(beta_tenure)'
webuse bangladesh, clear
version 12: xtmelogit c_use urban age child* || district: urban, cov(uns) var
version 12: reffadjust4nlcom _cons urban, eqn(district)
nlcom `r(beta_urban)'
version 13: meqrlogit c_use urban age child* || district: urban, cov(uns)
reffadjust4nlcom _cons urban, eqn(district)
nlcom `r(beta_urban)'
webuse epilepsy, clear
version 12: xtmepoisson seizures treat lbas lbas_trt lage visit || subject: visit, cov(uns) var intpoints(9)
version 12: reffadjust4nlcom _cons visit, eqn(subject)
nlcom `r(beta_visit)'
version 13: meqrpoisson seizures treat lbas lbas_trt lage visit || subject: visit, cov(uns) intpoints(9)
reffadjust4nlcom _cons visit, eqn(subject)
nlcom `r(beta_visit)'
webuse nlswork, clear
version 12: xtmixed ln_w grade age || idcode: tenure union, cov(uns) || idcode: race, cov(uns) var
version 12: reffadjust4nlcom tenure union, eqn(idcode) sub(1)
nlcom `r(beta_union)'
version 13: mixed ln_w grade age || idcode: tenure union, cov(uns) || idcode: race, cov(uns)
reffadjust4nlcom tenure union, eqn(idcode) sub(1)
nlcom `r(beta_union)'
