import numpy as np, pandas as pd
rng=np.random.default_rng(20261205)
n=300
x1=rng.normal(size=n); x2=rng.binomial(1,0.5,size=n); z1=rng.normal(size=n)
t=rng.uniform(0.5,2,size=n)
p=1/(1+np.exp(-(-0.3+1.0*z1)))
mu=np.exp(0.5+0.6*x1-0.4*x2)*t
y=np.where(rng.random(n)<p,0,rng.poisson(mu))
# NB counts
lam=rng.gamma(1/0.7,0.7*mu)
ynb=np.where(rng.random(n)<p,0,rng.poisson(lam))
cl=rng.integers(0,30,size=n)
fw=rng.integers(1,4,size=n)
df=pd.DataFrame(dict(y=y,ynb=ynb,x1=x1,x2=x2,z1=z1,t=t,cl=cl,fw=fw))
df.to_csv('zi.csv',index=False)
