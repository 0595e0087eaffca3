* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 27146838410 (a public GitHub .do file, "08 secondary outcomes", of a multicentre randomised trial analysed by a critical-care trials unit (David Harrison, 2023): a postfile of outcome results opened with tempname and a typed variable list (str14, str3, double(...)), encode of the site name; nested foreach loops over three rehospitalisation/reinfection endpoints and four time points building variable names from two macros (`endpoint'`t'), tab ..., row nokey, cs with r(rd)/r(lb_rd)/r(ub_rd), forvalues counts into locals, glm ..., family(bin) link(log) cluster(site) eform, relative risks and a Wald p-value from _b[]/_se[] in locals, post of eleven expressions; then a loop stsetting two time-to-event outcomes, su ..., meanonly sums of time at risk and stcox alloc age SSIP, shared(site) technique(dfp) -- a Cox model with a gamma frailty shared within sites -- with the hazard ratio posted; log close, postclose; the index does not name the repository)
* author: David Harrison (per the file's header)
* licence: none stated
* data: working = infection_trial_secondary
version 18
set more off
clear
cap log close
cd "$base"
use working, clear
tempname pf
postfile `pf' str14 outcome str3 effect double(events1 events0 denom1 denom0 estimate lb ub abs abs_lb abs_ub pval) using results, replace
encode Site, gen(site)
log using "outputlog.log", replace
foreach endpoint in rehosp rehospinf reinfection {
	foreach t in 30 90 180 365 {
		tab alloc `endpoint'`t', row nokey
		cs `endpoint'`t' alloc
		local a=r(rd)
		local al=r(lb_rd)
		local au=r(ub_rd)
		forvalues y=0/1 {
			qui count if `endpoint'`t'==1 & alloc==`y'
			local e`y'=r(N)
			qui count if !mi(`endpoint'`t') & alloc==`y'
			local d`y'=r(N)
		}
		glm `endpoint'`t' alloc age SSIP, family(bin) link(log) cluster(site) eform
		local r=exp(_b[alloc])
		local l=exp(_b[alloc]-invnormal(.975)*_se[alloc])
		local u=exp(_b[alloc]+invnormal(.975)*_se[alloc])
		local p=2*(1-normal(abs(_b[alloc]/_se[alloc])))
		post `pf' ("`endpoint'`t'") ("RR") (`e1') (`e0') (`d1') (`d0') (`r') (`l') (`u') (`a') (`al') (`au') (`p')
	}
}
foreach event in rehosp ab {
	stset T_`event', failure(F_`event')
	forvalues y=0/1 {
		qui count if F_`event'==1 & T_`event'>0 & alloc==`y'
		local e`y'=r(N)
		su T_`event' if T_`event'>0 & alloc==`y', meanonly
		local d`y'=r(sum)
	}
	stcox alloc age SSIP, shared(site) technique(dfp)
	local r=exp(_b[alloc])
	local l=exp(_b[alloc]-invnormal(.975)*_se[alloc])
	local u=exp(_b[alloc]+invnormal(.975)*_se[alloc])
	local p=2*(1-normal(abs(_b[alloc]/_se[alloc])))
	post `pf' ("`event'") ("HR") (`e1') (`e0') (`d1') (`d0') (`r') (`l') (`u') (.) (.) (.) (`p')
}
log close
postclose `pf'
