* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 8140149762 (a public GitHub .do file of a physiology study relating muscle activation measured by twitch interpolation to surface EMG of three calf muscles in 25 subjects: path locals built with compound quotes and c(current_date), import delimited, egen group(), graph text accumulated in locals over forvalues loops and drawn with twoway in foreach loops with if `var' == ... branches, outlier listing by trial means and SDs, random-slope xtmixed ... || subjectGroup: activations, cov(unstructured) with estat icc and mltrsq, predict xb/stdp/fitted inside quietly { }, confidence and prediction bands by rarea, predictions on a new grid made with egen seq() under preserve, graph combine, graph export to tif/eps/svg and graph drop; the index does not name the repository; the author's commented-out blocks are left out)
* author: Joanna Diong (file header), 2019
* licence: none stated
* data: subjects_data.csv = emg_activation_subjects
clear all
clear matrix
drop _all
capture log close

set more off
set scheme lean3
pause on

local pathname = `""/home/user/project/stats/""'
local dofilename = `""script.do""'

local pathandnameofdofile = `"""' + `pathname' + `dofilename' + `"""'
local pathoflogfilesname = `"""' + `pathname' + "log_files/" + `"""'
local pathofdatafilesname = `"""' + `pathname' + "data/" + `"""'
local pathofgraphfilesname = `"""' + `pathname' + "graphs/" + `"""'
local cdate = "c(current_date)"
local ctime = "c(current_time)"
local ctime = subinstr(`ctime',":","h",1)
local ctime = subinstr("`ctime'",":","m",1)
local logfilename = `"""' + "Log " + `cdate' + " " + "`ctime'" + "s.log" + `"""'
local backupdofilename = `"""' + "Do " + `cdate' + " " + "`ctime'" + "s.txt" + `"""'
cd `pathoflogfilesname'
cd `pathofdatafilesname'

cd `pathofdatafilesname'
import delimited using "subjects_data.csv", delimiters(",") varnames(1)

egen subjectGroup = group(subject)
sort activations

cd `pathofgraphfilesname'

foreach var of varlist torques emgso emgmg emglg {
    forvalues subject = 1/25 {
      local graphtext1 `graphtext1' (line `var' activations if subjectGroup == `subject', lpattern(solid) lcolor(gs10))
      local graphtext1_ `graphtext1_' (line activations `var' if subjectGroup == `subject', lpattern(solid) lcolor(gs10))
    }
    sort activations

    if `var' == torques {
      twoway `graphtext1_' , xtitle("Title 1") ytitle("Title 2") legend(off) aspect(1) name(all_`var', replace)
    }
    if `var' == emgso {
      twoway `graphtext1' , xtitle("Title 2", size(small)) xlabel(, labsize(small)) ytitle("Title 3", size(small)) ylabel(,labsize(small)) legend(off) aspect(1) name(all_`var', replace)
    }
    if `var' == emgmg {
      twoway `graphtext1' , xtitle("Title 2", size(small)) xlabel(, labsize(small)) ytitle("Title 4", size(small)) ylabel(,labsize(small)) legend(off) aspect(1) name(all_`var', replace)
    }
    if `var' == emglg {
      twoway `graphtext1' , xtitle("Title 2", size(small)) xlabel(, labsize(small)) ytitle("Title 5", size(small)) ylabel(,labsize(small)) legend(off) aspect(1) name(all_`var', replace)
    }
    graph export all_`var'.tif, width(1200) height(900) replace

    local graphtext1 = ""
    local graphtext1_ = ""

  }

  cls

  bys trial: egen avlnemgso = mean(lnemgso)
  bys trial: egen sdlnemgso = sd(lnemgso)

  bys trial: egen avlnemgmg = mean(lnemgmg)
  bys trial: egen sdlnemgmg = sd(lnemgmg)

  bys trial: egen avlnemglg = mean(lnemglg)
  bys trial: egen sdlnemglg = sd(lnemglg)

  forvalues subject = 1/25 {
    list subject lnemgso if subjectGroup == `subject' & (lnemgso  <= avlnemgso - 4 * sdlnemgso | lnemgso  >= avlnemgso + 4 * sdlnemgso)
    list subject lnemgmg if subjectGroup == `subject' & (lnemgmg  <= avlnemgmg - 4 * sdlnemgmg | lnemgmg  >= avlnemgmg + 4 * sdlnemgmg)
    list subject lnemglg if subjectGroup == `subject' & (lnemglg  <= avlnemglg - 4 * sdlnemglg | lnemglg  >= avlnemglg + 4 * sdlnemglg)
  }
  replace lnemgmg = . if subject == "sub17"
  sort subject trials

  foreach var of varlist torques lnemgso lnemgmg lnemglg {

    forvalues subject = 1/25 {
      local graphtext1 `graphtext1' (line `var' activations if subjectGroup == `subject', lpattern(solid) lcolor(gs10))
    }
    sort activations

    if `var' == lnemgso {
      twoway `graphtext1' , xtitle("Title 2", size(small)) xlabel(, labsize(small)) ytitle("Title 6", size(small)) ylabel(, labsize(small)) legend(off) aspect(1) name(all_`var', replace)
    }
    if `var' == lnemgmg {
      twoway `graphtext1' , xtitle("Title 2", size(small)) xlabel(, labsize(small)) ytitle("Title 7", size(small)) ylabel(, labsize(small)) legend(off) aspect(1) name(all_`var', replace)
    }
    if `var' == lnemglg {
      twoway `graphtext1' , xtitle("Title 2", size(small)) xlabel(, labsize(small)) ytitle("Title 8", size(small)) ylabel(, labsize(small)) legend(off) aspect(1) name(all_`var', replace)
    }
    graph export all_`var'.tif, width(1200) height(900) replace

    local graphtext1 = ""

    display _n _n in green "Text 1: " "`var'"

    xtmixed `var' activations || subjectGroup: activations, cov(unstructured)
    estat icc
    mltrsq

    quietly {
      predict mixedPred
      predict mixedSE, stdp
      generate mixedLCL = mixedPred - invnormal(0.975) * mixedSE
      generate mixedUCL = mixedPred + invnormal(0.975) * mixedSE
      generate mixedLPL = mixedPred - invnormal(0.975) * mixedSE * sqrt(24)
      generate mixedUPL = mixedPred + invnormal(0.975) * mixedSE * sqrt(24)

      predict emgFit, fitted
    }

      forvalues subject = 1/25 {
          local graphtext2 `graphtext2' (line `var' activations if subjectGroup == `subject', lpattern(solid) lcolor(gs10))
          local graphtext2_ `graphtext2_' (line activations `var' if subjectGroup == `subject', lpattern(solid) lcolor(gs10))
      }
      sort activations

      if `var' == torques {
        twoway `graphtext2_', xtitle("Title 1") ytitle("Title 2") legend(off) aspect(1) legend(off) name(mixed_`var', replace)
          graph export torques.tif, width(1200) height(900) replace
          graph export torques.eps, replace
      }
      if `var' == lnemgso {
        twoway (rarea mixedLPL mixedUPL activations, astyle(sunflowerlb)) (rarea mixedLCL mixedUCL activations, astyle(sunflowerdb)) (line mixedPred activations, lpattern(solid)) , xtitle("Title 2", size(small)) xlabel(, labsize(small)) ytitle("Title 6", size(small)) ylabel(, labsize(small)) legend(off) aspect(1) name(mixed_`var', replace)
              graph export mixed_`var'.tif, width(1200) height(900) replace
	      graph export mixed_`var'.svg, replace

        preserve
        sort subjectGroup activations
        twoway (line emgFit activations, connect(ascending)), xtitle("Title 2", size(small)) xlabel(, labsize(small)) ytitle("Title 6", size(small)) ylabel(, labsize(small)) legend(off) aspect(1) name(emgFit_`var', replace)
                graph export emgFit_`var'.tif, width(1200) height(900) replace
        restore

      }
      if `var' == lnemgmg {
        twoway (rarea mixedLPL mixedUPL activations, astyle(sunflowerlb)) (rarea mixedLCL mixedUCL activations, astyle(sunflowerdb)) (line mixedPred activations, lpattern(solid)) , xtitle("Title 2", size(small)) xlabel(, labsize(small)) ytitle("Title 7", size(small)) ylabel(, labsize(small)) legend(off) aspect(1) name(mixed_`var', replace)
            graph export mixed_`var'.tif, width(1200) height(900) replace

        preserve
        sort subjectGroup activations
        twoway(line emgFit activations, connect(ascending)), xtitle("Title 2", size(small)) xlabel(, labsize(small)) ytitle("Title 7", size(small)) ylabel(, labsize(small)) legend(off) aspect(1) name(emgFit_`var', replace)
            graph export emgFit_`var'.tif, width(1200) height(900) replace
        restore

      }
      if `var' == lnemglg {
        twoway (rarea mixedLPL mixedUPL activations, astyle(sunflowerlb)) (rarea mixedLCL mixedUCL activations, astyle(sunflowerdb)) (line mixedPred activations, lpattern(solid)) , xtitle("Title 2", size(small)) xlabel(, labsize(small)) ytitle("Title 8", size(small)) ylabel(, labsize(small)) legend(off) aspect(1) name(mixed_`var', replace)
            graph export mixed_`var'.tif, width(1200) height(900) replace

        preserve
        sort subjectGroup activations
        twoway(line emgFit activations, connect(ascending)), xtitle("Title 2", size(small)) xlabel(, labsize(small)) ytitle("Title 8", size(small)) ylabel(, labsize(small)) legend(off) aspect(1) name(emgFit_`var', replace)
            graph export emgFit_`var'.tif, width(1200) height(900) replace
        restore

      }

    preserve
        drop activations
        egen activations = seq() in 1/11, from(0)
        replace  activations = activations * 10
        predict newPred
        predict newSE, stdp
        generate newLCL = newPred - invnormal(0.975) * newSE
        generate newUCL = newPred + invnormal(0.975) * newSE
        noisily list activations newPred newLCL newUCL in 1/11, noobs sep(0)
    restore
    drop mixedPred mixedSE mixedLCL mixedUCL mixedLPL mixedUPL emgFit

    local graphtext2 = ""
    local graphtext2_ = ""

  }

  graph combine all_emgso all_lnemgso mixed_lnemgso all_emgmg all_lnemgmg mixed_lnemgmg all_emglg all_lnemglg mixed_lnemglg , rows(3) ysize(12) xsize(12) name(all_mixed, replace)
  graph export all_mixed.tif, width(4800) replace
  graph export all_mixed.eps, replace

  graph drop all_torques all_emgso all_emgmg all_emglg
  graph drop all_lnemgso all_lnemgmg all_lnemglg
  graph drop emgFit_lnemgso emgFit_lnemgmg emgFit_lnemglg

  graph drop mixed_torques mixed_lnemgso mixed_lnemgmg mixed_lnemglg
  graph drop all_mixed

  exit
