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
    """The sample covariance (divisor n - 1) of the complete rows ``x`` (n x k); an entry past
    the largest double is missing (NaN), as a Stata double cannot hold it."""
    C, scale = scaled_covariance(x)
    with np.errstate(over="ignore", invalid="ignore"):
        cov = C * np.outer(scale, scale)
    return np.where(np.isfinite(cov), cov, np.nan)


def _column_scale(x: np.ndarray) -> np.ndarray:
    """1, or for a column past 2^480 the power of two at or above its largest |value| (exact)."""
    top = np.max(np.abs(x), axis=0, initial=0.0) if x.size else np.zeros(x.shape[1])
    return np.where(top > 2.0 ** 480, np.ldexp(1.0, np.minimum(np.frexp(top)[1], 1023)), 1.0)


def scaled_covariance(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(C, scale): the covariance of x / scale (_column_scale: values near 1e307 would overflow
    their products).  Correlations and standard deviations come from it finite."""
    scale = _column_scale(x)
    centred = x / scale
    centred = centred - centred.mean(axis=0)
    return centred.T @ centred / (x.shape[0] - 1), scale


def column_means(x: np.ndarray) -> np.ndarray:
    """Column means of ``x``, finite for values near the largest double (their sum is not)."""
    scale = _column_scale(x)
    return (x / scale).mean(axis=0) * scale


def correlation_and_sds(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(correlation matrix, standard deviations) of the complete rows ``x``, finite for values
    near the largest double (scaled_covariance)."""
    C, scale = scaled_covariance(x)
    return correlation_from_covariance(C), np.sqrt(np.diag(C)) * scale


def correlation_from_covariance(cov: np.ndarray) -> np.ndarray:
    sd = np.sqrt(np.diag(cov))
    with np.errstate(divide="ignore", invalid="ignore"):  # a constant variable: its correlations missing
        return cov / np.outer(sd, sd)


def squared_multiple_correlations(corr: np.ndarray) -> np.ndarray:
    """SMC of each variable with all the others: 1 - 1 / diag(R^-1)."""
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):  # a repeated variable: R singular
        smc = 1.0 - 1.0 / np.diag(np.linalg.inv(corr))
    return np.where(np.isfinite(smc), smc, 1.0)  # predicted exactly by the others
