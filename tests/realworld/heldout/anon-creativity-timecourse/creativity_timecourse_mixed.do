* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 35799118770 (a public GitHub .do file of the analyses of a compiled sheet of seven studies on the time course of creativity in idea generation (persistence and creative performance; OSF revision files of a collaboration with Loran Nordgren): import excel of one sheet with firstrow, each line pasted from the Results window with its leading ". " prompt; per study drop if study ~= #, reshape long of five to six z-scored stubs i(subj) j(time), random-intercept mixed ... || subj: , dfmethod(repeated) with c.time#c.time and c.time##c.time, reshape wide back, pwcorr ..., obs sig, and the Stata 16 table ..., c(mean .. sd ..); the author ran the sections one at a time: the Study 4 reshape wide names only three of the five long stubs and so fails (r(9)); the transcriber reloads the sheet where a section starts from data the previous section changed (marked mlm-added); the index does not name the repository)
* author: unknown (a user folder bl679 and a collaborator, Loran Nordgren, in the file's paths)
* licence: none stated
* data: /Users/author/project/studies.xlsx = creativity_timecourse_studies
clear
. import excel "/Users/author/project/studies.xlsx", sheet("analysis") firstrow
drop if study ~= 4
reshape long zp zpp zc zcct zcmax, i(subj) j(time)
mixed zp zpp c.time c.time#c.time || subj: , dfmethod(repeated)
mixed zc zpp c.time c.time#c.time || subj: , dfmethod(repeated)
mixed zp zcct c.time c.time#c.time || subj: , dfmethod(repeated)
mixed zp zcmax c.time c.time#c.time || subj: , dfmethod(repeated)
* mlm-expect: r(9)
reshape wide zp zpp zc, i(subj) j(time)
* mlm-added:
import excel "/Users/author/project/studies.xlsx", sheet("analysis") firstrow clear
drop if study ~= 4
reshape long zc zcAMT, i(subj) j(time)
mixed zc zcAMT c.time || subj:, dfmethod(repeated)
reshape wide zc zcAMT, i(subj) j(time)
* mlm-added:
import excel "/Users/author/project/studies.xlsx", sheet("analysis") firstrow clear
drop if study ~= 5
reshape long zcsr zc zcAMT, i(subj) j(time)
pwcorr zcsr zc zcAMT, obs sig
mixed zc zcsr c.time##c.time || subj: , dfmethod(repeated)
mixed zc zcAMT c.time##c.time || subj: , dfmethod(repeated)
mixed zcAMT zcsr c.time##c.time || subj: , dfmethod(repeated)
reshape wide zcsr zc zcAMT, i(subj) j(time)
clear
. import excel "/Users/author/project/studies.xlsx", sheet("analysis") firstrow
drop if study ~= 1
reshape long zp zc zn zu, i(subj) j(time)
table time, c(mean zn sd zn mean zu sd zu)
mixed zc zp c.time || subj: , dfmethod(repeated)
mixed zn zp c.time || subj: , dfmethod(repeated)
mixed zu zp c.time || subj: , dfmethod(repeated)
reshape wide zp zc zn zu, i(subj) j(time)
clear
. import excel "/Users/author/project/studies.xlsx", sheet("analysis") firstrow
drop if study ~= 2
reshape long zp zc zn zu, i(subj) j(time)
table time, c(mean zn sd zn mean zu sd zu)
mixed zc zp c.time || subj: , dfmethod(repeated)
mixed zn zp c.time || subj: , dfmethod(repeated)
mixed zu zp c.time || subj: , dfmethod(repeated)
reshape wide zp zc zn zu, i(subj) j(time)
clear
. import excel "/Users/author/project/studies.xlsx", sheet("analysis") firstrow
drop if study ~= 3
reshape long zp zc zn zu, i(subj) j(time)
table time, c(mean zn sd zn mean zu sd zu)
mixed zc zp c.time || subj: , dfmethod(repeated)
mixed zn zp c.time || subj: , dfmethod(repeated)
mixed zu zp c.time || subj: , dfmethod(repeated)
reshape wide zp zc zn zu, i(subj) j(time)
clear
. import excel "/Users/author/project/studies.xlsx", sheet("analysis") firstrow
drop if study ~= 4
reshape long zpc zc zn zu, i(subj) j(time)
table time, c(mean zn sd zn mean zu sd zu)
mixed zc zpc c.time || subj: , dfmethod(repeated)
mixed zn zpc c.time || subj: , dfmethod(repeated)
mixed zu zpc c.time || subj: , dfmethod(repeated)
* mlm-expect: r(111)
reshape wide zp zc zn zu, i(subj) j(time)
