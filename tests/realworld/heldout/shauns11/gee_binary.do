* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:shauns11/Learning@f059105e533060fffb4232ff60a88a42685cd1bc Longitudinal/Binary outcomes/Code/Stata/01. GEE.do (code-index file id 3748632869: UCLA's hospital-doctor-patient example read from the web, string variables encoded in a loop, a random-intercept melogit against independent and exchangeable xtgee logits, margins at the cancer stages and their contrasts)
* author: repository shauns11 (a UCL researcher's learning notes, per the paths in the file)
* licence: none stated
* data: https://stats.idre.ucla.edu/stat/data/hdp.csv = ucla_hdp
global projdir "C:/project/"
global data "${projdir}/data"
global outputs "${projdir}/outputs/Temp"
clear
insheet using "https://stats.idre.ucla.edu/stat/data/hdp.csv", comma
foreach v of varlist familyhx smokinghx sex cancerstage school {
encode `v', gen(`v'2)
drop `v'
rename `v'2 `v'
}
keep did remission il6 crp cancerstage lengthofstay experience
desc did remission il6 crp cancerstage lengthofstay experience
melogit remission il6 crp i.cancerstage lengthofstay experience || did: , or
xtset did
xtgee remission il6 crp i.cancerstage lengthofstay experience , family(binomial) link(logit) corr(independent) eform
xtgee remission il6 crp i.cancerstage lengthofstay experience, family(binomial) link(logit) corr(exchangeable) eform
margins,at(cancerstage=(1 2 3 4))
margins, dydx(cancerstage)
di ("text")
