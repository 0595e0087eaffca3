* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 46535614764 (a public GitHub .do file, a replication of Wooldridge's (2010) table 15.3: linear fixed effects, pooled probit with and without Mundlak-Chamberlain means, correlated random-effects probit and fixed-effects logit of women's labour-force participation; the index does not name the repository)
* author: unknown
* licence: none stated
* data: lfp.dta = lfp_wooldridge
clear all
use "lfp.dta"
bysort id: egen kidsbar=mean(kids)
bysort id: egen lhincbar=mean(lhinc)
xtreg lfp kids lhinc per2-per5, fe cluster(id)
probit lfp kids lhinc educ black age agesq per2-per5, cluster(id)
probit lfp kids lhinc kidsbar lhincbar educ black age agesq per2-per5, cluster(id)
xtprobit lfp kids lhinc kidsbar lhincbar educ black age agesq per2-per5, re
xtlogit lfp kids lhinc per2-per5, fe
