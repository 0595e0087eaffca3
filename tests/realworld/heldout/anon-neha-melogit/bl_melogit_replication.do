* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 11323877732 (a public GitHub .do file, a replication of Bricker and LaCombe's pooled event-history models of state policy adoption with a network term added: two random-intercept logits by policy with year effects, stored and saved, and a LaTeX table; the index does not name the repository)
* author: unknown (a companion simulation file of the same project names Frederick J. Boehmke)
* licence: none stated
* data: bricker_lacombe_neha_data = bricker_lacombe_neha
capture log close
log using replication_m1.log, replace text
use bricker_lacombe_neha_data, clear
melogit adoption std_score initiative init_sigs std_pop std_citideology unified std_income std_legp_squire duration  durationsq durationcb i.year || policyno:
estimates store m1
estimates save replication_m1, replace
melogit adoption std_score initiative init_sigs std_pop std_citideology unified std_income std_legp_squire duration  durationsq durationcb edge_sum i.year || policyno:
estimates store m2
estimates save replication_m2, replace
label variable 	std_score 		"Label 1"
label variable 	initiative 		"Label 2"
label variable 	init_sigs 		"Label 3"
label variable 	std_pop  		"Label 4"
label variable 	std_citideology "Label 5"
label variable 	unified  		"Label 6"
label variable 	std_income  	"Label 7"
label variable 	std_legp_squire	"Label 8"
label variable 	duration   		"Label 9"
label variable 	durationsq  	"Label 10"
label variable 	durationcb  	"Label 11"
label variable 	edge_sum 		"Label 12"
esttab m1 m2 using replication.tex, replace style(tex) b(%9.3f) se noparen wide compress label varwidth(25) star(* 0.05) drop(*year*) eqlabels( , none) nodepvars mtitles("A" "B") nonumbers nonotes rename([adoption]_b[_cons] "Constant" var(_cons[policyno]):_cons "Variance")
clear
log close
* mlm-expect: r(199)
exist, STATA
