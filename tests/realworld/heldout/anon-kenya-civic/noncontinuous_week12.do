* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 40522477887 (a public GitHub .do file, week 12 of a course on longitudinal and multilevel models for non-continuous dependent variables (PS2730, 2021), on a three-wave Kenyan civic-education panel already in memory (the use line is commented out; its first three lines are a title, which Stata would refuse, and are prose here): egen cut(), group() tertiles, xtologit with vce(cluster id), margins at() and dydx(), display of exp(), hybrid within/between models with test, meologit, xtmlogit random-effects, cov(unstructured) and fe with margins and test [equation]coef, tab ..., gen() of 3-digit dummies, xtpoisson fe and with unit dummies, nbreg and hybrid menbreg with vce(cluster id); the index does not name the repository)
* author: unknown (course PS2730, 2021)
* licence: none stated
* preload: kenya_civic
egen ordint=cut(interest_w), group(3)
tab ordint
xtset id wave
xtologit ordint totalce_w media_w educ wvv*, vce(cluster id)
margins, at(totalce_w =1)
margins, at(totalce_w =(0(1)6))
margins, dydx (totalce_w media_w) 
dis exp(.1278)
dis exp(1.08)
egen media_mn=mean(media_w), by(id)
gen media_dif=media_w-media_mn
gen totalce_dif=totalce_w-totalce_mn
xtologit ordint totalce_w totalce_mn media_w media_mn educ wvv*, vce(cluster id)
xtologit ordint totalce_dif totalce_mn media_dif media_mn educ wvv*, vce(cluster id)
test totalce_mn totalce_dif
test media_mn media_dif
meologit ordint totalce_dif totalce_mn media_dif media_mn educ wvv*||id:, vce(cluster id)
xtmlogit system totalce_w i.sex age know_w
margins, at(totalce_w=(0(1)6))
margins, dydx(totalce_w know_w)
xtmlogit system totalce_w i.sex age know_w, cov(unstructured)
xtmlogit system totalce_w i.sex age know_w, fe
margins, dydx(totalce_w know_w)
egen knowmn=mean(know_w), by(id) 
gen know_dif=know_w-knowmn
xtmlogit system totalce_dif totalce_mn i.sex age know_dif knowmn, vce(cluster id)
test [military]totalce_dif=[military]totalce_mn
test [autocrat]totalce_dif=[autocrat]totalce_mn
test [military]know_dif=[military]knowmn
test [autocrat]know_dif=[autocrat]knowmn
xtmlogit system totalce_w  i.sex age know_w, vce(cluster id)
quietly tab id, gen(subj)
xtpoisson polpart_w know_w totalce_w wvv1 wvv2, fe
dis exp(.0518)
xtpoisson polpart_w know_w totalce_w wvv1 wvv2 subj*
nbreg polpart_w know_w totalce_w wvv1 wvv2 subj*
egen interest_mn=mean(interest), by(id)
gen int_dev=interest_w-interest_mn
egen know_mn=mean(know_w), by (id)
menbreg polpart_w know_w interest_w totalce_w wvv1 wvv2 know_mn totalce_mn interest_mn ||id: , vce(cluster id)
menbreg polpart_w know_dif int_dev totalce_dif wvv1 wvv2 know_mn totalce_mn interest_mn ||id: , vce(cluster id)
menbreg polpart_w totalce_dif wvv1 wvv2 totalce_mn  ||id: , vce(cluster id)
test totalce_dif=totalce_mn
