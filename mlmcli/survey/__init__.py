"""Survey estimation (svyset's design, the svy: prefix): the design's units and the
Taylor-linearized variance of an estimator from its scores ([SVY] variance estimation).
Engines only: no printing, no Session."""
