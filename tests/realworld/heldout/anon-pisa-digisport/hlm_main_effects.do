* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 31507774008 (a public GitHub .do file, "02_Analysis_Main_Effects": PISA 2018 students of Hong Kong and of the Nordic countries read from CSV with import delimited ..., case(preserve), PISA names lower-cased with capture rename and the school id destringed, then per subject (a local list looped with foreach) two-level models mixed pv1<subject> ... [pw=w_fstuwt] || cntschid:, mle -- a student-level sampling weight and no school-level one -- with main effects and c.x##c.z moderations, stored with est store and tabulated with esttab ... using .rtf, rtf with mtitles(), cells(b(star fmt(3)) se(par fmt(3))), stats(N bic, ...), coeflabels() from a local and keep(); the index does not name the repository)
* author: unknown
* licence: none stated
* data: PISA2018_HKG_FULL_v4.csv = pisa_digisport
* data: PISA2018_Nordic_FULL_v4.csv = pisa_digisport_nordic
clear all
set more off
local data_path "E:/Y/STU"
local subjects "math read scie"
local controls   "gender z_ESCS z_HOMESCH"
local env_vars   "z_PE_CLASSES z_T_TRAINING z_STRATIO z_SOIAICT z_BELONG"
local iv         "z_DIGISPORT"
local moderators "z_AUTICT z_INTICT"
local hk_extras  "z_BMI z_BODYIMA z_HEALTH_SELF z_EMOSUPP"
import delimited "`data_path'/PISA2018_HKG_FULL_v4.csv", clear case(preserve)
capture rename PV1MATH pv1math
capture rename PV1READ pv1read
capture rename PV1SCIE pv1scie
capture rename W_FSTUWT w_fstuwt
capture rename CNTSCHID cntschid
capture rename GENDER gender
capture rename st004d01t gender
capture destring cntschid, replace force
foreach sub in `subjects' {
    mixed pv1`sub' `controls' `env_vars' `hk_extras' `iv' `moderators' [pw=w_fstuwt] || cntschid:, mle
    est store HK_`sub'_Main
    mixed pv1`sub' `controls' `env_vars' `hk_extras' c.`iv'##c.z_AUTICT c.`iv'##c.z_INTICT [pw=w_fstuwt] || cntschid:, mle
    est store HK_`sub'_Mod
}
import delimited "`data_path'/PISA2018_Nordic_FULL_v4.csv", clear case(preserve)
capture rename PV1MATH pv1math
capture rename PV1READ pv1read
capture rename PV1SCIE pv1scie
capture rename W_FSTUWT w_fstuwt
capture rename CNTSCHID cntschid
capture rename GENDER gender
capture rename st004d01t gender
capture destring cntschid, replace force
local nordic_env "z_PE_CLASSES z_T_TRAINING z_STRATIO z_SOIAICT z_BELONG"
foreach sub in `subjects' {
    mixed pv1`sub' `controls' `nordic_env' `iv' `moderators' [pw=w_fstuwt] || cntschid:, mle
    est store NOR_`sub'_Main
    mixed pv1`sub' `controls' `nordic_env' c.`iv'##c.z_AUTICT c.`iv'##c.z_INTICT [pw=w_fstuwt] || cntschid:, mle
    est store NOR_`sub'_Mod
}
cd "`data_path'"
local en_labels z_DIGISPORT "a" z_T_TRAINING "b" z_SOIAICT "c" z_AUTICT "d" z_INTICT "e" c.z_DIGISPORT#c.z_AUTICT "f" c.z_DIGISPORT#c.z_INTICT "g" gender "h" z_ESCS "i" z_PE_CLASSES "j"
esttab HK_math_Main NOR_math_Main HK_read_Main NOR_read_Main HK_scie_Main NOR_scie_Main using "Table_1_Main_Effects.rtf", replace rtf label nogaps mtitles("a" "b" "c" "d" "e" "f") title("Table 1") cells(b(star fmt(3)) se(par fmt(3))) star(* 0.05 ** 0.01 *** 0.001) stats(N bic, fmt(0 2) labels("N" "BIC")) coeflabels(`en_labels') keep(z_DIGISPORT z_T_TRAINING z_SOIAICT gender z_ESCS z_PE_CLASSES) 
esttab HK_math_Mod NOR_math_Mod HK_read_Mod NOR_read_Mod HK_scie_Mod NOR_scie_Mod using "Table_2_Moderation_Effects.rtf", replace rtf label nogaps mtitles("a" "b" "c" "d" "e" "f") title("Table 2") cells(b(star fmt(3)) se(par fmt(3))) star(* 0.05 ** 0.01 *** 0.001) stats(N, fmt(0) labels("N")) coeflabels(`en_labels') keep(z_DIGISPORT c.z_DIGISPORT#c.z_AUTICT c.z_DIGISPORT#c.z_INTICT z_AUTICT z_INTICT)
