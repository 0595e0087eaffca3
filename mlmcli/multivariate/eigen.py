"""Symmetric eigen decomposition with Stata's order and sign convention.

Stata's ``matrix symeigen`` returns eigenvalues in decreasing order and each eigenvector
"signed positively, i.e., with e'1 > 0" (the comment in Stata's pcamat.ado, where pca gets
its components); published pca logs agree (each column of the eigenvector table sums to a
positive number).  A column whose elements sum to exactly zero keeps LAPACK's sign (Stata's
rule for that tie is undocumented).
"""
from __future__ import annotations

import numpy as np


def symmetric_eigen(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(eigenvalues decreasing, eigenvectors as columns with a positive column sum)."""
    values, vectors = np.linalg.eigh((matrix + matrix.T) / 2.0)
    order = np.argsort(-values, kind="stable")
    values, vectors = values[order], vectors[:, order]
    sums = vectors.sum(axis=0)
    vectors = vectors * np.where(sums < 0, -1.0, 1.0)
    return values, vectors


def covariance_matrix(x: np.ndarray) -> np.ndarray:
    """The sample covariance (divisor n - 1) of the complete rows ``x`` (n x k)."""
    centred = x - x.mean(axis=0)
    return centred.T @ centred / (x.shape[0] - 1)


def correlation_from_covariance(cov: np.ndarray) -> np.ndarray:
    sd = np.sqrt(np.diag(cov))
    return cov / np.outer(sd, sd)


def squared_multiple_correlations(corr: np.ndarray) -> np.ndarray:
    """SMC of each variable with all the others: 1 - 1 / diag(R^-1)."""
    return 1.0 - 1.0 / np.diag(np.linalg.inv(corr))
