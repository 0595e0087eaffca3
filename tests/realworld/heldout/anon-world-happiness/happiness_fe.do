* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 2622109602 (a public GitHub .do file: life satisfaction of countries in the World Happiness Report panel -- string indicators with "NA" destrung, OLS with VIFs, box plots, fixed and random effects, xttest3, Hausman, year effects and a joint test, fixed effects by region; the index does not name the repository)
* author: unknown
* licence: none stated
* preload: whr_panel
destring loggdppercapita , replace ignore("NA")
destring healthylifeexpectancyatbirth  , replace ignore("NA")
destring freedomtomakelifechoices , replace ignore("NA")
destring generosity , replace ignore("NA")
destring perceptionsofcorruption  , replace ignore("NA")
encode country, gen(id)
xtset id year
destring socialsupport, replace ignore("NA")
summarize year lifeladder loggdppercapita socialsupport healthylifeexpectancyatbirth freedomtomakelifechoices generosity perceptionsofcorruption
regress lifeladder loggdppercapita healthylifeexpectancyatbirth freedomtomakelifechoices generosity perceptionsofcorruption socialsupport
graph box lifeladder  , marker(1, mlabel(lifeladder ))
graph box healthylifeexpectancyatbirth , marker(1, mlabel(healthylifeexpectancyatbirth ))
graph box freedomtomakelifechoices, marker(1, mlabel(freedomtomakelifechoices))
graph box loggdppercapita, marker(1, mlabel(loggdppercapit))
pwcorr loggdppercapita healthylifeexpectancyatbirth freedomtomakelifechoices generosity perceptionsofcorruption socialsupport 
regress lifeladder loggdppercapita healthylifeexpectancyatbirth freedomtomakelifechoices generosity perceptionsofcorruption socialsupport
vif
regress lifeladder loggdppercapita freedomtomakelifechoices generosity perceptionsofcorruption socialsupport
vif
xtreg lifeladder loggdppercapita healthylifeexpectancyatbirth freedomtomakelifechoices generosity perceptionsofcorruption socialsupport, fe
xttest3
xtreg lifeladder loggdppercapita healthylifeexpectancyatbirth freedomtomakelifechoices generosity perceptionsofcorruption socialsupport, fe vce(robust)
xtreg lifeladder loggdppercapita healthylifeexpectancyatbirth freedomtomakelifechoices generosity perceptionsofcorruption socialsupport, fe
estimate store fixedeff
xtreg lifeladder loggdppercapita healthylifeexpectancyatbirth freedomtomakelifechoices generosity perceptionsofcorruption socialsupport, re
estimate store randeff
hausman fixedeff randeff
xtreg lifeladder loggdppercapita healthylifeexpectancyatbirth freedomtomakelifechoices generosity perceptionsofcorruption socialsupport i.year, fe vce(robust)
test (2016.year 2017.year 2018.year)
bys region:xtreg lifeladder loggdppercapita healthylifeexpectancyatbirth freedomtomakelifechoices generosity perceptionsofcorruption socialsupport, fe
