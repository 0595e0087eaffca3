* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 11619699331 (a public GitHub .do file auditing caesarean-section anaesthesia before and after a safety-checklist programme, a REDCap export of cases by anaesthetists in hospitals: tabulate ... phase2, chi2 expected exact over checkbox ranges (var1-var2 var3-var4), then for each significant item tabodds ..., or and a three-level melogit ... i.phase if phase != 4 || hospital: || anesthetist_id:, base or noasis in five foreach loops, tabulate ..., col of the spinal items, a program mysumtab (syntax varlist using[, replace append], tempname, file open/write of r(mean) r(sd)), and three versions of a results writer -- file write of chi2, p and exact p, logistic and melogit r(table) cells row1[1,2] ... in csv columns, mata st_matrix() expected counts from matcell() tested by e[1,1] >7 & ..., continue inside if/else, and a program comparestats defined and not called; the index does not name the repository)
* author: unknown
* licence: none stated
* preload: anaesthesia_checklist_audit

foreach i of varlist equipment_monitoring___1-equipment_airway___7 equipment_drugs___1-prep_neonatal_which___5 {
	tabulate `i' phase2, chi2 expected exact
}

foreach i of varlist equipment_monitoring___4 equipment_airway___2 equipment_airway___4 equipment_airway___6 equipment_airway___7 equipment_drugs___3 equipment_drugs___6 {
	tabodds `i' phase if phase != 4, or
	melogit `i' i.phase if phase != 4 || hospital: || anesthetist_id:, base or noasis
}

foreach i of varlist comm_consent2 comm_indication2 checklist_signin2 checklist_timeout2 checklist_signout2 {
	tabodds `i' phase if phase != 4, or
	melogit `i' i.phase if phase != 4 || hospital: || anesthetist_id:, base or noasis
}

foreach i of varlist prep_preop2 prep_machine2 prep_airwaychecked2 prep_suction2 {
	tabodds `i' phase if phase != 4, or
	melogit `i' i.phase if phase != 4 || hospital: || anesthetist_id:, base or noasis
}

foreach i of varlist prep_drugs___1-prep_drugs___4 {
	tabodds `i' phase if phase != 4, or
	melogit `i' i.phase if phase != 4 || hospital: || anesthetist_id:, base or noasis
}

foreach i of varlist prep_airwaychecked_which___2 prep_vasopressor_parts___1 prep_neonatal_which___2 prep_neonatal_which___5 {
	tabodds `i' phase if phase != 4, or
	melogit `i' i.phase if phase != 4 || hospital: || anesthetist_id:, base or noasis
}

foreach i of varlist spinal_hat-spinal_oxytocin_how {
tabulate `i' phase, col
}

