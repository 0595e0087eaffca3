* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 13855293029 (a public GitHub .do file on the fertility of women of China's ethnic minorities pooled from five censuses and microcensuses 2000-2015: cd, global date, log using with a global in its name, keep if inrange(), children ever born from two counts, 0/1 indicators by g var=(...), recode ... (1/2=1 "...") ..., gen() with labels, lab define ..., modify, bysort ... gen nyear=_n==1 and egen total(), clonevar, tempfile/save `ind.dta', three sheets of an Excel workbook of group indicators with firstrow and Chinese column names renamed (rename, destring), merge 1:1 on a Chinese-named key with keep(matched) nogen, merge 1:m, unique, egen std(); then levelsof year loops of xtmixed ... if year==`x' || nationality: with estimate store, estat icc and scalar icc`x'=r(icc2), preserve/predict r*, reffects reses(sd*)/keep/duplicates drop/serrbar ... mvopts(mlabel() mlabangle(45)) /graph save/restore, esttab using .csv with la mtitles() transform(ln*: exp(@) exp(@)) eqlabels("" ... , none) varlabels(,elist(weight:_cons "{break}{hline @width}")) varwidth(13), mat icc=J(6,1,-99) filled element by element and mat list; a pooled xtmixed with every covariate ##i.year, melogit per year, and graph use ..., scheme(cleanplots) of the saved graphs; labels and titles replaced; the workbook's one file name replaced by one name per sheet; the index does not name the repository)
* author: unknown
* licence: none stated
* data: append_sample5.dta = ethnic_fertility_census
* data: indicators_huang.xlsx = ethnic_indicators_huang
* data: indicators_dispersion.xlsx = ethnic_indicators_dispersion
* data: indicators_demo.xlsx = ethnic_indicators_demo
cd "/Users/x/Dropbox/project/data"
global date "042820222"
log using fertility-analysis03_$date, replace
use append_sample5.dta, clear
keep if inrange(age,15, 50)
keep if gender==2
keep if inrange(nationality, 1,56)
drop if nationality==1
drop if year ==1990
drop if marry==1
g       nborn = offspring_female+offspring_male
replace nborn=0 if marry==1 & nborn==.
 g lbirth=(twelve_birth ==1)
 g kitchen=(hs_kitchen==1 | hs_kitchen==2)
 g toilet=(inrange(hs_toilet,1,3))
 drop if hs_kitchen==. | hs_toilet==.
 la var kitchen "label a"
 la var toilet "label b"
 recode edu_attainment (1/2=1 "level 1") (3=2 "level 2") (4=3 "level 3") (5/8=4 "level 4"), gen(edu)
 g inwork=(work==1 | work==2)
 lab define newlabel 0 "none" , modify
 lab val occupation newlabel
 drop if occupation == -1
 recode  occupation (1/2 =1 "group 1") (3 =2  "group 2") (4 =3 "group 3") (5 = 4 "group 4" ) (6/8=5 "group 5"), gen (occup)
 recode marry  (1=1 "status 1") (2/3=2 "status 2") (4/5 =3 "status 3"), gen(mar)
 g mig2=(inrange(mig_state,6,9))
 la var mig2 "label c"
 g ruralland2=(ruralland==1)
 drop if hukou_type==0
 g ruralhukou= (hukou_type==1)
 la var ruralhukou "label d"
 g agesq= age* age
 replace ruralhukou=ruralland2 if year==20151 | year==20152
 bysort nationality year: gen nyear=_n ==1
 bysort nationality: egen tyear=total(nyear)
 drop if tyear <6
 clonevar minzu =nationality
