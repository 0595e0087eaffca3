* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:multinormal/fhi.eRegQual.2020@6c98c70ee2a4a29c6398395055f9ab87a45b4d47 estimation/birth_outcomes.do (the eRegQual cluster-randomised trial of an electronic antenatal-care registry in Palestinian clinics: birth outcomes of pregnant women within clinics (clusters); the model as a local with an escaped macro, local model xtlogit \`var' i.arm $adj_vars; tempname and frame copy of the multiply-imputed frame; inside frame `original' { }: mi extract 0, clear, xtset clusterid, random-effects logits xtlogit ..., or in a foreach with continue, estimates store, r(table) into a matrix and its cells by name (result["b", "`var':2.arm"]) into globals, the ICC by loneway `var' clusterid and r(rho)/r(lb)/r(ub); inside frame `imputed' { }: mi xtset clusterid and mi estimate, or errorok: xtlogit ... over y y1-y5 with ustrtrim(usubinstr()) of the model text, assert e(M_mi)); the file runs inside the project's all.do after globals.do and data/impute.do, whose globals and imputed frame the transcriber supplies)
* author: multinormal (repository owner; eRegQual trial analysis, Norwegian Institute of Public Health)
* licence: none stated
* data: eregqual_birth_imputed.dta = eregqual_birth_imputed
* mlm-added: globals.do's adjustment variables
global adj_vars i.strat_var c.cluster_size c.age i.lab_available i.primiparous
* mlm-added: globals.do sets 50 imputations; the look-alike has 5
global m_imputations 5
* mlm-added: data/impute.do leaves the mi data (mlong) in frame imputed
use eregqual_birth_imputed.dta, clear
* mlm-added:
frame copy default imputed
version 16.1
local model xtlogit \`var' i.arm $adj_vars
tempname original
frame copy imputed `original'
frame `original' {
  mi extract 0, clear
  xtset clusterid
  local cc_outcomes y stillbirth
  foreach var of local cc_outcomes {
    `model', or
    if "`var'" == "stillbirth" {
      estimates store `var'_estimates
      continue
    }
    estimates store complete_case_estimates
    matrix result   = r(table)
    global cc_or_b  = result["b",      "`var':2.arm"]
    global cc_or_ll = result["ll",     "`var':2.arm"]
    global cc_or_ul = result["ul",     "`var':2.arm"]
    global cc_or_p  = result["pvalue", "`var':2.arm"]
    loneway `var' clusterid
    global icc    = r(rho)
    global icc_lb = r(lb)
    global icc_ub = r(ub)
  }
}
tempname imputed
frame copy imputed `imputed'
frame `imputed' {
  mi xtset clusterid
  local mi_opts or errorok
  foreach var of varlist y y1-y5 {
    local this_model "`model'"
    if "`var'" == "y2" {
      local this_model = ustrtrim(usubinstr("`this_model'", "i.strat_var", "", .))
    }
    mi estimate, `mi_opts': `this_model'
    estimates store `var'_estimates
    if ("`var'" != "y2") assert e(M_mi) == $m_imputations
    if ("`var'" == "y2") assert e(M_mi) >=  0.7 * $m_imputations
    matrix result      = r(table)
    global rr_b_`var'  = result["b",      "`var':2.arm"]
    global rr_ll_`var' = result["ll",     "`var':2.arm"]
    global rr_ul_`var' = result["ul",     "`var':2.arm"]
    global rr_p_`var'  = result["pvalue", "`var':2.arm"]
  }
}
