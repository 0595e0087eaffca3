* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:jguerrae/crim_vup@ce0027c754437a2ef8f6141059647454b1ed1e57 analysis/VIDA/regresiones.do (crime around an urban-renewal site in Bogota, daily counts: reg with site/post/event-window dummies and i.n_year i.n_month, outreg2 ctitle() keep() addtext() replace/append, estimates store, coefplot vertical keep() ciopts(recast(. rcap)) mlabel format() levels(95 99), graph export, windows restricted by if)
* author: repository jguerrae
* licence: none stated
* data: db.dta = bogota_crime_daily
clear all

cd "D:\x\y"

use "db.dta"

reg cantidad S D SD_1 SD_2 SD_3 SD SD1 SD2 SD3 i.n_year i.n_month 
outreg2 using out_es.doc, replace ctitle(FE YM) keep(S D SD_1 SD_2 SD_3 SD SD1 SD2 SD3)
estimates store reg1
coefplot reg1, vertical keep(SD_1 SD_2 SD_3 SD SD1 SD2 SD3) ciopts(recast(. rcap)) yline(0) graphregion(color(white)) mlabel format(%9.1f) mlabposition(11) mlabsize(small) mlabcolor(black) levels(95 99) note("a", span) title("a")
graph export "es.png", as(png) name("Graph") replace

reg cantidad S D SD i.n_year i.n_month
outreg2 using out_main.doc, replace ctitle(FE YM) keep(S D SD) addtext(FE year, YES, FE month, YES) 

reg cantidad S D SD i.n_month
outreg2 using out_main.doc, append ctitle(FE M) keep(S D SD) addtext(FE year, NO, FE month, YES) 

reg cantidad S D SD i.n_year
outreg2 using out_main.doc, append ctitle(FE Y) keep(S D SD) addtext(FE year, Yes, FE month, NO) 

reg cantidad S D SD 
outreg2 using out_main.doc, append ctitle(NO FE) keep(S D SD) addtext(FE year, NO, FE month, NO) 

reg cantidad S D SD i.n_year i.n_month if D_1==1 & D1==0
outreg2 using out_windows.doc, replace ctitle(R 2M) keep(S D SD) addtext(FE year, YES, FE month, YES) 

reg cantidad S D SD i.n_year i.n_month if D_2==1 & D2==0
outreg2 using out_windows.doc, append ctitle(R 4M) keep(S D SD) addtext(FE year, YES, FE month, YES)

reg cantidad S D SD i.n_year i.n_month if D_3==1 & D3==0
outreg2 using out_windows.doc, append ctitle(R 6M) keep(S D SD) addtext(FE year, YES, FE month, YES)

reg cantidad S D SD i.n_year i.n_month if index>=488 & index<=973
outreg2 using out_windows.doc, append ctitle(R 8M) keep(S D SD) addtext(FE year, YES, FE month, YES) 
 
reg cantidad S D SD i.n_year i.n_month if index>=365 & index<=1095
outreg2 using out_windows.doc, append ctitle(R 12M) keep(S D SD) addtext(FE year, YES, FE month, YES)

reg cantidad S D SD i.n_year i.n_month if index>=184 & index<=1279
outreg2 using out_windows.doc, append ctitle(R 18M) keep(S D SD) addtext(FE year, YES, FE month, YES) 

reg cantidad S D SD i.n_year i.n_month
outreg2 using out_windows.doc, append ctitle(R 24M) keep(S D SD) addtext(FE year, YES, FE month, YES) 
