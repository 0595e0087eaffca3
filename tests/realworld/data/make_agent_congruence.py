"""Look-alike of ``Long format Perf Experiment1.dta`` (a psychology experiment in which each
participant works with three kinds of agent): participant ``PartID`` (1-48), trial
``TrialNum`` (1-15, trial 1 a practice trial), agent type ``AgentType`` (1 DMP, 2 RL, 3 RL_HP,
five trials each in a shuffled order) and ``Congruence1``, a z-scored congruence score
(highest with DMP, lowest with RL, a slight learning slope that differs by agent), with a
participant intercept and participant-specific agent effects."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=13701)
    n_part, n_trial = 48, 15
    ids = np.repeat(np.arange(1, n_part + 1), n_trial)
    trial = np.tile(np.arange(1, n_trial + 1), n_part)
    d.rows(len(ids))
    agent = np.concatenate([d.rng.permutation(np.repeat([1, 2, 3], n_trial // 3)) for _ in range(n_part)])
    d.put("PartID", ids, "int")
    d.put("TrialNum", trial, "byte")
    d.put("AgentType", agent, "byte", value_labels={1: "DMP", 2: "RL", 3: "RL_HP"}, label_name="agent")
    level = np.select([agent == 1, agent == 2], [1.2, -0.8], -0.35)
    slope = np.select([agent == 1, agent == 2], [0.01, -0.05], -0.02)
    person = d.effect(ids, 0.25)
    rl_shift = d.effect(ids, 0.2) * (agent == 2)
    hp_shift = d.effect(ids, 0.2) * (agent == 3)
    y = level + slope * (trial - 8) + person + rl_shift + hp_shift + d.normal(0, 0.45)
    d.put("Congruence1", y, "double")
    return d.dataset()
