* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 17400475556 (a public GitHub .do file; the index does not name the repository)
* author: unknown
* licence: none stated
* preload: pairfam_cohab
gen xagesec=.
replace xagesec=(SSW_gw1 + (SSW_gw2*0.7))/2 if partner==1
replace xagesec= SSW_gw1 if SSW_gw2==. & partner==0
replace xagesec= SSW_gw2 if SSW_gw1==. & partner==0
replace xagesec= log(xagesec)
label var xagesec "a"
drop SSW_gw1 SSW_gw2
gen Kaltert= Kalter^2
gen outwork=Kop
recode outwork (1/3=0) (5/7=0)
logit Kcohab Ksex Kalter Kaltert i.Kycle i.Keduc i.Kop, vce(cluster hhid5)
logit Kcohab Ksex Kalter Kaltert i.Kycle i.Keduc outwork, vce(cluster hhid5)
melogit Kcohab partner i.Countbaby Omps i.otherya i.valueprct Countold i.Famhome || hhid5:, or
estimates store m1
* mlm-expect: r(321)
estat
fitstat
melogit Kcohab partner i.Countbaby Omps i.otherya i.valueprct /*
*/ i.incprct i.futkat octime partime i.xisced i.xhealth xalter migration kidsout Countold i.Famhome || hhid5:, or
estimates store m2
lrtest m1 m2, stats
melogit Kcohab partner i.Countbaby Omps i.otherya i.valueprct /*
*/ i.incprct i.futkat octime partime i.xisced i.xhealth xalter migration /*
*/Ksex Kalter i.Kycle i.Keduc i.Kop kidsout Countold i.Famhome || hhid5:, or