foreach i of varlist spinal_hat-spinal_oxytocin_how {
	tabulate `i' phase2, chi2 expected exact
}

foreach i of varlist spinal_sterile2 spinal_wedge2 spinal_height2-spinal_abx2 {
	tabodds `i' phase if phase != 4, or
	melogit `i' i.phase if phase != 4 || hospital: || anesthetist_id:, base or noasis
}

capture program drop mysumtab
program define mysumtab
	syntax varlist using[, replace append ]
	tempname fh
	file open `fh' `using', write `replace' `append'
	file write `fh' "variable" _tab "mean" _tab "sd"
	foreach v of local varlist{
		quietly summarize `v'
		file write `fh' _n "`v'" _tab (r(mean)) _tab (r(sd))
		}
	file close `fh'
end

mysumtab equipment_monitoring___1-equipment_airway___7 using example.txt, append

file open fh using test1.csv, write replace
file write fh "variable" "," "label" "," "chi2" "," "p_value" "," "exact" "," "or_immediate" "," "OR6" "," "OR12" "," "p_imm" "," "p_6" "," "p12" "," "lci_imm" "," "lci6" "," "lci12" "," "uci_imm" "," "uci6" "," "uci12" "," "adj_or_immediate" "," "adj_OR6" "," "adj_OR12" "," "adj_p_imm" "," "adj_p_6" "," "adj_p12" "," "adj_lci_imm" "," "adj_lci6" "," "adj_lci12" "," "adj_uci_imm" "," "adj_uci6" "," "adj_uci12" ","
foreach i of varlist comm_consent comm_indication checklist_signin checklist_timeout checklist_signout{
	quietly tabulate `i' phase2, chi2 expected exact
	local name: variable label `i'
	file write fh _n "`i'" "," "`name'" "," (r(chi2)) "," (r(p)) "," (r(p_exact)) ","
	if r(p) < .05 | r(p_exact) <.05{
		logistic `i'2 i.phase if phase != 4
		matrix row1 = r(table)
		file write fh (row1[1,2]) "," (row1[1,3]) "," (row1[1,4]) "," (row1[4,2]) "," (row1[4,3]) "," (row1[4,4]) "," (row1[5,2]) "," (row1[5,3]) "," (row1[5,4]) "," (row1[6,2]) "," (row1[6,3]) "," (row1[6,4]) ","
		melogit `i'2 i.phase if phase != 4 || hospital: || anesthetist_id:, base or noasis
		matrix row1 = r(table)
		file write fh (row1[1,2]) "," (row1[1,3]) "," (row1[1,4]) "," (row1[4,2]) "," (row1[4,3]) "," (row1[4,4]) "," (row1[5,2]) "," (row1[5,3]) "," (row1[5,4]) "," (row1[6,2]) "," (row1[6,3]) "," (row1[6,4]) ","
		}
	else {
		continue
		}
}
file close fh

file open fh using test1.csv, write replace
file write fh "variable" "," "label" "," "chi2" "," "p_value" "," "exact" "," "or_immediate" "," "OR6" "," "OR12" "," "p_imm" "," "p_6" "," "p12" "," "lci_imm" "," "lci6" "," "lci12" "," "uci_imm" "," "uci6" "," "uci12" "," "adj_or_immediate" "," "adj_OR6" "," "adj_OR12" "," "adj_p_imm" "," "adj_p_6" "," "adj_p12" "," "adj_lci_imm" "," "adj_lci6" "," "adj_lci12" "," "adj_uci_imm" "," "adj_uci6" "," "adj_uci12" ","
foreach i of varlist spinal_gloves spinal_hat{
	quietly tabulate `i' phase2, chi2 expected exact matcell(o)
	local name: variable label `i'
	file write fh _n "`i'" "," "`name'" "," (r(chi2)) ","
	mata: o = st_matrix("o")
	mata: st_matrix("e", (rowsum(o)* colsum(o)) / sum(o)) 
	mata: mata clear
	if e[1,1] >7 & e[1,2] >7 & e[2,1] >7 & e[2,2] >7{
		file write fh (r(p)) "," "" ","
		if r(p) > .05{
			continue
			}
		else{
			quietly logistic `i'2 i.phase if phase != 4
			matrix row1 = r(table)
			file write fh (row1[1,2]) "," (row1[1,3]) "," (row1[1,4]) "," (row1[4,2]) "," (row1[4,3]) "," (row1[4,4]) "," (row1[5,2]) "," (row1[5,3]) "," (row1[5,4]) "," (row1[6,2]) "," (row1[6,3]) "," (row1[6,4]) ","
			quietly melogit `i'2 i.phase if phase != 4 || hospital: || anesthetist_id:, base or noasis
			matrix row1 = r(table)
			file write fh (row1[1,2]) "," (row1[1,3]) "," (row1[1,4]) "," (row1[4,2]) "," (row1[4,3]) "," (row1[4,4]) "," (row1[5,2]) "," (row1[5,3]) "," (row1[5,4]) "," (row1[6,2]) "," (row1[6,3]) "," (row1[6,4]) ","
			}
		}
	else{
		file write fh "" "," (r(p_exact)) ","
		if r(p_exact) > .05 {
			continue
			}
		else {
			quietly logistic `i'2 i.phase if phase != 4
			matrix row1 = r(table)
			file write fh (row1[1,2]) "," (row1[1,3]) "," (row1[1,4]) "," (row1[4,2]) "," (row1[4,3]) "," (row1[4,4]) "," (row1[5,2]) "," (row1[5,3]) "," (row1[5,4]) "," (row1[6,2]) "," (row1[6,3]) "," (row1[6,4]) ","
			quietly melogit `i'2 i.phase if phase != 4 || hospital: || anesthetist_id:, base or noasis
			matrix row1 = r(table)
			file write fh (row1[1,2]) "," (row1[1,3]) "," (row1[1,4]) "," (row1[4,2]) "," (row1[4,3]) "," (row1[4,4]) "," (row1[5,2]) "," (row1[5,3]) "," (row1[5,4]) "," (row1[6,2]) "," (row1[6,3]) "," (row1[6,4]) ","
		}
	}
}
file close fh

