"""Scale reliability and factor analysis engines: Cronbach's alpha (``scale_reliability``),
principal components and their rotations (``components``, ``rotation``).  Pure numbers:
no printing, no Session."""