tempfile ind
save `ind.dta'
import excel "indicators_huang.xlsx", sheet("huang") firstrow clear
 rename 城镇化 urban00
 rename 非农 nonag00
 rename 性别年龄 sexratio00
 drop if sexratio00==.
 rename 健康 health00
 destring health00, replace
 rename 教育 eduh00
tempfile huang
save `huang.dta'
import excel "indicators_dispersion.xlsx", sheet("dispersion") firstrow clear
tempfile disper
save `disper.dta'
import excel "indicators_demo.xlsx" , sheet("demo") firstrow clear
merge 1:1 民族 using `huang.dta', keep(matched) nogen
merge 1:1 民族 using `disper.dta'
 keep if _merge ==3
 drop _merge
 rename 编号 nationality
merge 1:m nationality  using `ind.dta'
 keep if _merge ==3
 drop _merge
 unique nationality
 rename 离散度 disper
 egen stnonag00=std(nonag00)
 egen sturban00=std(urban00)
 egen stedu00=std(edu00)
 egen stimr00=std(imr00)
 egen stdisper=std(disper)
 levelsof year, local(year)
 foreach x of local year{
 display "year ===>`x' "
 xtmixed nborn if year==`x' || nationality :
 estimate store nc`x'
 estat icc
 scalar icc`x'=r(icc2)
 }
 esttab nc2000 nc2005 nc20101 nc20102 nc20151 nc20152  using eth_fer_null.csv , b(3) se(3) la  mtitles(2000 2005 20101 20102 20151 20152 ) transform(ln*: exp(@) exp(@)) eqlabels("" "eq a" "eq b" , none) varlabels(,elist(weight:_cons "{break}{hline @width}")) varwidth(13) replace
  mat icc=J(6,1,-99)
  mat icc[1,1]= icc2000
  mat icc[2,1]= icc2005
  mat icc[3,1]= icc20101
  mat icc[4,1]= icc20102
  mat icc[5,1]= icc20151
  mat icc[6,1]= icc20152
  mat list icc
  levelsof year,local(year)
  foreach x of local year {
  display "year ===>`x' "
  xtmixed nborn  i.edu age agesq ruralhukou  i.mar  mig2 i.occup kitchen toilet  if year==`x' || nationality:
  estimate store c`x'
  estat icc
  scalar icc`x'=r(icc2)
  preserve
  predict r*, reffects reses(sd*)
  keep if year==`x'
  keep nationality r1 sd1
  duplicates drop
  sort r1
  g nrank=_n
  serrbar r1 sd1 nrank, scale(1.96) mvopts(mlabel(nationality) mlabangle(45) mlabsize(*0.55) mlabposition(6) mlabgap(*10)) ytitle (title a) xtitle(title b) title(`x' title c)
   graph save re`x', replace
  restore
 }
 esttab c2000 c2005 c20101 c20102 c20151 c20152  using eth_fer_m1.csv , b(3) se(3) la  mtitles(2000 2005 20101 20102 20151 20152 ) transform(ln*: exp(@) exp(@)) eqlabels("" "eq a" "eq b" , none) varlabels(,elist(weight:_cons "{break}{hline @width}")) varwidth(13) replace
  mat icc=J(6,1,-99)
  mat icc[1,1]= icc2000
  mat icc[2,1]= icc2005
  mat icc[3,1]= icc20101
  mat icc[4,1]= icc20102
  mat icc[5,1]= icc20151
  mat icc[6,1]= icc20152
  mat list icc
  levelsof year,local(year)
  foreach x of local year {
  display "standardized year ===>`x' "
  xtmixed nborn  i.edu age agesq ruralhukou  i.mar  mig2 i.occup kitchen toilet stnonag00 sturban00 stedu00  stimr00 stdisper  if year==`x' || nationality:
  display "year ===>`x' "
  xtmixed nborn  i.edu age agesq ruralhukou  i.mar  mig2 i.occup kitchen toilet nonag00 urban00 edu00  imr00 disper  if year==`x' || nationality:
  estat icc
  scalar icc`x'=r(icc2)
  estimate store c`x'
  }
 esttab c2000 c2005 c20101 c20102 c20151 c20152  using eth_fer_m2.csv , b(3) se(3) la  mtitles(2000 2005 20101 20102 20151 20152 ) transform(ln*: exp(@) exp(@)) eqlabels("" "eq a" "eq b" , none) varlabels(,elist(weight:_cons "{break}{hline @width}")) varwidth(13) replace
  mat icc=J(6,1,-99)
  mat icc[1,1]= icc2000
  mat icc[2,1]= icc2005
  mat icc[3,1]= icc20101
  mat icc[4,1]= icc20102
  mat icc[5,1]= icc20151
  mat icc[6,1]= icc20152
  mat list icc
xtmixed nborn  i.edu##i.year c.age##i.year c.agesq##i.year i.ruralhukou##i.year  i.mar##i.year  mig2##i.year i.occup##i.year kitchen##i.year toilet##i.year c.nonag00##i.year c.urban00##i.year c.edu00##i.year c.imr00##i.year c.disper##i.year || nationality:
 estimate store m3
 esttab m3 using eth_fer_m3.csv ,  b(3) se(3) la  replace
  levelsof year,local(year)
  foreach x of local year {
  display "year ===>`x' "
  melogit  lbirth  i.edu age agesq ruralhukou  i.mar  mig2 i.occup kitchen toilet nonag00 urban00 edu00  imr00 disper  if year==`x' || nationality:
  estimate store m4`x'
  }
 esttab m42000 m42005 m420101 m420102 m420151 m420152  using eth_fer_m4.csv , b(3) se(3) la  mtitles(2000 2005 20101 20102 20151 20152 ) transform(ln*: exp(@) exp(@)) eqlabels("" "eq a" "eq b" , none) varlabels(,elist(weight:_cons "{break}{hline @width}")) varwidth(13) replace
  mat icc=J(6,1,-99)
  mat icc[1,1]= icc2000
  mat icc[2,1]= icc2005
  mat icc[3,1]= icc20101
  mat icc[4,1]= icc20102
  mat icc[5,1]= icc20151
  mat icc[6,1]= icc20152
  mat list icc
log close
 graph use re20152.gph , scheme(cleanplots)
 levelsof year,local(year)
  foreach x of local year {
  graph use re`x'.gph, scheme(cleanplots)
   graph save re`x', replace
  }
