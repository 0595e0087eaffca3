* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 23537190231 (a public GitHub .do file, a student's notes from four lectures of a longitudinal and multilevel course: childweight reshaped wide by bysort id: gen _n, correlate/pwcorr of weight*, graph bar over(); the Junior School Project maths file for school value-added -- egen mean/sd/count by(school_id), standard errors of school means, serrbar of ranked schools after bysort school_id: drop if _n > 1, xtmixed math_yr3 ... || school_id: with a random slope, reml and vce(robust), predict reffects/reses/fitted with xtmixed's level(school_id), a caterpillar plot of the BLUPs with serrbar; the productivity panel with twoway lfit/line by state and xtmixed gsp ... || state:; the index does not name the repository)
* author: unknown (the index does not name the repository)
* licence: none stated
* data: childweight = childweight_mlmus
* data: data/jsp_728 = jsp_schools
* data: productivity = shared:stata/productivity.dta
use childweight, clear
tab id
bysort id: gen time_id = _n
reshape wide weight age, i(id) j(time_id)
sum age1 age2 age3
correlate weight*
pwcorr weight*
use childweight, clear
bysort id: gen time = _n
graph bar weight, over(id)
graph bar (mean) weight, over(id)
graph bar weight, over(time)
scatter weight age
scatter weight brthwt
use data/jsp_728, clear
egen mean_math_yr3 = mean(math_yr3), by(school_id)
egen sd_math_yr3 = sd(math_yr3), by(school_id)
egen n = count(math_yr3), by(school_id)
gen se_math_yr3 = sd_math_yr3 / sqrt(n)
serrbar mean_math_yr3 se school_id
bysort school_id: drop if _n > 1
sort mean_math_yr3
gen rank_school = _n
serrbar mean_math_yr3 se rank_school
use data/jsp_728, clear
egen mean_y3 = mean(math_yr3), by(school_id)
egen sd_y3 = sd(math_yr3), by(school_id)
egen n = count(math_yr3), by(school_id)
gen se_y3 = sd_y3 / sqrt(n)
bysort school_id: drop if _n > 1
sort mean_y3
gen rank = _n
serrbar mean_y3 se_y3 rank
use data/jsp_728, clear
xtmixed math_yr3 math_yr1 gender__boy_1 social_class_ses__manual_1 || school_id:
predict b, reffects level(school_id)
predict se_b, reses level(school_id)
predict y_hat, fitted level(school_id)
xtmixed math_yr3 math_yr1 gender__boy_1 social_class_ses__manual_1  || school_id:
xtmixed math_yr3 math_yr1 gender__boy_1 social_class_ses__manual_1  || school_id: math_yr1
xtmixed math_yr3 math_yr1 gender__boy_1 social_class_ses__manual_1  || school_id: math_yr1, reml
xtmixed math_yr3 math_yr1 gender__boy_1 social_class_ses__manual_1  || school_id:, vce(robust)
predict betax, xb
hist betax
predict xbs, fitted
* mlm-expect: r(110)
predict b, reffects level(school_id)
xtmixed math_yr3 math_yr1 gender__boy_1 social_class_ses__manual_1  || school_id:
* mlm-expect: r(110)
predict b, reffects level(school_id)
predict xeb, reses level(school_id)
bysort school_id: drop if _n > 1
sort b
gen rank = _n
serrbar b xeb rank
use productivity, clear
twoway (lfit gsp year if state == 1) (lfit gsp year if state == 2)
* mlm-expect: r(199)
(lfit gsp year if state == 3)
twoway (lfit gsp year if state == 1) (lfit gsp year if state == 2) (lfit gsp year if state == 3) (lfit gsp year if state == 4) (lfit gsp year if state == 5)
twoway (line gsp year if state == 1) (line gsp year if state == 2) (line gsp year if state == 3) (line gsp year if state == 4) (line gsp year if state == 5)
scatter gsp public if year == 1970
twoway (line gsp  public if year == 1970, sort) (line gsp  public if year == 1971, sort) (line gsp  public if year == 1972, sort) (line gsp  public if year == 1973, sort) (line gsp  public if year == 1974, sort)
twoway (line gsp  public if state == 1, sort) (line gsp  public if state == 2, sort) (line gsp  public if state == 3, sort) (line gsp  public if state == 4) (line gsp  public if state == 5, sort)
twoway line gsp public, by(state)
xtmixed gsp year || state:
xtmixed gsp year public || state:
gen public2 = public^2
xtmixed gsp year public public2 || state:
