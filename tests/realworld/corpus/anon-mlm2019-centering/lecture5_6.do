* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 14813916194 (a public GitHub .do file of a course, MLM2019 lectures 5 and 6; the index does not name the repository)
* author: unknown (course instructor "Elizabeth" per the path)
* licence: none stated
* data: gcse.csv = gcse_lrt
* data: centering lecture gcse.csv = gcse_lrt
* data: hsb_data.csv = hsb_mlmus
cd "C:\Users\someone\Dropbox\MLM2019\Lecture5and6"
set scheme s1mono
import delimited "gcse.csv", clear
twoway (scatter gcse lrt, ylab(20(20)100, angle(horizontal)) xlab(20(20)100) xtitle("X") ytitle("Y") legend(off) m(o) mc(gray)) (lfit gcse lrt, lw(thick) lc(black))
corr gcse lrt
bysort school: egen mean_gcse = mean(gcse)
bysort school: egen mean_lrt = mean(lrt)
quietly summ lrt
scalar gm = r(mean)
gen lrt_grandmc = lrt - gm
gen lrt_groupmc = lrt - mean_lrt
bysort school: gen count = _n
hist mean_lrt if count==1, freq start(50) width(2) xline(60, lc(red) lw(thick))
twoway (scatter gcse lrt, m(p) mc(gray)) (scatter gcse lrt if school==37, m(o) mc(blue) ylab(20(20)100, angle(horizontal)) xlab(20(20)100) xtitle("X") ytitle("Y") legend(off)) (scatter gcse lrt if school==11, m(o) mc(red)) (lfit gcse lrt if school==37, lc(blue)) (lfit gcse lrt if school==11, lc(red))
gen lrt_group_grandmc = mean_lrt - gm
twoway (scatter mean_gcse lrt_group_grandmc if count==1, m(o) mc(gray) ylab(60(5)80, angle(horizontal)) xlab(-10(5)10) xtitle("X") ytitle("Y") legend(off)) (lfit mean_gcse lrt_group_grandmc if count==1, lc(red) lw(thick))
regress mean_gcse lrt_group_grandmc if count==1
xtmixed gcse lrt_grandmc || school:
predict shrink_grandmc, fitted
predict grandmc*, reffects
xtmixed gcse lrt_groupmc || school:
predict shrink_groupmc, fitted
predict groupmc*, reffects
save "lecture5.dta", replace
import delimited "centering lecture gcse.csv", clear
replace gcse =  gcse + 70
bysort school: egen mean_gcse = mean(gcse)
bysort school: egen mean_lrt = mean(lrt_orig)
bysort school: gen count = _n
twoway (scatter gcse lrt_orig if school==31, ylab(20(20)100, angle(horizontal)) xlab(0(20)100) xtitle("X") ytitle("Y") legend(off) m(o) mc(gray)) (lfit gcse lrt_orig if school==31, lw(thick) lc(blue)) (lfit mean_gcse mean_lrt if count==1, lw(thick) lc(red)) (lfit gcse lrt_orig, lw(thick) lc(gray))
gen lrt_c = lrt_orig - mean_lrt
summ lrt_orig
scalar gm = r(mean)
gen lrt_gmc = lrt_orig - gm
twoway (scatter gcse lrt_gm if school==31, ylab(20(20)100, angle(horizontal)) xlab(-40(20)40) xtitle("X") ytitle("Y") legend(off) m(o) mc(black)) (lfit gcse lrt_gm if school==31, lw(thick) lc(blue))
import delimited "hsb_data.csv", clear
bys schoolid: egen mean_ses = mean(ses)
quietly summ ses
scalar gm = r(mean)
gen ses_grandmc = ses - gm
gen ses_groupmc = ses - mean_ses
quietly summ pracad
scalar gm = r(mean)
gen pracad_grandmc = pracad - gm
quietly summ disclim
scalar gm = r(mean)
gen disclim_grandmc = disclim - gm
gen interaction_1 = ses_groupmc * sector
gen interaction_2 = mean_ses * sector
gen interaction_1gm = ses_grandmc * sector
xtmixed mathach ses_groupmc sector interaction_1 || schoolid:
xtmixed mathach ses_grandmc sector interaction_1gm || schoolid:
xtmixed mathach ses_grandmc mean_ses sector interaction_1gm interaction_2 || schoolid:
