"""Look-alike of ``combined_data_for_stata.csv`` (a crossover trial of AI tools on legal
tasks): one row per student x task x outcome; string condition, outcome, task, student
number and group, the numeric ``score`` and a standardized covariate ``avg_z``."""
import numpy as np

from lookalike import LookAlike

CONDITIONS = ["AI Tool A", "No AI", "RAG Tool"]
OUTCOMES = ["Accuracy", "Analysis", "Clarity", "Organization", "Productivity", "Professionalism",
            "Time_Spent", "Total_Score"]
TASKS = ["Complaint", "Contract", "Memo", "Motion", "Negotiation", "Review"]


def make():
    d = LookAlike(seed=2025)
    students = 60
    d.rows(students * len(TASKS) * len(OUTCOMES))
    s = np.repeat(np.arange(students), len(TASKS) * len(OUTCOMES))
    t = np.tile(np.repeat(np.arange(len(TASKS)), len(OUTCOMES)), students)
    o = np.tile(np.arange(len(OUTCOMES)), students * len(TASKS))
    cond = (s + t) % 3  # each student meets every condition over the tasks
    d.put("student_number", np.array([f"S{k + 1:03d}" for k in range(students)])[s], "str4")
    d.put("group", np.array(["G1", "G2", "G3", "G4"])[s % 4], "str2")
    d.put("task", np.array(TASKS)[t], "str11")
    d.put("outcome", np.array(OUTCOMES)[o], "str15")
    d.put("ai_condition", np.array(CONDITIONS)[cond], "str9")
    d.put("avg_z", np.round(d.group_constant(s, d.normal()), 3), "float")
    score = 3 + 0.4 * (cond != 1) + 0.2 * t / 5 + d.effect(s, 0.5) + d.normal(0, 0.8)
    d.put("score", np.round(score, 2), "float")
    return d.dataset()
