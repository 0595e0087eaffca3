"""Structural equation models (``sem``, ``gsem``): observed-variable path models with
Gaussian responses and, for ``gsem``, random intercepts (multilevel latent variables)."""
