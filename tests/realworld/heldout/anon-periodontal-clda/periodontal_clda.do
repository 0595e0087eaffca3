* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 68360045311 (a public GitHub .do file of a two-arm trial of an adjunct to periodontal therapy in people with diabetes, baseline and 60 days: xtset id time, log using per block, table group time with statistic(count/mean/sd), constrained longitudinal data analysis mixed y i.time 1.group#1.time || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger), lincom ..., small of the changes and the treatment effect, margins group#time and marginsplot with plot#opts()/ci#opts(), predict fitted and rstandard, scatter and qnorm by visit, graph combine and graph export name() width(), then sensitivity loops: tempname + postfile of r(estimate)/r(se)/r(df)/r(p)/r(lb)/r(ub) after lincom, standardized residuals flagged with bysort egen max, list sepby() noobs abbreviate(), levelsof into locals, leave-one-participant-out refits under capture quietly, a random-intercept alternative, a baseline-adjusted ANCOVA after reshape wide with vce(hc3), postclose, the results file listed with formats and exported with export delimited; the index does not name the repository; the file has no data-loading line, its data are preloaded) (excerpt: sections 1 (laboratory outcomes) and its sensitivity loop, and 3 (salivary outcomes) and its sensitivity loop; section 2 (seven periodontal outcomes with the same commands) and its loop left out)
* author: unknown
* licence: none stated
* preload: periodontal_clda
xtset id time
capture log close
log using "log_one.log", replace
table group time, statistic(count hba1c) statistic(mean hba1c) statistic(sd hba1c)
mixed hba1c i.time 1.group#1.time || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
lincom 1.time, small
lincom 1.time + 1.group#1.time, small
lincom 1.group#1.time, small
margins group#time
marginsplot, plot1opts(lcolor("#384358") mcolor("#384358")) plot2opts(lcolor("#541A2E") mcolor("#541A2E")) ci1opts(lcolor("#384358")) ci2opts(lcolor("#541A2E")) graphregion(color(white)) plotregion(color(white)) name(margins_hba1c, replace)
capture drop fit_hba1c res_hba1c
predict fit_hba1c, fitted
predict res_hba1c, rstandard
scatter res_hba1c fit_hba1c, mcolor("#5B6E8C") msize(medsmall) yline(0, lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(resfit_hba1c, replace)
qnorm res_hba1c if time==0, mcolor("#5B6E8C") rlopts(lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(qnorm_hba1c_t0, replace)
qnorm res_hba1c if time==1, mcolor("#5B6E8C") rlopts(lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(qnorm_hba1c_t1, replace)
graph combine qnorm_hba1c_t0 qnorm_hba1c_t1, name(hba1c_resid_panel, replace)
graph export "hba1c_resid_panel.png", name(hba1c_resid_panel) width(3000) replace
table group time, statistic(count glucose) statistic(mean glucose) statistic(sd glucose)
mixed glucose i.time 1.group#1.time || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
lincom 1.time, small
lincom 1.time + 1.group#1.time, small
lincom 1.group#1.time, small
margins group#time
marginsplot, plot1opts(lcolor("#384358") mcolor("#384358")) plot2opts(lcolor("#541A2E") mcolor("#541A2E")) ci1opts(lcolor("#384358")) ci2opts(lcolor("#541A2E")) graphregion(color(white)) plotregion(color(white)) name(margins_glucose, replace)
capture drop fit_glucose res_glucose
predict fit_glucose, fitted
predict res_glucose, rstandard
scatter res_glucose fit_glucose, mcolor("#5B6E8C") msize(medsmall) yline(0, lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(resfit_glucose, replace)
qnorm res_glucose if time==0, mcolor("#5B6E8C") rlopts(lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(qnorm_glucose_t0, replace)
qnorm res_glucose if time==1, mcolor("#5B6E8C") rlopts(lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(qnorm_glucose_t1, replace)
graph combine qnorm_glucose_t0 qnorm_glucose_t1, name(glucose_resid_panel, replace)
graph export "glucose_resid_panel.png", name(glucose_resid_panel) width(3000) replace
table group time, statistic(count crp) statistic(mean crp) statistic(sd crp)
mixed crp i.time 1.group#1.time || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
lincom 1.time, small
lincom 1.time + 1.group#1.time, small
lincom 1.group#1.time, small
margins group#time
marginsplot, plot1opts(lcolor("#384358") mcolor("#384358")) plot2opts(lcolor("#541A2E") mcolor("#541A2E")) ci1opts(lcolor("#384358")) ci2opts(lcolor("#541A2E")) graphregion(color(white)) plotregion(color(white)) name(margins_crp, replace)
capture drop fit_crp res_crp
predict fit_crp, fitted
predict res_crp, rstandard
scatter res_crp fit_crp, mcolor("#5B6E8C") msize(medsmall) yline(0, lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(resfit_crp, replace)
qnorm res_crp if time==0, mcolor("#5B6E8C") rlopts(lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(qnorm_crp_t0, replace)
qnorm res_crp if time==1, mcolor("#5B6E8C") rlopts(lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(qnorm_crp_t1, replace)
graph combine qnorm_crp_t0 qnorm_crp_t1, name(crp_resid_panel, replace)
graph export "crp_resid_panel.png", name(crp_resid_panel) width(3000) replace
graph combine resfit_hba1c resfit_glucose resfit_crp, rows(1) name(scatter_laboratory_panel, replace)
graph export "scatter_laboratory_panel.png", name(scatter_laboratory_panel) width(3000) replace
log close
capture log close
log using "log_two.log", text replace
capture postutil clear
tempname results
postfile `results' str12 outcome str28 analysis double estimate se df p lb ub using "results_one.dta", replace
foreach y in hba1c glucose crp {
    display _newline(2) "text"
    display "text `y'"
    display "text"
    mixed `y' i.time 1.group#1.time || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
    lincom 1.group#1.time, small
    post `results' ("`y'") ("Primary_UN") (r(estimate)) (r(se)) (r(df)) (r(p)) (r(lb)) (r(ub))
    capture drop r_`y' absr_`y' maxabs_`y' keep_`y'
    predict double r_`y', rstandard
    generate double absr_`y' = abs(r_`y')
    bysort id: egen double maxabs_`y' = max(absr_`y')
    display _newline "text"
    list id code group time `y' r_`y' if absr_`y' >= 2, sepby(id) noobs abbreviate(20)
    display _newline "text"
    list id code group maxabs_`y' if time == 0 & maxabs_`y' >= 2, noobs abbreviate(20)
    levelsof id if maxabs_`y' >= 2 & !missing(maxabs_`y'), local(flagged)
    foreach omit of local flagged {
        quietly mixed `y' i.time 1.group#1.time if id != `omit' || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
        quietly lincom 1.group#1.time, small
        post `results' ("`y'") ("Omit_ID_`omit'") (r(estimate)) (r(se)) (r(df)) (r(p)) (r(lb)) (r(ub))
    }
    levelsof id, local(allids)
    foreach omit of local allids {
        quietly mixed `y' i.time 1.group#1.time if id != `omit' || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
        quietly lincom 1.group#1.time, small
        post `results' ("`y'") ("LOO_ID_`omit'") (r(estimate)) (r(se)) (r(df)) (r(p)) (r(lb)) (r(ub))
    }
    generate byte keep_`y' = 1
    foreach omit of local flagged {
        replace keep_`y' = 0 if id == `omit'
    }
    quietly mixed `y' i.time 1.group#1.time if keep_`y' == 1 || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
    quietly lincom 1.group#1.time, small
    post `results' ("`y'") ("Omit_all_flagged") (r(estimate)) (r(se)) (r(df)) (r(p)) (r(lb)) (r(ub))
    quietly mixed `y' i.time 1.group#1.time || id:, reml dfmethod(kroger)
    quietly lincom 1.group#1.time, small
    post `results' ("`y'") ("Random_intercept") (r(estimate)) (r(se)) (r(df)) (r(p)) (r(lb)) (r(ub))
    preserve
        keep id code group time `y'
        reshape wide `y', i(id code group) j(time)
        quietly regress `y'1 i.group c.`y'0, vce(hc3)
        quietly lincom 1.group
        post `results' ("`y'") ("ANCOVA_HC3") (r(estimate)) (r(se)) (r(df)) (r(p)) (r(lb)) (r(ub))
    restore
}
postclose `results'
preserve
use "results_one.dta", clear
format estimate se lb ub %10.4f
format df %8.2f
format p %8.4f
sort outcome analysis
display _newline(2) "text"
display "text"
display "text"
list outcome analysis estimate se df p lb ub, sepby(outcome) noobs abbreviate(28)
export delimited using "results_one.csv", replace
restore
log close
capture log close
log using "log_three.log", replace
table group time, statistic(count tnf) statistic(mean tnf) statistic(sd tnf)
mixed tnf i.time 1.group#1.time || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
lincom 1.time, small
lincom 1.time + 1.group#1.time, small
lincom 1.group#1.time, small
margins group#time
marginsplot, plot1opts(lcolor("#384358") mcolor("#384358")) plot2opts(lcolor("#541A2E") mcolor("#541A2E")) ci1opts(lcolor("#384358")) ci2opts(lcolor("#541A2E")) graphregion(color(white)) plotregion(color(white)) name(margins_tnf, replace)
capture drop fit_tnf res_tnf
predict fit_tnf, fitted
predict res_tnf, rstandard
scatter res_tnf fit_tnf, mcolor("#5B6E8C") msize(medsmall) yline(0, lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(resfit_tnf, replace)
qnorm res_tnf if time==0, mcolor("#5B6E8C") rlopts(lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(qnorm_tnf_t0, replace)
qnorm res_tnf if time==1, mcolor("#5B6E8C") rlopts(lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(qnorm_tnf_t1, replace)
graph combine qnorm_tnf_t0 qnorm_tnf_t1, name(tnf_resid_panel, replace)
graph export "tnf_resid_panel.png", name(tnf_resid_panel) width(3000) replace
table group time, statistic(count il6) statistic(mean il6) statistic(sd il6)
mixed il6 i.time 1.group#1.time || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
lincom 1.time, small
lincom 1.time + 1.group#1.time, small
lincom 1.group#1.time, small
margins group#time
marginsplot, plot1opts(lcolor("#384358") mcolor("#384358")) plot2opts(lcolor("#541A2E") mcolor("#541A2E")) ci1opts(lcolor("#384358")) ci2opts(lcolor("#541A2E")) graphregion(color(white)) plotregion(color(white)) name(margins_il6, replace)
capture drop fit_il6 res_il6
predict fit_il6, fitted
predict res_il6, rstandard
scatter res_il6 fit_il6, mcolor("#5B6E8C") msize(medsmall) yline(0, lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(resfit_il6, replace)
qnorm res_il6 if time==0, mcolor("#5B6E8C") rlopts(lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(qnorm_il6_t0, replace)
qnorm res_il6 if time==1, mcolor("#5B6E8C") rlopts(lcolor("#541A2E") lwidth(medthick)) graphregion(color(white)) plotregion(color(white)) title("Plot", size(medium)) name(qnorm_il6_t1, replace)
graph combine qnorm_il6_t0 qnorm_il6_t1, name(il6_resid_panel, replace)
graph export "il6_resid_panel.png", name(il6_resid_panel) width(3000) replace
graph combine resfit_tnf resfit_il6, rows(1) name(scatter_salivary_panel, replace)
graph export "scatter_salivary_panel.png", name(scatter_salivary_panel) width(3000) replace
log close
capture log close
log using "log_four.log", replace text
set more off
capture postutil clear
tempname results
postfile `results' str16 outcome str28 analysis double estimate se df p lb ub using "results_two.dta", replace
foreach y in tnf il6 {
    display _newline(2) "text"
    display "text `y'"
    display "text"
    mixed `y' i.time 1.group#1.time || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
    generate byte sample_`y' = e(sample)
    lincom 1.group#1.time, small
    post `results' ("`y'") ("Primary_UN") (r(estimate)) (r(se)) (r(df)) (r(p)) (r(lb)) (r(ub))
    capture drop r_`y' absr_`y' maxabs_`y' keep_`y'
    predict double r_`y', rstandard
    generate double absr_`y' = abs(r_`y')
    bysort id: egen double maxabs_`y' = max(absr_`y')
    display _newline "text"
    list id code group time `y' r_`y' if sample_`y' == 1 & absr_`y' >= 2 & !missing(absr_`y'), sepby(id) noobs abbreviate(20)
    display _newline "text"
    list id code group maxabs_`y' if sample_`y' == 1 & time == 0 & maxabs_`y' >= 2 & !missing(maxabs_`y'), noobs abbreviate(20)
    local flagged ""
    quietly count if sample_`y' == 1 & maxabs_`y' >= 2 & !missing(maxabs_`y')
    if r(N) > 0 {
        quietly levelsof id if sample_`y' == 1 & maxabs_`y' >= 2 & !missing(maxabs_`y'), local(flagged)
    }
    else {
        display "text `y'."
    }
    foreach omit of local flagged {
        capture quietly mixed `y' i.time 1.group#1.time if id != `omit' || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
        local rc = _rc
        if `rc' == 0 {
            capture quietly lincom 1.group#1.time, small
            local rc = _rc
        }
        if `rc' == 0 {
            post `results' ("`y'") ("Omit_ID_`omit'") (r(estimate)) (r(se)) (r(df)) (r(p)) (r(lb)) (r(ub))
        }
        else {
            display as error "text `y' / `omit' (`rc')"
            post `results' ("`y'") ("Omit_ID_`omit'") (.) (.) (.) (.) (.) (.)
        }
    }
    quietly levelsof id if sample_`y' == 1, local(allids)
    foreach omit of local allids {
        capture quietly mixed `y' i.time 1.group#1.time if id != `omit' || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
        local rc = _rc
        if `rc' == 0 {
            capture quietly lincom 1.group#1.time, small
            local rc = _rc
        }
        if `rc' == 0 {
            post `results' ("`y'") ("LOO_ID_`omit'") (r(estimate)) (r(se)) (r(df)) (r(p)) (r(lb)) (r(ub))
        }
        else {
            display as error "text `y' / `omit' (`rc')"
            post `results' ("`y'") ("LOO_ID_`omit'") (.) (.) (.) (.) (.) (.)
        }
    }
    if "`flagged'" != "" {
        generate byte keep_`y' = sample_`y'
        foreach omit of local flagged {
            replace keep_`y' = 0 if id == `omit'
        }
        capture quietly mixed `y' i.time 1.group#1.time if keep_`y' == 1 || id:, nocons residuals(unstructured, t(time)) reml dfmethod(kroger)
        local rc = _rc
        if `rc' == 0 {
            capture quietly lincom 1.group#1.time, small
            local rc = _rc
        }
        if `rc' == 0 {
            post `results' ("`y'") ("Omit_all_flagged") (r(estimate)) (r(se)) (r(df)) (r(p)) (r(lb)) (r(ub))
        }
        else {
            display as error "text `y' (`rc')"
            post `results' ("`y'") ("Omit_all_flagged") (.) (.) (.) (.) (.) (.)
        }
    }
    else {
        display "text `y'."
    }
    capture quietly mixed `y' i.time 1.group#1.time || id:, reml dfmethod(kroger)
    local rc = _rc
    if `rc' == 0 {
        capture quietly lincom 1.group#1.time, small
        local rc = _rc
    }
    if `rc' == 0 {
        post `results' ("`y'") ("Random_intercept") (r(estimate)) (r(se)) (r(df)) (r(p)) (r(lb)) (r(ub))
    }
    else {
        display as error "text `y' (`rc')"
        post `results' ("`y'") ("Random_intercept") (.) (.) (.) (.) (.) (.)
    }
    preserve
    keep id code group time `y'
    reshape wide `y', i(id code group) j(time)
    keep if !missing(`y'0) & !missing(`y'1)
    capture quietly regress `y'1 i.group c.`y'0, vce(hc3)
    local rc = _rc
    if `rc' == 0 {
        capture quietly lincom 1.group
        local rc = _rc
    }
    if `rc' == 0 {
        post `results' ("`y'") ("ANCOVA_HC3") (r(estimate)) (r(se)) (r(df)) (r(p)) (r(lb)) (r(ub))
    }
    else {
        display as error "text `y' (`rc')"
        post `results' ("`y'") ("ANCOVA_HC3") (.) (.) (.) (.) (.) (.)
    }
    restore
    capture drop r_`y' absr_`y' maxabs_`y' keep_`y' sample_`y'
}
postclose `results'
preserve
use "results_two.dta", clear
format estimate se lb ub %10.4f
format df %8.2f
format p %8.4f
sort outcome analysis
display _newline(2) "text"
display "text"
display "text"
list outcome analysis estimate se df p lb ub, sepby(outcome) noobs abbreviate(28)
export delimited using "results_two.csv", replace
restore
log close
