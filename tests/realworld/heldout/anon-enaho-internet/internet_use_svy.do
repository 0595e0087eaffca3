* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 16239684996 (a public GitHub .do file of a thesis on internet use by Peruvian school-age children, ENAHO 2013-2017 panel modules, with survey-weighted linear, probit and logit models; the index does not name the repository) (excerpt: from the analysis file on -- the recodes, renames, weighted frequency tables, svyset and the survey regressions with their margins; the module extraction and merges before it, which build that file from the wide panel modules, left out)
* author: unknown
* licence: none stated
* data: base_final = enaho_internet_base
global main   "C:/Users/author/Desktop/thesis"
global dta    "$main/data"
global works  "$main/work"
cd "$dta"
use "$works/base_final", clear
gen departamento = substr(ubigeo, 1, 2)
destring departamento, replace
recode departamento (1=1 "d1") (2=2 "d2") (3=3 "d3") (4=4 "d4") (5=5 "d5") (6=6 "d6") (7=7 "d7") (8=8 "d8") (9=9 "d9") (10=10 "d10") (11=11 "d11") (12=12 "d12") (13=13 "d13") (14=14 "d14") (15=15 "d15") (16=16 "d16") (17=17 "d17") (18=18 "d18") (19=19 "d19") (20=20 "d20") (21=21 "d21") (22=22 "d22") (23=23 "d23") (24=24 "d24") (25=25 "d25"), gen(dpto)
recode estrato(1/5=1) (6/8=0), gen(area)
label define lab_area 1 "a" 0 "b"
recode dominio(1/3=1 "r1") (4/6=2 "r2") (7/7=3 "r3") (8=1 "r1"), gen(region)
generate byte X5=p301b
replace X5=0 if p301a==1 | p301a==2
recode  X5 (1=1) (2=2) (3=3) (4=4)               if p301a==3
recode  X5 (5=5) (6=6)                           if p301a==4
recode  X5 (1=7) (2=8) (3=9) (4=10)              if p301a==5
recode  X5 (5=11)(6=12)                          if p301a==6
recode  X5 (1=12)(2=13)(3=14)(4=15)              if p301a==7
recode  X5 (3=14)(4=15)(5=16)                    if p301a==8
recode  X5 (1=12)(2=13)(3=14)(4=15)(5=16) (6=17) if p301a==9
recode  X5 (4=15)(5=16)(6=17)(7=18)              if p301a==10
recode  X5 (1=17)(2=18)                          if p301a==11
g      _p301c=p301c
recode _p301c (0=1)
replace X5=_p301c if p301b==0 & p301a!=2
label value X5 X5
label variable X5 "text" 
browse
gen idioma = 1 if p300a==4
replace idioma=0 if p300a<4
replace idioma=0 if p300a>5
lab def idioma 1 "a" 0 "b", modify
lab val idioma idioma
recode p314a (1= 1 "si") (2 = 0 "no") , gen(i_uso)
drop if p208a >= 19 | p208a < 6
keep if p308a == 2 | p308a == 3
preserve
save "$works/base_1", replace
restore
use "$works/base_1", clear
br 
rename p308a nivel_educativo
rename p208a edad
rename p308d centro_estudio
rename p207 sexo 
rename p1121 electricidad
rename p203b parentesco
rename p314b_1 i_uso_hog
rename p314b_2 i_uso_trab
rename p314b_3 i_uso_cedu
rename p314b_4 i_uso_cab
rename p314b_5 i_uso_casotr
rename p314b_6 i_uso_otro
rename p314b_7 i_uso_movil
rename p314b1_1 i_computadora 
rename p314b1_2 i_laptop
rename p314b1_6 i_tablet
rename p314b1_7 i_otro
rename p314b1_8 i_cel_sdatos
rename p314b1_9 i_cel_cdatos
rename p316a1 cel_uso
br 
rename p316b    uso_cp_lp
rename p307a1  cl_medio_tv
rename p307a2  cl_medio_radio
rename p307a3  cl_medio_plataforma_virtual
rename p307a4  cl_medio_otro 
rename p307a4_5  cl_medio_wsp
rename p307a4_6  cl_medio_correo
rename p307a4_7  cl_medio_llamadas
rename p307b1  cl_desarrollo_interaccion 
rename p307b2  cl_desarrollo_videos
rename p307b3  cl_desarrollo_documentos 
rename p307b4    cl_desarrollo_otros
rename p307b4_5  cl_desarrollo_msm_audio
rename p307b4_6  cl_desarrollo_msm_texto
rename p307b4_7  cl_desarrollo_sin_acompañamiento
rename p316_1   i_obtener_info
rename p316_2   i_comunicarse 
rename p316_3   i_comprar_pdts_ss 
rename p316_4   i_operaciones_bancarias
rename p316_5   i_edu_formal
rename p316_6   i_transacciones
rename p316_7   i_act_entretenimiento
rename p316_8   i_vender_pdts
rename p316_12  i_descarga_antivirus
rename p316c1   ai_mover_archivo
rename p316c2   ai_copiar_pegar
rename p316c3   ai_enviar_correos
rename p316c4   ai_form_excel
rename p316c5   ai_conec_dispositivos
rename p316c6   ai_software
rename p316c7   ai_presentaciones_electronicas 
rename p316c8   ai_tranfer_archivos
rename p316c9   ai_leng_programacion
rename p316c10  ai_otros
br 
local variables_to_tabulate mieperho edad nivel_educativo centro_estudio idioma sexo area estrsocial electricidad p203 parentesco departamento region X5 i_uso i_uso_hog  i_uso_trab i_uso_cedu i_uso_cab i_uso_casotr i_uso_otro i_uso_movil i_computadora i_laptop i_tablet i_otro i_cel_sdatos i_cel_cdatos cel_uso  uso_cp_lp cl_medio_tv  cl_medio_radio cl_medio_plataforma_virtual cl_medio_otro  cl_medio_wsp cl_medio_correo  cl_medio_llamadas cl_desarrollo_interaccion cl_desarrollo_videos cl_desarrollo_documentos cl_desarrollo_otros cl_desarrollo_msm_audio cl_desarrollo_msm_texto  cl_desarrollo_sin_acompañamiento i_obtener_info i_comunicarse i_comprar_pdts_ss i_operaciones_bancarias i_edu_formal  i_transacciones i_act_entretenimiento i_vender_pdts i_descarga_antivirus ai_mover_archivo ai_copiar_pegar ai_enviar_correos ai_form_excel ai_conec_dispositivos ai_software ai_presentaciones_electronicas ai_tranfer_archivos ai_leng_programacion ai_otros
foreach var in `variables_to_tabulate' {
    tab `var' [iw=factor07]
}
svyset conglome [pweight = factor07], strata (estrato)
global var_edu   "X5 centro_estudio"
global var_demo  "sexo edad mieperho electricidad idioma"
global var_geog  "ib1.region ib15.departamento"
eststo clear
eststo: svy: reg i_uso $var_demo ib1.estrsocial $var_edu $var_geog
eststo: svy: probit i_uso $var_demo ib1.estrsocial $var_edu $var_geog
margins, dydx(*)
margins, dydx(*) atmeans
eststo: svy: logit i_uso $var_demo ib1.estrsocial $var_geog
margins, dydx(*) atmeans
esttab
codebook i_uso
