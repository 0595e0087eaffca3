* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 45324518045 (a public GitHub .do file, 2021: generalised linear mixed models of bacterial carriage -- Streptococcus, Staphylococcus, Haemophilus, Moraxella and any bacterium -- in nasopharyngeal and sputum samples of HIV-exposed infants at enrolment, 12 and 18 months, with visit-by-azithromycin dummies and the mother's viral load at enrolment: log using, import delimited ..., encoding(utf8) twice, tab ..., missing, drop if a string equals "no", ten xi: melogit ... || studyno:, intpoints(30) technique(nr) or, two of them with an i. depvar (a string yes/no column and a generated 0/1), gen ... = (string == "yes"), log close; the index does not name the repository)
* author: Regina Esinam Abotsi, Department of Molecular and Cell Biology, University of Cape Town (file header)
* licence: none stated
* data: ~/final_data_for_modeling17112021.csv = infant_np_carriage
log using modeling_log
clear
import delimited "~/final_data_for_modeling17112021.csv", encoding(utf8)
tab np_available_cultured, missing
drop if np_available_cultured=="no"
tab np_available_cultured, missing
xi: melogit strep_np i.visit12m i.visit18m i.visit12m_azm i.visit18m_azm i.season1_np i.normalwaz_reg i.agegpenrl_low i.sex i.site i.vlsupenrl || studyno:, intpoints(30) technique(nr) or
xi: melogit staph_np i.visit12m i.visit18m i.visit12m_azm i.visit18m_azm i.season1_np i.normalwaz_reg i.agegpenrl_low i.sex i.site i.vlsupenrl || studyno:, intpoints(30) technique(nr) or
xi: melogit haem_np i.visit12m i.visit18m i.visit12m_azm i.visit18m_azm i.season1_np i.normalwaz_reg i.agegpenrl_low i.sex i.site i.vlsupenrl || studyno:, intpoints(30) technique(nr) or
xi: melogit morax_np i.visit12m i.visit18m i.visit12m_azm i.visit18m_azm i.season1_np i.normalwaz_reg i.agegpenrl_low i.sex i.site i.vlsupenrl || studyno:, intpoints(30) technique(nr) or
tab anybact_int
xi: melogit i.anybact_int i.visit12m i.visit18m i.visit12m_azm i.visit18m_azm i.season1_np i.normalwaz_reg i.agegpenrl_low i.sex i.site i.vlsupenrl || studyno:, intpoints(30) technique(nr) or
clear
import delimited ~/final_data_for_modeling17112021.csv, encoding(utf8)
tab sp_available_cultured, missing
drop if sp_available_cultured=="no"
tab sp_available_cultured, missing
xi: melogit strep_sp i.visit12m i.visit18m i.visit12m_azm i.visit18m_azm i.season1_sp i.normalwaz_reg i.agegpenrl_low i.sex i.site i.vlsupenrl || studyno:, intpoints(30) technique(nr) or
xi: melogit staph_sp i.visit12m i.visit18m i.visit12m_azm i.visit18m_azm i.season1_sp i.normalwaz_reg i.agegpenrl_low i.sex i.site i.vlsupenrl || studyno:, intpoints(30) technique(nr) or
xi: melogit haem_sp i.visit12m i.visit18m i.visit12m_azm i.visit18m_azm i.season1_sp i.normalwaz_reg i.agegpenrl_low i.sex i.site i.vlsupenrl || studyno:, intpoints(30) technique(nr) or
xi: melogit morax_sp i.visit12m i.visit18m i.visit12m_azm i.visit18m_azm i.season1_sp i.normalwaz_reg i.agegpenrl_low i.sex i.site i.vlsupenrl || studyno:, intpoints(30) technique(nr) or
tab anybact_int_spt
gen anybact_int_sptb  = (anybact_int_spt =="yes")
tab anybact_int_sptb
xi: melogit i.anybact_int_sptb i.visit12m i.visit18m i.visit12m_azm i.visit18m_azm i.season1_sp i.normalwaz_reg i.agegpenrl_low i.sex i.site i.vlsupenrl || studyno:, intpoints(30) technique(nr) or
log close
