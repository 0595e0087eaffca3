* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:tanfei-li/Development_Replication@294ed64d679ff9237ff7e9585ffea12862898824 Codes_From_the_Author/do/table3.do (the author's replication code of Bazzi 2017, "Wealth heterogeneity and the income elasticity of migration", AEJ: Applied, as a student replication repository keeps it: Table 3, reduced-form effects of rainfall and rice-price shocks on Indonesian villages' emigrant shares -- use "$dir/file", xtset with a panel variable only, globals holding an outreg2 command whose options come from other globals ($outE, a $sym of symbol($^{***}$, ...)), xtreg ..., fe cl() and cluster() at village and district level, each followed by $out replace|append, t2* wildcards, and bootstrap _b, reps($REPS) cluster(district) seed(101) : xtreg ..., fe cluster(vid), which Stata refuses (_prefix_command: "option cluster() of bootstrap conflicts with option cluster() of xtreg" r(198)) -- the published table3reducedform.txt in the same folder has the five columns before the first bootstrap line, so the author's run stopped there; the master file runall-manuscript.do defines the globals: its lines are added below, marked)
* author: Samuel Bazzi (replication code; uploaded by tanfei-li)
* licence: none stated
* data: $rep_files/table3dta = bazzi_village_panel
* mlm-added: the master file's globals for outreg2 and the bootstrap
global outE excel
* mlm-added:
global sym "symbol($^{***}$, $^{**}$, $^{*}$)"
* mlm-added:
global REPS 1000
* mlm-added:
set seed 10101
use "$rep_files/table3dta", clear
	xtset vid
	global TABOUT "$output/table3reducedform.xls"
	global out outreg2 using "$TABOUT", $outE asterisk(se) label keep(rain price rainLambda priceLambda) dec(6) $sym
	xtreg emig_shr t2 rain price, fe cl(vid)
	$out replace
	xtreg emig_shr t2 rain price, fe cl(district)
	$out append
	xtreg emig_shr t2 rain price rainLambda priceLambda, fe cl(vid)
	$out append
	xtreg emig_shr t2 rain price rainLambda priceLambda, fe cl(district)
	$out append
	xtreg emig_shr t2* rain price, fe cluster(vid)
	$out append
* mlm-expect: r(198)
	bootstrap _b, reps($REPS) cluster(district) seed(101) : xtreg emig_shr t2* rain price, fe cluster(vid)
	$out append
	xtreg emig_shr t2* rain price rainLambda priceLambda, fe cluster(vid)
	$out append
* mlm-expect: r(198)
	bootstrap _b, reps($REPS) cluster(district) seed(101) : xtreg emig_shr t2* rain price rainLambda priceLambda, fe cluster(vid)
	$out append
