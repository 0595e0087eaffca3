* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 32648043566 (a public GitHub .do file of a project on family caregiving in the National Health and Aging Trends Study: under `#delimit ;`, population-averaged Poisson and logit models by xtgee with [pweight] corr(independent) vce(robust) eform of the hours of care from each source and of unmet need, by the focal helper's employment and proximity, with tolerance(), if-subsamples, recode ..., generate() and margins of the two factors after each fit; the index does not name the repository)
* author: unknown
* licence: none stated
* data: LONG_2c = nhats_caregiving_long
#delimit ;

cd "C:\project\data" ;

log using "C:\project\logs\log10", replace ;

use LONG_2c, clear ;

xtgee nhats_h_focal_ns ib0.round ib3.workstat_3cat_fnsc ib1.proximity_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons], family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_3cat_fnsc ;
margins proximity_fnsc ;

xtgee nhats_h_nonfocal_ns ib0.round ib3.workstat_3cat_fnsc ib1.proximity_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons], family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_3cat_fnsc ;
margins proximity_fnsc ;

xtgee nhats_h_nonfocal_ns ib0.round ib3.workstat_3cat_fnsc ib1.proximity_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons] if rnumchild==2 | rnumchild==3, family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_3cat_fnsc ;
margins proximity_fnsc ;

xtgee nhats_h_nonfocal_spouse ib0.round ib3.workstat_3cat_fnsc ib1.proximity_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons], family(poisson) link(log) corr(independent) vce(robust) eform tolerance(.02) ; 

margins workstat_3cat_fnsc ;
margins proximity_fnsc ;

xtgee nhats_h_nonfocal_spouse ib0.round ib3.workstat_3cat_fnsc ib1.proximity_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons] if hhmarried==1, family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_3cat_fnsc ;
margins proximity_fnsc ;

xtgee nhats_h_nonfocal_formal ib0.round ib3.workstat_3cat_fnsc ib1.proximity_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons], family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_3cat_fnsc ;
margins proximity_fnsc ;

xtgee opdhrsmth_i ib0.round ib3.workstat_3cat_fnsc ib1.proximity_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons], family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_3cat_fnsc ;
margins proximity_fnsc ;

xtgee opdhrsmth_i ib0.round ib3.workstat_3cat_fnsc ib1.proximity_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons] if rnumchild==2 | rnumchild==3 | hhmarried==1, family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_3cat_fnsc ;
margins proximity_fnsc ;

recode workstat_3cat_fnsc (1 2=1) (3=0), generate(workstat_2cat_fnsc) ;
recode proximity_fnsc (1=0) (2 3=1), generate(proximity_2cat_fnsc) ;

xtgee nhats_h_focal_ns ib0.round ib0.workstat_2cat_fnsc ib0.proximity_2cat_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons], family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_2cat_fnsc ;
margins proximity_2cat_fnsc ;

xtgee nhats_h_nonfocal_ns ib0.round ib0.workstat_2cat_fnsc ib0.proximity_2cat_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons], family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_2cat_fnsc ;
margins proximity_2cat_fnsc ;

xtgee nhats_h_nonfocal_ns ib0.round ib0.workstat_2cat_fnsc ib0.proximity_2cat_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons] if rnumchild==2 | rnumchild==3, family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_2cat_fnsc ;
margins proximity_2cat_fnsc ;

xtgee nhats_h_nonfocal_spouse ib0.round ib0.workstat_2cat_fnsc ib0.proximity_2cat_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons], family(poisson) link(log) corr(independent) vce(robust) eform tolerance(.02) ; 

margins workstat_2cat_fnsc ;
margins proximity_2cat_fnsc ;

xtgee nhats_h_nonfocal_spouse ib0.round ib0.workstat_2cat_fnsc ib0.proximity_2cat_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons] if hhmarried==1, family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_2cat_fnsc ;
margins proximity_2cat_fnsc ;

xtgee nhats_h_nonfocal_formal ib0.round ib0.workstat_2cat_fnsc ib0.proximity_2cat_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons], family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_2cat_fnsc ;
margins proximity_2cat_fnsc ;

xtgee opdhrsmth_i ib0.round ib0.workstat_2cat_fnsc ib0.proximity_2cat_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons], family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_2cat_fnsc ;
margins proximity_2cat_fnsc ;

xtgee opdhrsmth_i ib0.round ib0.workstat_2cat_fnsc ib0.proximity_2cat_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons] if rnumchild==2 | rnumchild==3 | hhmarried==1, family(poisson) link(log) corr(independent) vce(robust) eform ; 

margins workstat_2cat_fnsc ;
margins proximity_2cat_fnsc ;

xtgee runmet_adls ib0.round ib3.workstat_3cat_fnsc ib1.proximity_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons], family(binomial) link(logit) corr(independent) vce(robust) eform ; 

margins workstat_3cat_fnsc ;
margins proximity_fnsc ;

xtgee runmet_adls ib0.round ib3.workstat_3cat_fnsc ib1.proximity_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
c.opdhrsmth_i_10 c.nonfocal_focal c.formal_informal 
[pweight=wanfinwgt_cons], family(binomial) link(logit) corr(independent) vce(robust) eform ; 

margins workstat_3cat_fnsc ;
margins proximity_fnsc ;

xtgee runmet_iadls ib0.round ib3.workstat_3cat_fnsc ib1.proximity_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
[pweight=wanfinwgt_cons], family(binomial) link(logit) corr(independent) vce(robust) eform ; 

margins workstat_3cat_fnsc ;
margins proximity_fnsc ;

xtgee runmet_iadls ib0.round ib3.workstat_3cat_fnsc ib1.proximity_fnsc ib2.helpertype_fnsc ib0.cgender_fnsc ib1.cage_fnsc ib1.health_fnsc
ib0.rfemale ib1.rlrace ib1.rage ib0.hhmarried ib0.rnumchild c.rnumber_adls c.rnumber_iadls ib3.rdemclas ib0.ipmedicaid c.totalincome_log ib0.rdresid
c.opdhrsmth_i_10 c.nonfocal_focal c.formal_informal 
[pweight=wanfinwgt_cons], family(binomial) link(logit) corr(independent) vce(robust) eform ; 

margins workstat_3cat_fnsc ;
margins proximity_fnsc ;

log close ;
