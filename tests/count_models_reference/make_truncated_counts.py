"""truncated_counts.csv: the data of tests/test_truncated_count.py and truncated_count.R."""
import numpy as np, pandas as pd
rng=np.random.default_rng(11)
n=600
x1=rng.normal(size=n); x2=rng.binomial(1,0.5,size=n); t=rng.uniform(0.5,2,size=n)
mu=np.exp(0.6+0.5*x1-0.4*x2)*t
y=rng.poisson(mu)
lam=rng.gamma(1/0.6,0.6*mu); ynb=rng.poisson(lam)
pt=rng.integers(0,2,size=n)
df=pd.DataFrame(dict(y=y,ynb=ynb,x1=x1,x2=x2,t=t,pt=pt,cl=rng.integers(0,30,size=n)))
df.to_csv('truncated_counts.csv',index=False)
