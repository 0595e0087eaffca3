* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 29874075038 (a public GitHub .do file of a thesis on performance-feedback theory with Peru's ENIIM 2018 innovation survey: three-level models of firms' innovation search, years in firms in two-digit industries, mixed y c.x#i.d ... || ciiu2d: || id: by ML, stored and compared with lrtest, with test of the slopes on either side of the aspiration (coefficient names typed without the c. prefix, divergventas_l2_#0.Iventas_l2_pos_ = divergventas_l2_#1.Iventas_l2_pos_), then the same models by REML and by REML with dfmethod(kroger); the index does not name the repository) (excerpt: the file's set-up and its active part; the estimation plan and the models it first tried -- pwscale(size|effective|gk) weightings, residuals(independent, by()) and dfmethod(satterthwaite) among them -- sit in /* */ comments, as does everything after the kroger section)
* author: unknown (a thesis student's paths in the file)
* licence: none stated
* data: long_ddbb_eniim2018.dta = eniim_firms
clear all
set more off, perm
set type double, perm
gl a "C:\x\0-bbdd iniciales"
gl b "C:\x\1-bbdd intermedias"
gl c "\\fileserv\x\mixed"
u "$c\long_ddbb_eniim2018.dta", clear
mixed			rawsearch		c.divergventas_l2_#i.Iventas_l2_pos_ c.divergexport_l2_#i.Iexport_l2_pos_ || ciiu2d: || id:
estimates 		store stripped
test divergventas_l2_#0.Iventas_l2_pos_ = divergventas_l2_#1.Iventas_l2_pos_
test divergexport_l2_#0.Iexport_l2_pos_ = divergexport_l2_#1.Iexport_l2_pos_
mixed			rawsearch		c.divergventas_l2_#i.Iventas_l2_pos_ c.divergexport_l2_#i.Iexport_l2_pos_ c.slack_capi#i.Iexport_l2_pos_ c.slack_prof#i.Iexport_l2_pos_ || ciiu2d: || id:
estimates		store basic
lrtest			basic stripped 
test divergventas_l2_#0.Iventas_l2_pos_ = divergventas_l2_#1.Iventas_l2_pos_
test divergexport_l2_#0.Iexport_l2_pos_ = divergexport_l2_#1.Iexport_l2_pos_
test c.slack_capi#0.Iexport_l2_pos_ = c.slack_capi#1.Iexport_l2_pos_
test c.slack_prof#0.Iexport_l2_pos_ = c.slack_prof#1.Iexport_l2_pos_
mixed			rawsearch		c.divergventas_l2_#i.Iventas_l2_pos_ c.divergexport_l2_#i.Iexport_l2_pos_ c.slack_capi#i.Iexport_l2_pos_ c.slack_prof#i.Iexport_l2_pos_ slack_wage capita produc y_oper || ciiu2d: || id:
estimates		store control
lrtest			control basic 
test divergventas_l2_#0.Iventas_l2_pos_ = divergventas_l2_#1.Iventas_l2_pos_
test divergexport_l2_#0.Iexport_l2_pos_ = divergexport_l2_#1.Iexport_l2_pos_
test c.slack_capi#0.Iexport_l2_pos_ = c.slack_capi#1.Iexport_l2_pos_
test c.slack_prof#0.Iexport_l2_pos_ = c.slack_prof#1.Iexport_l2_pos_
mixed			rawsearch		c.divergsocventas#i.Isocventas_pos_ c.divergsocexport#i.Isocexport_pos_ || ciiu2d: || id:
estimates		store stripped
test divergsocventas#0.Isocventas_pos_ = divergsocventas#1.Isocventas_pos_
test divergsocexport#0.Isocexport_pos_ = divergsocexport#1.Isocexport_pos_
mixed			rawsearch		c.divergsocventas#i.Isocventas_pos_ c.divergsocexport#i.Isocexport_pos_ c.slack_capi#i.Isocexport_pos_ c.slack_prof#i.Isocexport_pos_ || ciiu2d: || id:
estimates		store basic 
test divergsocventas#0.Isocventas_pos_ = divergsocventas#1.Isocventas_pos_
test divergsocexport#0.Isocexport_pos_ = divergsocexport#1.Isocexport_pos_
test c.slack_capi#0.Isocexport_pos_ = c.slack_capi#1.Isocexport_pos_
test c.slack_prof#0.Isocexport_pos_ = c.slack_prof#1.Isocexport_pos_
lrtest			basic stripped
mixed			rawsearch		c.divergsocventas#i.Isocventas_pos_ c.divergsocexport#i.Isocexport_pos_ c.slack_capi#i.Isocexport_pos_ c.slack_prof#i.Isocexport_pos_ slack_wage capita produc y_oper || ciiu2d: || id:
estimates		store control 
lrtest			control basic
test divergsocventas#0.Isocventas_pos_ = divergsocventas#1.Isocventas_pos_
test divergsocexport#0.Isocexport_pos_ = divergsocexport#1.Isocexport_pos_
test c.slack_capi#0.Isocexport_pos_ = c.slack_capi#1.Isocexport_pos_
test c.slack_prof#0.Isocexport_pos_ = c.slack_prof#1.Isocexport_pos_
mixed			rawsearch		c.divergventas_l2_#i.Iventas_l2_pos_ c.divergexport_l2_#i.Iexport_l2_pos_ || ciiu2d: || id: , reml
mixed			rawsearch		c.divergventas_l2_#i.Iventas_l2_pos_ c.divergexport_l2_#i.Iexport_l2_pos_ c.slack_capi#i.Iexport_l2_pos_ c.slack_prof#i.Iexport_l2_pos_ || ciiu2d: || id: , reml
mixed			rawsearch		c.divergventas_l2_#i.Iventas_l2_pos_ c.divergexport_l2_#i.Iexport_l2_pos_ c.slack_capi#i.Iexport_l2_pos_ c.slack_prof#i.Iexport_l2_pos_ slack_wage capita produc y_oper || ciiu2d: || id: , reml
test divergventas_l2_#0.Iventas_l2_pos_ = divergventas_l2_#1.Iventas_l2_pos_
test divergexport_l2_#0.Iexport_l2_pos_ = divergexport_l2_#1.Iexport_l2_pos_
test c.slack_capi#0.Iexport_l2_pos_ = c.slack_capi#1.Iexport_l2_pos_
test c.slack_prof#0.Iexport_l2_pos_ = c.slack_prof#1.Iexport_l2_pos_
mixed			rawsearch		c.divergsocventas#i.Isocventas_pos_ c.divergsocexport#i.Isocexport_pos_ || ciiu2d: || id: , reml
mixed			rawsearch		c.divergsocventas#i.Isocventas_pos_ c.divergsocexport#i.Isocexport_pos_ c.slack_capi#i.Isocexport_pos_ c.slack_prof#i.Isocexport_pos_ || ciiu2d: || id: , reml
mixed			rawsearch		c.divergsocventas#i.Isocventas_pos_ c.divergsocexport#i.Isocexport_pos_ c.slack_capi#i.Isocexport_pos_ c.slack_prof#i.Isocexport_pos_ slack_wage capita produc y_oper || ciiu2d: || id: , reml
test divergsocventas#0.Isocventas_pos_ = divergsocventas#1.Isocventas_pos_
test divergsocexport#0.Isocexport_pos_ = divergsocexport#1.Isocexport_pos_
test c.slack_capi#0.Isocexport_pos_ = c.slack_capi#1.Isocexport_pos_
test c.slack_prof#0.Isocexport_pos_ = c.slack_prof#1.Isocexport_pos_
mixed			rawsearch		c.divergventas_l2_#i.Iventas_l2_pos_ c.divergexport_l2_#i.Iexport_l2_pos_ || ciiu2d: || id: , reml dfmethod(kroger)
mixed			rawsearch		c.divergventas_l2_#i.Iventas_l2_pos_ c.divergexport_l2_#i.Iexport_l2_pos_ c.slack_capi#i.Iexport_l2_pos_ c.slack_prof#i.Iexport_l2_pos_ || ciiu2d: || id: , reml dfmethod(kroger)
mixed			rawsearch		c.divergventas_l2_#i.Iventas_l2_pos_ c.divergexport_l2_#i.Iexport_l2_pos_ c.slack_capi#i.Iexport_l2_pos_ c.slack_prof#i.Iexport_l2_pos_ slack_wage capita produc y_oper || ciiu2d: || id: , reml dfmethod(kroger)
test divergventas_l2_#0.Iventas_l2_pos_ = divergventas_l2_#1.Iventas_l2_pos_
test divergexport_l2_#0.Iexport_l2_pos_ = divergexport_l2_#1.Iexport_l2_pos_
test c.slack_capi#0.Iexport_l2_pos_ = c.slack_capi#1.Iexport_l2_pos_
test c.slack_prof#0.Iexport_l2_pos_ = c.slack_prof#1.Iexport_l2_pos_
mixed			rawsearch		c.divergsocventas#i.Isocventas_pos_ c.divergsocexport#i.Isocexport_pos_ || ciiu2d: || id: , reml dfmethod(kroger)
mixed			rawsearch		c.divergsocventas#i.Isocventas_pos_ c.divergsocexport#i.Isocexport_pos_ c.slack_capi#i.Isocexport_pos_ c.slack_prof#i.Isocexport_pos_ || ciiu2d: || id: , reml dfmethod(kroger)
mixed			rawsearch		c.divergsocventas#i.Isocventas_pos_ c.divergsocexport#i.Isocexport_pos_ c.slack_capi#i.Isocexport_pos_ c.slack_prof#i.Isocexport_pos_ slack_wage capita produc y_oper || ciiu2d: || id: , reml dfmethod(kroger)
test divergsocventas#0.Isocventas_pos_ = divergsocventas#1.Isocventas_pos_
test divergsocexport#0.Isocexport_pos_ = divergsocexport#1.Isocexport_pos_
test c.slack_capi#0.Isocexport_pos_ = c.slack_capi#1.Isocexport_pos_
test c.slack_prof#0.Isocexport_pos_ = c.slack_prof#1.Isocexport_pos_
