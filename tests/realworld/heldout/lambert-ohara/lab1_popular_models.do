* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:paul-lambert/SGSSS-2025@dc39f893c8fcc5bb40b3979bfd554be7092c7cda syntax_files/lab1_Stata.do (code-index file id 32734632680; lab 1 of a summer-school short course on multilevel models for applied social research, 2025)
* author: Paul Lambert and Kate O'Hara (University of Stirling; file header)
* licence: none stated for the code; the repository's data readme says the course's open data files (gcse, nurses, census teaching file) have no restrictions on use
* data: gcse.dta = gcse_sgsss
* data: censusmicroteaching11s.dta = census_teaching_scot
* data: nurses.dta = nurses_hox
global gcse_data "C:\1\sgsss-2025\data\gcse.dta"
global census_2011 "C:\data\census_uk\2011\scotland_teaching_8002\censusmicroteaching11s.dta"
global nurses_data "C:\1\sgsss-2025\data\nurses.dta"
global path6a "C:\soft\stata\ado\"
adopath+ "$path6a"
global path9 "c:\temp\"
which gllamm
which esttab
which tabplot
use "$gcse_data", clear
codebook school student, compact
sort school student
list school student in 1/90, sepby(school)
svyset, clear
svyset school
svydes
codebook gcse lrt girl schgen , compact
label variable gcse "x"
label variable lrt "x"
label variable girl "x"
label variable schgen "x"
capture label drop schgenl
label define schgenl 1 "a" 2 "b" 3 "c"
label values schgen schgenl
capture drop sch_*
tab schgen, gen(sch_)
tab1 schgen sch_*
codebook school student   gcse lrt girl schgen sch_2 sch_3  , compact
graph twoway (scatter gcse lrt, mcolor(teal*0.7%30)), scheme(s1mono) name(des1, replace)
graph hbar (mean) gcse lrt, over(schgen) scheme(s1mono) name(des2, replace) legend(order(1 2) label(1 "x") label(2 "x"))
regress gcse lrt girl sch_2 sch_3
graph twoway (scatter gcse lrt, mcolor(teal*0.6%30))      (function y = _b[_cons] + _b[lrt]*x, range(-40 40) lcolor(blue*0.5%50) lwidth(thick))      (function y = _b[_cons] + _b[lrt]*x + _b[girl] + _b[sch_3], range(-40 40) lcolor(purple*0.8%50) lwidth(thick)),      scheme(s1mono) name(reg1, replace) xtitle("x") ytitle("x" "x" "x", orientation(horizontal))      legend(order(2 3) label(2 "x") label(3 "x") cols(1) pos(11) ring(0) )
mixed gcse lrt girl sch_2 sch_3 ||school:,
estat icc
mixed gcse lrt girl sch_2 sch_3 ||school:, stddev
mixed gcse  ||school:,
estat icc
mixed gcse lrt girl sch_2 sch_3 ||school:lrt, cov(un)
mixed gcse lrt girl sch_2 sch_3 ||school:,
est store ri
mixed gcse lrt girl sch_2 sch_3 ||school:lrt, cov(un)
est store rs
lrtest ri rs
mixed gcse lrt girl sch_2 sch_3 ||school:lrt, cov(un) stddev
use "$gcse_data", clear
codebook school student, compact
sort school student
list school student in 1/90, sepby(school)
svyset, clear
svyset school
svydes
codebook gcse lrt girl schgen , compact
label variable gcse "x"
label variable lrt "x"
label variable girl "x"
label variable schgen "x"
capture label drop schgenl
label define schgenl 1 "a" 2 "b" 3 "c"
label values schgen schgenl
capture drop sch_*
tab schgen, gen(sch_)
tab1 schgen sch_*
codebook school student   gcse lrt girl schgen sch_2 sch_3  , compact
capture drop n_2
egen n_2=count(student), by(school)
label variable n_2 "x"
list school student n_2 in 1/90, sepby(school)
capture drop first_2
egen first_2=tag(school)
tab first_2
list school student n_2 first_2 in 1/90, sepby(school)
sum n_2
sum n_2 if first_2==1
histogram n_2 if first_2==1, frequency title("x")
capture drop s_gcse_mean
egen s_gcse_mean=mean(gcse), by(school)
label variable s_gcse_mean "x"
histogram s_gcse_mean if first_2==1 , title("x")
histogram s_gcse_mean if first_2==1 ,  by(schgend, cols(1))
capture drop s_gcse_sd
egen s_gcse_sd=sd(gcse), by(school)
sum s_gcse_mean s_gcse_sd n_2 if first_2==1
correlate s_gcse_mean s_gcse_sd if first_2==1
graph twoway (scatter s_gcse_mean s_gcse_sd [fw=n_2] if first_2==1, msize(small) mlcolor(navy) mcolor(purple*0.7%50))     , scheme(s1mono) xtitle("x") ytitle("x" , orientation(hor))
capture drop s_lrt_mean
egen s_lrt_mean=mean(lrt), by(school)
correlate s_gcse_mean s_lrt_mean if first_2==1
correlate gcse lrt
regress gcse lrt
regress gcse lrt s_lrt_mean
regress gcse lrt s_lrt_mean  , robust cluster(school)
capture drop lrt_dev
gen lrt_dev = lrt - s_lrt_mean
mixed gcse lrt_dev s_lrt_mean ||school:,
regress s_gcse_mean s_lrt_mean if first_2==1
svyset, clear
svyset school
svydes
ci means gcse lrt
regress gcse lrt s_lrt_mean
svy: mean gcse lrt
svy: regress gcse lrt s_lrt_mean
xtreg gcse lrt , i(school)
xtsum lrt, i(school)
sum lrt lrt_dev
sum s_lrt_mean if first_2==1
xttab girl, i(school)
use "$gcse_data", clear
label variable gcse "x"
label variable lrt "x"
label variable girl "x"
label variable schgen "x"
capture label drop schgenl
label define schgenl 1 "a" 2 "b" 3 "c"
label values schgen schgenl
capture drop sch_*
tab schgen, gen(sch_)
tab1 schgen sch_*
codebook school student   gcse lrt girl schgen sch_2 sch_3  , compact
mixed gcse lrt girl sch_2 sch_3 ||school:, reml
est store ri
mixed gcse lrt girl sch_2 sch_3 ||school:lrt, reml cov(un)
est store rs
capture drop onerec
egen onerec=tag(school)
est restore ri
est
capture drop ebi_p
predict ebi_p, reffects
label variable ebi_p "x"
hist ebi_p if onerec==1
graph twoway (scatter ebi_p school if onerec==1,         msymbol(circle) msize(vlarge) mcolor(purple) )
capture drop cluster_rank
egen cluster_rank=group(ebi_p school)
graph twoway (scatter ebi_p cluster_rank if onerec==1,         msymbol(circle) msize(vlarge) mcolor(green) )
capture drop cluster_ses
predict cluster_ses, reses
capture drop upper
gen upper = ebi_p + 1.96*cluster_ses
capture drop lower
gen lower = ebi_p - 1.96*cluster_ses
graph twoway (scatter ebi_p  cluster_rank if onerec==1,         msymbol(circle) msize(medium) mcolor(green)  )        (rspike upper lower cluster_rank if onerec==1, lcolor(gs10) lwidth(thin))      , scheme(s1mono) yline(0, lcolor(purple) lwidth(medium)) subtitle("x" )
capture drop evenclus
gen evenclus=6 + 6*(cluster_rank/2==floor(cluster_rank/2) )
tab evenclus
graph twoway (scatter ebi_p  cluster_rank if onerec==1,         msymbol(circle) msize(medium) mcolor(green) mlabel(school) mlabsize(vsmall) mlabgap(16) mlabvpos(evenclus) )        (rspike upper lower cluster_rank if onerec==1, lcolor(gs10) lwidth(thin))      , scheme(s1mono) yline(0, lcolor(purple%50) lwidth(medium)) yscale(range(-12 12)) subtitle("x" )
est restore rs
est
capture drop ebi_rsi
capture drop ebi_rss
predict ebi_rss ebi_rsi , reffects
label variable ebi_rss "x"
label variable ebi_rsi "x"
hist ebi_rsi if onerec==1
hist ebi_rss if onerec==1
graph twoway (scatter ebi_rss ebi_rsi if onerec==1) , xtitle("x") ytitle("x") scheme(s1mono)
est
capture drop cluster_rank1
egen cluster_rank1=group(ebi_rsi school)
capture drop cluster_rank2
egen cluster_rank2=group(ebi_rss school)
capture drop cluster_ses*
predict cluster_ses2 cluster_ses1, reses
capture drop upper1
gen upper1 = ebi_rsi + 1.96*cluster_ses1
capture drop lower1
gen lower1 = ebi_rsi - 1.96*cluster_ses1
capture drop upper2
gen upper2 = ebi_rss + 1.96*cluster_ses2
capture drop lower2
gen lower2 = ebi_rss - 1.96*cluster_ses2
capture drop evenclus1
gen evenclus1=6 + 6*(cluster_rank1/2==floor(cluster_rank1/2) )
capture drop evenclus2
gen evenclus2=6 + 6*(cluster_rank2/2==floor(cluster_rank2/2) )
graph twoway (scatter ebi_rsi  cluster_rank1 if onerec==1,         msymbol(circle) msize(medium) mcolor(green) mlabel(school) mlabsize(vsmall) mlabgap(8) mlabvpos(evenclus1) mlabcol(gs10) )        (rspike upper1 lower1 cluster_rank1 if onerec==1, lcolor(gs10) lwidth(thin))     , scheme(s1mono) legend(off)        yline(0, lcolor(purple%50) lwidth(medium)) yscale(range(-12 12)) xtitle("x", size(small) color(gs10))  xlabel(none)  subtitle("x" )
graph save $path9\g1.gph, replace
graph twoway (scatter ebi_rss  cluster_rank2 if onerec==1,         msymbol(circle) msize(medium) mcolor(green) mlabel(school) mlabsize(vsmall) mlabgap(8) mlabvpos(evenclus2) mlabcol(gs10) )        (rspike upper2 lower2 cluster_rank2 if onerec==1, lcolor(gs10) lwidth(thin))    , scheme(s1mono) legend(off)        yline(0, lcolor(purple%50) lwidth(medium)) yscale(range(-0.5 0.5)) xtitle("x", size(small) color(gs10)) xlabel(none)  subtitle("x" )
graph save $path9\g2.gph, replace
graph combine $path9\g1.gph $path9\g2.gph, scheme(s1mono) title("x") cols(1)
est restore rs
est
sum lrt
sum ebi_rsi if school==53
scalar s53i=r(mean)
sum ebi_rss if school==53
scalar s53s=r(mean)
graph twoway (scatter gcse lrt, mcolor(teal*0.3%50))       (scatter gcse lrt if school==53, msymbol(x) mcolor(teal*1.5%80))      (function y=_b[_cons] + _b[lrt]*x , range(-30 30) lcolor(green) lwidth(thick))      (function y=_b[_cons] + s53i  + (_b[lrt]+s53s)*x , range(-30 30) lcolor(brown*0.8) lwidth(thick))     (lfit gcse lrt if school==53, lcolor(gs7) lwidth(thin) )  ,     scheme(s1mono) legend(order(3 4 5) label(3 "x") label(4 "x") label(5 "x" ) holes(3) )
regress gcse lrt
capture drop p_gcse
predict p_gcse, xb
graph twoway (scatter gcse lrt, mcolor(gs10%50) msymbol(smcircle) ) (line p_gcse lrt, sort lwidth(thick) )       , xtitle("x") ytitle("x" "x", orientation(horizontal)) title("x") legend(off)
graph save "$path9\bit1.gph", replace
capture drop num
egen num=count(gcse), by(school)
statsby inter=_b[_cons] slope=_b[lrt], by(school) saving("$path9\ols.dta", replace):      regress gcse lrt if num >= 5
sort school
merge school using "$path9\ols.dta"
tab _merge
drop _merge
summarize
capture drop p2_gcse
gen p2_gcse = inter + slope*lrt
sort school lrt
graph twoway  (scatter gcse lrt, mcolor(gs10%50) msymbol(smcircle) msize(vsmall) )          (line p2_gcse lrt, connect(ascending))  ,  legend (off)        xtitle("x") ytitle("x" "x", orientation(horizontal)) title("x")
graph save "$path9\bit2.gph", replace
mixed gcse lrt  ||school:, reml
capture drop lrt_pred
gen lrt_pred= _b[_cons]  + _b[lrt]*lrt
capture drop ebi_p
predict ebi_p, reffects
capture drop lrt_adj
gen lrt_adj = lrt_pred + ebi_p
codebook school ebi_p lrt_adj, compact
capture drop srank
egen srank=group(ebi_p school)
gsort -srank
graph twoway (scatter gcse lrt, mcolor(navy*0.4%30) msize(small) msymbol(smcircle) jitter(1))       (line lrt_adj lrt, connect(ascending)  lwidth(thin) lcolor(gs8) lpattern(solid) )      (line lrt_pred lrt, sort  lwidth(thick) lcolor(orange) lpattern(solid) )       ,  legend(order(3 2) label(3 "x") label(2 "x") col(1) pos(6) ring(1))     ylabel(#4) xlabel(none) ytitle("x" "x" "x", orientation(horizontal) ) xtitle("x")     title("x", span)
graph save "$path9\bit3.gph", replace
mixed gcse lrt  ||school:lrt, reml
capture drop lrt_pred2
gen lrt_pred2= _b[_cons]  + _b[lrt]*lrt
capture drop ebi_p2
capture drop ebi_s
predict ebi_s ebi_p2, reffects
capture drop lrt_adj2
gen lrt_adj2 = (_b[_cons] + ebi_p2) + (_b[lrt] + ebi_s)*lrt
codebook school ebi_p2 lrt_adj2, compact
capture drop srank
egen srank=group(ebi_p2 school)
gsort -srank
graph twoway (scatter gcse lrt, mcolor(navy*0.4%30) msize(small) msymbol(smcircle) jitter(1))       (line lrt_adj2 lrt, connect(ascending)  lwidth(thin) lcolor(gs8) lpattern(solid) )      (line lrt_pred2 lrt, sort  lwidth(thick) lcolor(orange) lpattern(solid) )       ,  legend(order(3 2) label(3 "x") label(2 "x") col(1) pos(6) ring(1))     ylabel(#4) xlabel(none) ytitle("x" "x" "x", orientation(horizontal) ) xtitle("x")     title("x", span)
graph save "$path9\bit4.gph", replace
graph combine "$path9\bit1.gph" "$path9\bit2.gph" "$path9\bit3.gph" "$path9\bit4.gph", cols(2)
use "$gcse_data", clear
label variable gcse "x"
label variable lrt "x"
label variable girl "x"
label variable schgen "x"
capture label drop schgenl
label define schgenl 1 "a" 2 "b" 3 "c"
label values schgen schgenl
capture drop sch_*
tab schgen, gen(sch_)
tab1 schgen sch_*
codebook school student   gcse lrt girl schgen sch_2 sch_3  , compact
sum gcse
gen hi_gcse = (gcse >= 10)
label variable hi_gcse "x"
melogit  hi_gcse lrt sch_2 sch_3 ||school: ,
di "x" (0.9780233) / (0.9780233 + (_pi^2/3))
estat icc
melogit  hi_gcse lrt sch_2 sch_3 ||school: ,  intp(7)
est store melog_7
melogit  hi_gcse lrt sch_2 sch_3 ||school: ,  intp(3)
est store melog_3
meqrlogit  hi_gcse lrt sch_2 sch_3 ||school: , intp(7)
est store meqrlog_7
xtlogit hi_gcse lrt sch_2 sch_3, i(school)
est store xtlog
est table melog_7 melog_3 meqrlog_7 xtlog, eq(1) stats(N ll bic) b(%10.8g) star
melogit  hi_gcse lrt sch_2 sch_3 ||school:,  intp(7)
meglm  hi_gcse lrt sch_2 sch_3 ||school:, family(binomial) link(logit)
xtlogit  hi_gcse lrt sch_2 sch_3, i(school),  re
xtmelogit  hi_gcse lrt sch_2 sch_3 ||school: , intp(7)
gllamm hi_gcse lrt sch_2 sch_3, i(school) family(binomial) link(logit)
xtprobit hi_gcse lrt sch_2 sch_3, i(school)
meprobit  hi_gcse lrt sch_2 sch_3 ||school:,  intp(7)
melogit  hi_gcse lrt sch_2 sch_3 ||school:,  intp(7)
melogit  hi_gcse lrt sch_2 sch_3 ||school:,  intp(7) or
melogit   hi_gcse lrt sch_2 sch_3 ||school:lrt,  intp(7)
melogit   hi_gcse lrt sch_2 sch_3 ||school:lrt,  intp(7)
est store rs_melog
help melogit postestimation
capture drop eb_int
capture drop eb_int_se
capture drop eb_slope
capture drop eb_slope_se
est restore rs_melog
predict eb_slope eb_int , reffects reses(eb_slope_se eb_int_se )
histogram eb_slope , title("x") scheme(s1mono)
graph save "$path9\g1.gph", replace
histogram eb_int , title("x") scheme(s1mono)
graph save "$path9\g2.gph", replace
graph combine "$path9\g1.gph" "$path9\g2.gph", scheme(s1mono) title("x")     subtitle("x", color(blue))
graph save "$path9\g3.gph", replace
capture drop eb_int_u
gen eb_int_u = eb_int + (eb_int_se*1.96)
capture drop eb_int_l
gen eb_int_l = eb_int - (eb_int_se*1.96)
capture drop cluster_rank
egen cluster_rank=group(eb_int school)
capture drop cluster_tag
egen cluster_tag=tag(school)
graph twoway (rspike eb_int_u eb_int_l cluster_rank if cluster_tag==1) (scatter eb_int cluster_rank if cluster_tag==1 )        , yline(0, lcolor(purple)) scheme(s1mono) title("x") xtitle("x") legend(off)
graph save "$path9\g4.gph", replace
graph combine "$path9\g3.gph" "$path9\g4.gph", scheme(s1mono) cols(1)
de using ${census_2011}
use ${census_2011} , clear
codebook, compact
numlabel _all, add
tab1 indus1ts occupat1t, missing
capture drop occ_ind_gp
egen occ_ind_gp=group(indus1ts occupat1t)
tab occ_ind_gp indus1ts
tab occ_ind_gp occupat1t
tabplot indus1ts occupat1t if indus1ts > 0 , name(tabp1, replace) scheme(s1mono) ylabel(none) xlabel(none) showval(offset(0.2))
tab health1
tab  agegpt health1, row
tab health1
capture drop good_health
gen good_health = (health1==1 | health1==2)
tab  famcomp health1
capture drop fam_health
gen fam_health=good_health + 1
replace fam_health=3 if good_health==0 & (famcomp==1 | famcomp==2)
replace fam_health=4 if good_health==1 & (famcomp==1 | famcomp==2)
label define fam_health 1 "a" 2 "b" 3 "c" 4 "d", modify
label values fam_health fam_health
label variable fam_health "x"
tab  famcomp fam_health
tab1 numhrs econac1t
capture drop tory_points
gen tory_points=numhrs
recode tory_points (-9 1=0) (2=1) (3=2) (4=3)
replace tory_points=3 if econac1t==2 & numhrs==2
replace tory_points=4 if econac1t==2 & numhrs==3
replace tory_points=5 if econac1t==2 & numhrs==4
replace tory_points=6 if econac1t==2 & numhrs==4 & famcomp==2
label variable tory_points "x"
tab tory_points
codebook occ_ind_gp persid  health1 good_health fam_health tory_points   agegpt , compact
logit good_health agegpt
glm good_health agegpt , family(binomial) link(logit)
probit good_health agegpt
glm good_health agegpt ,   family(binomial) link(probit)
melogit good_health agegpt  ||occ_ind_gp:,
meglm good_health agegpt  ||occ_ind_gp:,  family(binomial) link(logit)
meprobit good_health agegpt  ||occ_ind_gp:,
meglm good_health agegpt  ||occ_ind_gp:, family(binomial) link(probit)
melogit good_health agegpt  ||occ_ind_gp:, cov(unstructured) intp(7)
est store ri
melogit good_health agegpt  ||occ_ind_gp:agegpt, cov(unstructured) intp(7) iterate(20)
est store rs_ip7
melogit good_health agegpt  ||occ_ind_gp:agegpt, cov(unstructured) intp(2) iterate(20)
est store rs_ip2
melogit good_health agegpt  ||occ_ind_gp:agegpt, cov(unstructured) intp(20) iterate(20)
est store rs_ip20
est table ri rs_ip7 rs_ip2 rs_ip20, stats(N ll bic converged) b(%8.4g) star
ologit health1 agegpt
meologit health1 agegpt ||occ_ind_gp:,
meglm  health1 agegpt ||occ_ind_gp:, family(ordinal) link(logit)
poisson tory_points agegpt
glm tory_points agegpt , family(poisson) link(log)
mepoisson tory_points agegpt ||occ_ind_gp:,
meglm tory_points agegpt ||occ_ind_gp:, family(poisson) link(log)
regress health1 agegpt
glm health1 agegpt , family(gaussian) link(identity)
regress tory_points agegpt
mixed health1 agegpt ||occ_ind_gp:,
mixed tory_points agegpt ||occ_ind_gp:,
* mlm-expect: r(111)
regress poor_health agegpt
* mlm-expect: r(111)
glm poor_health agegpt , family(gaussian) link(identity)
* mlm-expect: r(111)
mixed poor_health agegpt ||occ_ind_gp:,
mlogit fam_health agegpt, base(1)
mlogit fam_health agegpt , base(1)
* mlm-expect: r(199)
memlogit fam_health agegpt ||occ_ind_gp:,  base(1)
gllamm fam_health agegpt , i(occ_ind_gp)      family(binomial) link(mlogit) basecategory(1)
de using ${nurses_data}
use ${nurses_data}, clear
summarize
histogram stress
svyset ward, strata(hospital)
svydes
capture drop w_size
egen w_size=count(nurse), by(wardid)
capture drop h_size
egen h_size=count(nurse), by(hospital)
summarize h_size w_size
capture drop w_mean
egen w_mean=mean(stress), by(wardid)
capture drop h_mean
egen h_mean=mean(stress), by(hospital)
summarize h_mean w_mean
capture drop h_first
egen h_first=tag(hospital)
capture drop w_first
egen w_first=tag(wardid)
tab1 h_first w_first
graph bar (mean) h_size  h_mean , over(hospital) title("x")
graph twoway (scatter w_mean w_size ) (scatter w_mean h_size ) if w_first==1,     title("x") xtitle("x")      legend(order(1 2) label(1 "x") label(2 "x") )
mixed stress ||wardid:, mle
est store l2_a
estat icc
estadd scalar icc=r(icc2)
mixed stress ||hospital:, mle
est store l2_b
estat icc
estadd scalar icc=r(icc2)
mixed stress ||hospital: ||wardid:, mle
est store l3_a
estat icc
return list
estadd scalar icc=r(icc2)
estadd scalar icc3=r(icc3)
mixed stress expcon age gender experien wardtype hospsize        ||hospital: ||wardid:, mle variance
est store l3_b
estat icc
return list
estadd scalar icc=r(icc2)
estadd scalar icc3=r(icc3)
mixed stress expcon age gender experien wardtype hospsize        ||hospital:expcon, cov(independent), ||wardid: , ml variance
est store l3_c
capture drop experhs
gen experhs=expcon*hospsize
summarize experhs
mixed stress expcon age gender experien wardtype hospsize experhs        ||hospital:expcon , cov(un) ||wardid:, mle variance
est store l3_d
est table l2_a l2_b l3_a l3_b l3_c l3_d , stats(ll bic N icc3 icc ) b(%8.4g) star
est restore l3_c
est
est restore l3_d
est
esttab l2_a l2_b l3_a l3_b l3_c l3_d  ,     bic scalars(ll icc3 icc ) not          transform("#2:_cons  #3:_cons    #4:_cons  #5:_cons :"  (exp(@)^2)  (exp(@)^2)  (exp(@)^2)  (exp(@)^2)  )        equations(1:1:1:1:1:1, 2:2:3:3:4:5, 3:3:4:4:5:6, .:.:2:2:3:3, .:.:.:.:2:2, .:.:.:.:.:4 )       eqlabels("x" "x" "x" "x" "x" "x" )       mtitles("l2_a" "l2_b" "l3_a" "l3_b" "l3_c" "l3_d" )
mixed stress expcon age gender experien wardtype hospsize        ||hospital: ||wardid:, mle
est store l3_b
capture drop ebi_p*
predict ebi_p3 ebi_p2, reffects
list hospital wardid ebi_p3 ebi_p2 in 1/100
histogram ebi_p3 if h_first==1, freq normal title("x")
graph save "$path9\bit1.gph", replace
histogram ebi_p2 if w_first==1, freq normal title("x")
graph save "$path9\bit2.gph", replace
graph combine "$path9\bit1.gph" "$path9\bit2.gph"
est
capture drop se_p*
predict se_p3 se_p2 , reses
capture drop upper_p3
gen upper_p3 = ebi_p3 + 1.96*se_p3
capture drop lower_p3
gen lower_p3 = ebi_p3 - 1.96*se_p3
capture drop upper_p2
gen upper_p2 = ebi_p2 + 1.96*se_p2
capture drop lower_p2
gen lower_p2 = ebi_p2 - 1.96*se_p2
capture drop rank_p*
egen rank_p3=group(ebi_p3 hospital)
egen rank_p2=group(ebi_p2 wardid)
graph twoway (scatter ebi_p3  rank_p3 if h_first==1,         msymbol(circle) msize(medium) mcolor(green) mlabel(hospital) mlabpos(12) mlabcol(gs9) mlabgap(8) mlabsize(vsmall) )        (rspike upper_p3 lower_p3 rank_p3 if h_first==1, lcolor(gs8) lwidth(thin))      , scheme(s1mono) yline(0, lcolor(purple) lwidth(medium)) subtitle("x" ) legend(off)
graph save $path9\g1.gph, replace
capture drop evenclus
gen evenclus=6 + 6*(rank_p2/2==floor(rank_p2/2) )
graph twoway (scatter ebi_p2  rank_p2 if w_first==1,         msymbol(circle) msize(medium) mcolor(blue) mlabel(hospital) mlabvpos(evenclus) mlabcol(gs9) mlabgap(8) mlabsize(vsmall) )        (rspike upper_p2 lower_p2 rank_p2 if w_first==1, lcolor(gs8) lwidth(thin))      , scheme(s1mono) yline(0, lcolor(purple) lwidth(medium)) subtitle("x" "x" ) legend(off)
graph save $path9\g2.gph, replace
graph combine $path9\g1.gph $path9\g2.gph, scheme(s1mono) cols(1)
use ${census_2011} , clear
codebook, compact
numlabel _all, add
tab1 indus1ts occupat1t, missing
capture drop occ_ind_gp
egen occ_ind_gp=group(indus1ts occupat1t)
codebook occ_ind_gp, compact
tab1 relgs1t cofbt  eths1t
capture drop rel_eth_gp
gen rel_eth_gp = cofbt*100 + eths1t*10 + relgs1t
codebook rel_eth_gp, compact
tab1 sex agegpt
capture drop female
gen female=(sex==2)
capture drop c_age
gen c_age = (agegpt*10) - 40
capture drop age_fem
gen age_fem=c_age*fem
capture drop c_age2
gen c_age2= c_age^2 - 40^2
codebook health1 female c_age age_fem   occ_ind_gp rel_eth_gp, compact
mixed health1 female c_age c_age2 age_fem
est store m1a
mixed health1  c_age c_age2
est store m1b
mixed health1  c_age c_age2 ||occ_ind_gp:,
estat icc
estadd scalar icc2=r(icc2)
est store m2a
mixed health1 c_age c_age2 ||rel_eth_gp:,
estat icc
estadd scalar icc2=r(icc2)
est store m2b
capture drop eth_in_occ
egen eth_in_occ= group(rel_eth_gp occ_ind_gp)
codebook eth_in_occ , compact
gsort -occ_ind_gp -rel_eth_gp +persid
list occ_ind_gp rel_eth_gp eth_in_occ persid in 1/150, sepby(occ_ind_gp rel_eth_gp)
mixed health1 c_age c_age2 ||occ_ind_gp:  ||eth_in_occ:,
estat icc
estadd scalar icc2=r(icc2)
est store m3a
di "x"  .0317953  / ( .0317953  +  .0018472 +  .6395205)
di "x"  .0018472  / ( .0317953  +  .0018472 +  .6395205)
di "x"  (.0317953 + .0018472)  / ( .0317953  +  .0018472 +  .6395205)
mixed health1 c_age c_age2 ||_all:R.rel_eth_gp,  ||occ_ind_gp:,
di "x" .0113245 / (.0113245 + .0332933 +  .6392549)
di "x" .0332933 / (.0113245 + .0332933 +  .6392549)
