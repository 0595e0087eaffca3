* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:Jayecon/master@f9cbe99f7a7d3821c8435041993e0452789747d7 PNT/pnt_reg_220103.do (code-index file id 46285788178: a research project on inequality of opportunity and growth -- Korean variable labels with LaTeX $\times$ signs, then for PISA and TIMSS indices eststo: quietly xi: reg/xtreg fe/xtdpdsys with lagged varlists L.(...) and wave dummies, esttab to the screen and to LaTeX with drop(), star(), stats(r2 N N_g), label and mtitle() of adjacent quoted titles, eststo clear) (excerpt: the labels and the main PISA and TIMSS tables; the robustness section -- 36 more xtdpdsys fits over other indices and wave lags -- left out)
* author: repository Jayecon (paths in the file)
* licence: none stated
* data: pnt_regdata.dta = pnt_regdata
  cd ~/dropbox/pnt
  use pnt_regdata.dta , clear
    label var lnpcgdp           "ln gdp pc"
    label var pl_i              "price"
    label var lnpop             "ln pop"
    label var oecdxbjtmathpip   "OECD $\times$ index 1"
    label var noecdxbjtmathpip  "OECD $\times$ index 2"
    label var bjtmathpip        "index 3"
    label var bjcmathpip        "index 4"
    label var bjemathpip        "index 5"
    label var oecdxbjcmathpip   "OECD $\times$ index 6"
    label var oecdxbjemathpip   "OECD $\times$ index 7"
    label var noecdxbjcmathpip  "OECD $\times$ index 8"
    label var noecdxbjemathpip  "OECD $\times$ index 9"
    label var oecdxbjtmathtip   "OECD $\times$ index 10"
    label var noecdxbjtmathtip  "OECD $\times$ index 11"
    label var bjtmathtip        "index 12"
    label var bjcmathtip        "index 13"
    label var bjemathtip        "index 14"
    label var oecdxbjcmathtip   "OECD $\times$ index 15"
    label var oecdxbjemathtip   "OECD $\times$ index 16"
    label var noecdxbjcmathtip  "OECD $\times$ index 17"
    label var noecdxbjemathtip  "OECD $\times$ index 18"
    label var oecdxbjtmathp     "OECD $\times$ index 19"
    label var noecdxbjtmathp    "OECD $\times$ index 20"
    label var bjtmathp          "index 21"
    label var bjcmathp          "index 22"
    label var bjemathp          "index 23"
    label var oecdxbjcmathp     "OECD $\times$ index 24"
    label var oecdxbjemathp     "OECD $\times$ index 25"
    label var noecdxbjcmathp    "OECD $\times$ index 26"
    label var noecdxbjemathp    "OECD $\times$ index 27"
    label var oecdxbjtmatht     "OECD $\times$ index 28"
    label var noecdxbjtmatht    "OECD $\times$ index 29"
    label var bjtmatht          "index 30"
    label var bjcmatht          "index 31"
    label var bjematht          "index 32"
    label var oecdxbjcmatht     "OECD $\times$ index 33"
    label var oecdxbjematht     "OECD $\times$ index 34"
    label var noecdxbjcmatht    "OECD $\times$ index 35"
    label var noecdxbjematht    "OECD $\times$ index 36"
    label var oecdxfgtmathpip   "OECD $\times$ index 37"
    label var noecdxfgtmathpip  "OECD $\times$ index 38"
    label var fgtmathpip        "index 39"
    label var fgcmathpip        "index 40"
    label var fgemathpip        "index 41"
    label var oecdxfgcmathpip   "OECD $\times$ index 42"
    label var oecdxfgemathpip   "OECD $\times$ index 43"
    label var noecdxfgcmathpip  "OECD $\times$ index 44"
    label var noecdxfgemathpip  "OECD $\times$ index 45"
    label var oecdxfgtmathtip   "OECD $\times$ index 46"
    label var noecdxfgtmathtip  "OECD $\times$ index 47"
    label var fgtmathtip        "index 48"
    label var fgcmathtip        "index 49"
    label var fgemathtip        "index 50"
    label var oecdxfgcmathtip   "OECD $\times$ index 51"
    label var oecdxfgemathtip   "OECD $\times$ index 52"
    label var noecdxfgcmathtip  "OECD $\times$ index 53"
    label var noecdxfgemathtip  "OECD $\times$ index 54"
    label var oecdxfgtmathp     "OECD $\times$ index 55"
    label var noecdxfgtmathp    "OECD $\times$ index 56"
    label var fgtmathp          "index 57"
    label var fgcmathp          "index 58"
    label var fgemathp          "index 59"
    label var oecdxfgcmathp     "OECD $\times$ index 60"
    label var oecdxfgemathp     "OECD $\times$ index 61"
    label var noecdxfgcmathp    "OECD $\times$ index 62"
    label var noecdxfgemathp    "OECD $\times$ index 63"
    label var oecdxfgtmatht     "OECD $\times$ index 64"
    label var noecdxfgtmatht    "OECD $\times$ index 65"
    label var fgtmatht          "index 66"
    label var fgcmatht          "index 67"
    label var fgematht          "index 68"
    label var oecdxfgcmatht     "OECD $\times$ index 69"
    label var oecdxfgematht     "OECD $\times$ index 70"
    label var noecdxfgcmatht    "OECD $\times$ index 71"
    label var noecdxfgematht    "OECD $\times$ index 72"
    xtset cntcod wpisa3
      eststo: quietly xi: reg      	   lnpcgdp L.(lnpcgdp bjtmathpip                  pl_i lnpop) i.wpisa3, rob
      eststo: quietly xi: xtreg      	 lnpcgdp L.(lnpcgdp bjtmathpip                  pl_i lnpop) i.wpisa3, fe
      eststo: quietly xi: xtdpdsys 	   lnpcgdp L.(		    bjtmathpip                  pl_i lnpop) i.wpisa3, vce(robust)
      eststo: quietly xi: reg      	   lnpcgdp L.(lnpcgdp oecdxbjtmathp bjtmathp oecd pl_i lnpop) i.wpisa3, rob
      eststo: quietly xi: xtreg        lnpcgdp L.(lnpcgdp oecdxbjtmathp bjtmathp oecd pl_i lnpop) i.wpisa3, fe
      eststo: quietly xi: xtdpdsys 	   lnpcgdp L.(	  	  oecdxbjtmathp bjtmathp oecd pl_i lnpop) i.wpisa3, vce(robust)
      esttab , se drop(*wpisa*) star(* 0.10 ** 0.05 *** 0.01) stats(r2 N N_g) label mtitle("OLS""FE""Sys.GMM""OLS""FE""Sys. GMM")
	  esttab using pisa_reg1.tex, se drop(*wpisa*) star(* 0.10 ** 0.05 *** 0.01) stats(r2 N N_g) label mtitle("OLS""FE""Sys. GMM""OLS""FE""Sys. GMM") replace title(table one \label{tab:pisa_reg1})
      eststo clear
      eststo: quietly xi: reg      	   lnpcgdp L.(lnpcgdp                             bjcmathp bjemathp      pl_i lnpop) i.wpisa3, rob
      eststo: quietly xi: xtreg        lnpcgdp L.(lnpcgdp                             bjcmathp bjemathp      pl_i lnpop) i.wpisa3, fe
      eststo: quietly xi: xtdpdsys 	   lnpcgdp L.(	                              	  bjcmathp bjemathp      pl_i lnpop) i.wpisa3, vce(robust)
      eststo: quietly xi: reg      	   lnpcgdp L.(lnpcgdp oecdxbjcmathp oecdxbjemathp bjcmathp bjemathp oecd pl_i lnpop) i.wpisa3, rob
      eststo: quietly xi: xtreg        lnpcgdp L.(lnpcgdp oecdxbjcmathp oecdxbjemathp bjcmathp bjemathp oecd pl_i lnpop) i.wpisa3, fe
      eststo: quietly xi: xtdpdsys 	   lnpcgdp L.(	   	  oecdxbjcmathp oecdxbjemathp bjcmathp bjemathp oecd pl_i lnpop) i.wpisa3, vce(robust)
      esttab , se drop(*wpisa*) star(* 0.10 ** 0.05 *** 0.01) stats(r2 N N_g) label mtitle("OLS""FE""Sys.GMM""OLS""FE""Sys. GMM")
      esttab using pisa_reg2.tex, se drop(*wpisa*) star(* 0.10 ** 0.05 *** 0.01) stats(r2 N N_g) label mtitle("OLS""FE""Sys. GMM""OLS""FE""Sys. GMM") replace title(table two \label{tab:pisa_reg2}) 
	  eststo clear
    xtset cntcod wtimss4
      eststo: quietly xi: reg      	   lnpcgdp L.(lnpcgdp               bjtmatht      pl_i lnpop) i.wtimss4, rob
      eststo: quietly xi: xtreg        lnpcgdp L.(lnpcgdp               bjtmatht      pl_i lnpop) i.wtimss4, fe
      eststo: quietly xi: xtdpdsys 	   lnpcgdp L.(	  	                bjtmatht      pl_i lnpop) i.wtimss4, vce(robust)
      eststo: quietly xi: reg      	   lnpcgdp L.(lnpcgdp oecdxbjtmatht bjtmatht oecd pl_i lnpop) i.wtimss4, rob
      eststo: quietly xi: xtreg        lnpcgdp L.(lnpcgdp oecdxbjtmatht bjtmatht oecd pl_i lnpop) i.wtimss4, fe
      eststo: quietly xi: xtdpdsys 	   lnpcgdp L.(	  	  oecdxbjtmatht bjtmatht oecd pl_i lnpop) i.wtimss4, vce(robust)
      esttab , se drop(*timss*) star(* 0.10 ** 0.05 *** 0.01) stats(r2 N N_g) label mtitle("OLS""FE""Sys.GMM""OLS""FE""Sys. GMM")
      esttab using timss_reg1.tex, se drop(*wtimss*) star(* 0.10 ** 0.05 *** 0.01) stats(r2 N N_g) label mtitle("OLS""FE""Sys. GMM""OLS""FE""Sys. GMM") replace title(table three \label{tab:timss_reg1}) 
	  eststo clear
      eststo: quietly xi: reg      	   lnpcgdp L.(lnpcgdp                             bjcmatht bjematht      pl_i lnpop) i.wtimss4, rob
      eststo: quietly xi: xtreg        lnpcgdp L.(lnpcgdp                             bjcmatht bjematht      pl_i lnpop) i.wtimss4, fe
      eststo: quietly xi: xtdpdsys 	   lnpcgdp L.(  		                              bjcmatht bjematht      pl_i lnpop) i.wtimss4, vce(robust)
      eststo: quietly xi: reg      	   lnpcgdp L.(lnpcgdp oecdxbjcmatht oecdxbjematht bjcmatht bjematht oecd pl_i lnpop) i.wtimss4, rob
      eststo: quietly xi: xtreg        lnpcgdp L.(lnpcgdp oecdxbjcmatht oecdxbjematht bjcmatht bjematht oecd pl_i lnpop) i.wtimss4, fe
      eststo: quietly xi: xtdpdsys 	   lnpcgdp L.(  		  oecdxbjcmatht oecdxbjematht bjcmatht bjematht oecd pl_i lnpop) i.wtimss4, vce(robust)
      esttab , se drop(*timss*) star(* 0.10 ** 0.05 *** 0.01) stats(r2 N N_g) label mtitle("OLS""FE""Sys.GMM""OLS""FE""Sys. GMM")
      esttab using timss_reg2.tex, se drop(*timss*) star(* 0.10 ** 0.05 *** 0.01) stats(r2 N N_g)b label mtitle("OLS""FE""Sys. GMM""OLS""FE""Sys. GMM") replace title(table four \label{tab:timss_reg2}) 
	 eststo clear
