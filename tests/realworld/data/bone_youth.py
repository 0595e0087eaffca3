"""Shared look-alike of a youth bone-development study (three files of kmongeon's tibial
analysis): 160 children (``id``), each measured in one of two sessions on three occasions --
session 1 at sequence numbers 3, 5 and 7, session 2 at 2, 4 and 6."""
import numpy as np


def occasions(seed: int):
    rng = np.random.default_rng(seed)
    n = 160
    session = rng.integers(1, 3, size=n)
    ids, seqs, sess = [], [], []
    for i in range(n):
        for k in range(3):
            ids.append(1000 + i)
            seqs.append((3 + 2 * k) if session[i] == 1 else (2 + 2 * k))
            sess.append(session[i])
    return rng, np.array(ids), np.array(seqs), np.array(sess)
