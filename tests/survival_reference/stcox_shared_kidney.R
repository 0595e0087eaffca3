# Reference for stcox age female, shared(id) (Breslow ties) on R's kidney catheter data
# (kidney.csv, written by this script).  theta^ from coxph's EM marginal-likelihood search
# (tightened); b and se at that theta from the non-sparse penalized fit, whose se(coef) is the
# b block of the inverse penalized information (Stata's "conditional on theta").
library(survival)
k <- kidney; k$female <- as.integer(k$sex == 2)
write.csv(k[, c("id","time","status","age","sex","female","disease")], "kidney.csv", row.names=FALSE, quote=FALSE)
ctl <- coxph.control(eps=1e-12, toler.chol=1e-15, iter.max=200, outer.max=200)
em <- coxph(Surv(time, status) ~ age + female + frailty(id, distribution="gamma", sparse=FALSE,
            eps=1e-10), data=k, ties="breslow", control=ctl)
theta <- em$history[[1]]$theta
fx <- coxph(Surv(time, status) ~ age + female + frailty(id, theta=theta, sparse=FALSE), data=k,
            ties="breslow", control=ctl)
cox <- coxph(Surv(time, status) ~ age + female, data=k, ties="breslow", control=ctl)
# the profile (marginal) log likelihood at theta, coxph's I-likelihood
ilik <- em$history[[1]]$c.loglik
# se(theta) as ml reports it on /lntheta: theta * sqrt(-1 / d2 log L_m / d ln theta^2), the
# curvature by central differences of the fixed-theta fits' profile log likelihood
prof <- function(lt) coxph(Surv(time, status) ~ age + female + frailty(id, theta=exp(lt), sparse=FALSE),
                           data=k, ties="breslow", control=ctl)$history[[1]]$c.loglik
h <- 1e-3
d2 <- (prof(log(theta) + h) - 2 * prof(log(theta)) + prof(log(theta) - h)) / h^2
out <- c(theta=theta, se_theta=theta * sqrt(-1 / d2), b_age=unname(coef(fx)[1]), b_female=unname(coef(fx)[2]),
         se_age=sqrt(fx$var[1,1]), se_female=sqrt(fx$var[2,2]), ll=ilik, ll_c=cox$loglik[2])
write.csv(data.frame(name=names(out), value=sprintf("%.12g", out)), "stcox_shared_kidney_values.csv",
          row.names=FALSE, quote=FALSE)
print(out, digits=12)

# stcox age female, shared(disease) offset(off), off = age/100: a string group variable and an offset
k$off <- k$age / 100
em2 <- coxph(Surv(time, status) ~ age + female + offset(off) + frailty(disease, distribution="gamma",
             sparse=FALSE, eps=1e-10), data=k, ties="breslow", control=ctl)
theta2 <- em2$history[[1]]$theta
fx2 <- coxph(Surv(time, status) ~ age + female + offset(off) + frailty(disease, theta=theta2, sparse=FALSE),
             data=k, ties="breslow", control=ctl)
out2 <- c(theta=theta2, b_age=unname(coef(fx2)[1]), b_female=unname(coef(fx2)[2]),
          se_age=sqrt(fx2$var[1,1]), se_female=sqrt(fx2$var[2,2]), ll=em2$history[[1]]$c.loglik)
write.csv(data.frame(name=names(out2), value=sprintf("%.12g", out2)), "stcox_shared_disease_offset_values.csv",
          row.names=FALSE, quote=FALSE)
print(out2, digits=12)

# stcox age female, shared(id) efron
em3 <- coxph(Surv(time, status) ~ age + female + frailty(id, distribution="gamma", sparse=FALSE, eps=1e-10),
             data=k, ties="efron", control=ctl)
theta3 <- em3$history[[1]]$theta
fx3 <- coxph(Surv(time, status) ~ age + female + frailty(id, theta=theta3, sparse=FALSE), data=k,
             ties="efron", control=ctl)
cox3 <- coxph(Surv(time, status) ~ age + female, data=k, ties="efron", control=ctl)
out3 <- c(theta=theta3, b_age=unname(coef(fx3)[1]), b_female=unname(coef(fx3)[2]),
          se_age=sqrt(fx3$var[1,1]), se_female=sqrt(fx3$var[2,2]), ll=em3$history[[1]]$c.loglik,
          ll_c=cox3$loglik[2])
write.csv(data.frame(name=names(out3), value=sprintf("%.12g", out3)), "stcox_shared_efron_values.csv",
          row.names=FALSE, quote=FALSE)
print(out3, digits=12)
