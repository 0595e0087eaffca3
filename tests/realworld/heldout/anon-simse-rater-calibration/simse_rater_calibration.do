* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 36944902697 (a public GitHub .do file of a measurement study of raters' calibration sessions for a simulated teaching environment (an NSF DR K-12 project): globals of folders, import excel of one sheet without firstrow, keep and rename of seven lettered columns, drop in 1 of the header row, a foreach loop that encodes each yes/no item into a new variable, tabulates, drops and renames it, label values x* . to detach the labels, recode x* (1 = 0) (2 =1), date() of a substr() of the time stamp with format %td, by rater: gen session = _n, reshape long x, i(rater session) j(item), anova with three factors, xtmixed x i.item || rater: || session: (sessions within raters), lincom _b[_cons] + _b[#.item], regress and the author's contrasts gw.item (not a Stata command: contrast is, r(199)); the index does not name the repository)
* author: unknown (the file's paths name a user folder steffenerickson and a GitHub folder NSF_Code)
* licence: none stated
* data: ${root}/${data}/calibration.xls = simse_calibration_sheet
clear all
global root     "/Users/author/measurement"
global code     "/Users/author/code"
global programs "/Users/author/programs"
global data     "data"
global output   "output"
import excel "${root}/${data}/calibration.xls", sheet("calibration") clear
keep A D H J L N P
rename (A D H J L N P) (date rater x1 x2 x3 x4 x5)
drop in 1
foreach v of varlist x* {
	encode `v' , gen(`v'2)
	tab `v' `v'2
	drop `v'
	rename `v'2 `v'
}
label values x* .
recode x* (1 = 0) (2 =1)
encode rater, gen(Rater)
drop rater
rename Rater rater
replace date = substr(date,1,10)
gen session_date = date(date, "YMD")
format session_date %td
sort rater session_date
by rater: gen session = _n
reshape long x , i(rater session) j(item)
anova x i.item i.rater i.session
xtmixed x i.item || rater: || session:
lincom _b[_cons]
lincom _b[_cons] + _b[1.item]
lincom _b[_cons] + _b[2.item]
lincom _b[_cons] + _b[3.item]
lincom _b[_cons] + _b[4.item]
lincom _b[_cons] + _b[5.item]
regress x i.item i.rater i.session
* mlm-expect: r(199)
contrasts gw.item