capture program drop comparestats
program define comparestats
	syntax varlist using[, replace append ]
	tempname fh
	file open `fh' `using', write `replace' `append'
	file write `fh' "variable" "," "label" "," "chi2" "," "p_value" "," "exact" "," "or_immediate" "," "OR6" "," "OR12" "," "p_imm" "," "p_6" "," "p12" "," "lci_imm" "," "lci6" "," "lci12" "," "uci_imm" "," "uci6" "," "uci12" "," "adj_or_immediate" "," "adj_OR6" "," "adj_OR12" "," "adj_p_imm" "," "adj_p_6" "," "adj_p12" "," "adj_lci_imm" "," "adj_lci6" "," "adj_lci12" "," "adj_uci_imm" "," "adj_uci6" "," "adj_uci12" ","
	foreach i of local varlist{
		quietly tabulate `i' phase2, chi2 expected exact matcell(o)
		local name: variable label `i'
		file write `fh' _n "`i'" "," "`name'" "," (r(chi2)) ","
		mata: o = st_matrix("o")
		mata: st_matrix("e", (rowsum(o)* colsum(o)) / sum(o)) 
		mata: mata clear
		if e[1,1] >7 & e[1,2] >7 & e[2,1] >7 & e[2,2] >7{
			file write `fh' (r(p)) "," "" ","
			if r(p) > .05{
				continue
				}
			else{
				quietly logistic `i'2 i.phase if phase != 4
				matrix row1 = r(table)
				file write `fh' (row1[1,2]) "," (row1[1,3]) "," (row1[1,4]) "," (row1[4,2]) "," (row1[4,3]) "," (row1[4,4]) "," (row1[5,2]) "," (row1[5,3]) "," (row1[5,4]) "," (row1[6,2]) "," (row1[6,3]) "," (row1[6,4]) ","
				quietly melogit `i'2 i.phase if phase != 4 || hospital: || anesthetist_id:, base or noasis
				matrix row1 = r(table)
				file write `fh' (row1[1,2]) "," (row1[1,3]) "," (row1[1,4]) "," (row1[4,2]) "," (row1[4,3]) "," (row1[4,4]) "," (row1[5,2]) "," (row1[5,3]) "," (row1[5,4]) "," (row1[6,2]) "," (row1[6,3]) "," (row1[6,4]) ","
				}
			}
		else{
			file write `fh' "" "," (r(p_exact)) ","
			if r(p_exact) > .05 {
				continue
				}
			else {
				quietly logistic `i'2 i.phase if phase != 4
				matrix row1 = r(table)
				file write `fh' (row1[1,2]) "," (row1[1,3]) "," (row1[1,4]) "," (row1[4,2]) "," (row1[4,3]) "," (row1[4,4]) "," (row1[5,2]) "," (row1[5,3]) "," (row1[5,4]) "," (row1[6,2]) "," (row1[6,3]) "," (row1[6,4]) ","
				quietly melogit `i'2 i.phase if phase != 4 || hospital: || anesthetist_id:, base or noasis
				matrix row1 = r(table)
				file write `fh' (row1[1,2]) "," (row1[1,3]) "," (row1[1,4]) "," (row1[4,2]) "," (row1[4,3]) "," (row1[4,4]) "," (row1[5,2]) "," (row1[5,3]) "," (row1[5,4]) "," (row1[6,2]) "," (row1[6,3]) "," (row1[6,4]) ","
			}
		}
	}
	file close `fh'
end
