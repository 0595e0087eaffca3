* Evaluator programs for ml ([R] ml's probit and normal regression examples), used by
* `help ml`'s examples: `run samples/ml_evaluators.do`, then `ml model lf myprobit (y = x)`.
capture program drop myprobit
program define myprobit
    args lnf xb
    quietly replace `lnf' = ln(normal(`xb')) if $ML_y1 == 1
    quietly replace `lnf' = ln(normal(-`xb')) if $ML_y1 == 0
end
capture program drop mynormal
program define mynormal
    args lnf mu sigma
    quietly replace `lnf' = ln(normalden($ML_y1, `mu', `sigma'))
end
capture program drop mynormal_d0
program define mynormal_d0
    args todo b lnf
    tempvar mu
    tempname lnsigma
    mleval `mu' = `b', eq(1)
    mleval `lnsigma' = `b', eq(2) scalar
    mlsum `lnf' = ln(normalden($ML_y1, `mu', exp(`lnsigma')))
end
capture program drop myprobit_d2
program define myprobit_d2
    version 11
    args todo b lnf g H
    tempvar xb lj g1
    mleval `xb' = `b'
    quietly {
        generate double `lj' = normal(cond($ML_y1 == 1, `xb', -`xb'))
        mlsum `lnf' = ln(`lj')
        if (`todo' == 0 | `lnf' >= .) exit
        generate double `g1' = cond($ML_y1 == 1, 1, -1) * normalden(`xb') / `lj'
        mlvecsum `lnf' `g' = `g1', eq(1)
        if (`todo' == 1 | `lnf' >= .) exit
        mlmatsum `lnf' `H' = -`g1' * (`g1' + `xb'), eq(1,1)
    }
end
