* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 36135070281 (a public GitHub .do file, Brazilian student-teacher-school maths achievement data in the SAEB/Prova Brasil style: multiple correspondence analysis of teachers' pedagogical-practice items and household assets, mca + predict of the first dimension, indices reversed and rescaled to 0-10 with typed min/max, round(), 0/1 recodes of reference categories, then three-level random-intercept models of students in classes in schools xtmixed MT ... || ESCOLA: || TURMA:, mle nolog with estat icc and a stepwise set of student, teacher and school predictors; the file has no data-loading line, its data are preloaded; the index does not name the repository)
* author: unknown
* licence: none stated
* preload: saeb_maths_classes
mca IPP_G_1 IPP_G_2 IPP_G_3 IPP_G_4 IPP_G_5 IPP_G_6 IPP_G_7
predict IPP_G
mca IPP_MT_1 IPP_MT_2 IPP_MT_3 IPP_MT_4 IPP_MT_5 IPP_MT_6
predict IPP_MT
mca TV GELADEIRA FREEZER MAQ CARRO COMP BANHO EMPR
predict NSE1
sum IPP_G
gen IPP_G_ = (10 - IPP_G)
sum IPP_G_
gen IPP_G_I = ((IPP_G_-(6.210011))/(11.05228-(6.210011)))*10
replace IPP_G_I=round(IPP_G_I, 0.0001)
sum IPP_G_I
sum IPP_MT
gen IPP_MT_ = (10 - IPP_MT)
sum IPP_MT_
gen IPP_MT_I = ((IPP_MT_-(2.605311))/(10.66055-(2.605311)))*10
replace IPP_MT_I=round(IPP_MT_I, 0.0001)
sum IPP_MT_I
sum NSE1
gen NSE1_ = (10 - NSE1)
sum NSE1_
gen NSE1_I = ((NSE1_-(3.389813))/(11.39953-(3.389813)))*10
replace NSE1_I=round(NSE1_I, 0.0001)
sum NSE1_I
gen MASCULINO=.
replace MASCULINO=1 if GENERO==0
replace MASCULINO=0 if GENERO==1
gen NAOBRANCO=.
replace NAOBRANCO=1 if RACA==0
replace NAOBRANCO=0 if RACA==1
gen NAOREPROV=.
replace NAOREPROV=1 if REPROV==0
replace NAOREPROV=0 if REPROV==1
gen NAOGOSTAMT=.
replace NAOGOSTAMT=1 if GOSTA_MT==0
replace NAOGOSTAMT=0 if GOSTA_MT==1
gen EXPMENOS5=.
replace EXPMENOS5=1 if EXP_ESCOLA_M5==0
replace EXPMENOS5=0 if EXP_ESCOLA_M5==1
gen EXPDIRMENOSM5=.
replace EXPDIRMENOSM5=1 if EXP_DIR_M5==0
replace EXPDIRMENOSM5=0 if EXP_DIR_M5==1
gen PUBLICA=.
replace PUBLICA=1 if DEPENDENCIA_ADM==0
replace PUBLICA=0 if DEPENDENCIA_ADM==1
gen RURAL=.
replace RURAL=1 if LOCALIZACAO==0
replace RURAL=0 if LOCALIZACAO==1
xtmixed MT || ESCOLA: || TURMA: , mle nolog
estat icc
xtmixed MT GENERO RACA ESC_MENOS_8_9_MAE ESC_MENOS_EM_MAE ESC_MENOS_ES_MAE ESC_ES_MAE ESC_MENOS_8_9_PAI ESC_MENOS_EM_PAI ESC_MENOS_ES_PAI ESC_ES_PAI REPROV GOSTA_MT NSE1_I || ESCOLA: || TURMA: , mle nolog
xtmixed MT GENERO RACA ESC_MENOS_8_9_MAE ESC_MENOS_EM_MAE ESC_MENOS_ES_MAE ESC_ES_MAE ESC_MENOS_8_9_PAI ESC_MENOS_EM_PAI ESC_MENOS_ES_PAI ESC_ES_PAI REPROV GOSTA_MT NSE1_I LATO_PG STRICTO_PG EXP_ESCOLA_M5 RENDA_1E3_PROF RENDA_3E4_PROF RENDA_4E7_PROF RENDA_7_PROF IPP_G_I IPP_MT_I || ESCOLA: || TURMA: , mle nolog
xtmixed MT GENERO RACA ESC_MENOS_8_9_MAE ESC_MENOS_EM_MAE ESC_MENOS_ES_MAE ESC_ES_MAE ESC_MENOS_8_9_PAI ESC_MENOS_EM_PAI ESC_MENOS_ES_PAI ESC_ES_PAI REPROV GOSTA_MT NSE1_I LATO_PG STRICTO_PG EXP_ESCOLA_M5 RENDA_1E3_PROF RENDA_3E4_PROF RENDA_4E7_PROF RENDA_7_PROF IPP_G_I IPP_MT_I EXP_DIR_M5 LOCALIZACAO DEPENDENCIA_ADM || ESCOLA: || TURMA: , mle nolog
