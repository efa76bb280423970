"""Funding-round benchmark at city scale: prints medians, checks nothing.

A synthetic project with 550 districts, 20 decided rounds of one programme plus one round
in assessment, 60 applications per round, 8 criteria (one derived from need), 5 raters and
one stored index run. Measures ``ranking_for_round`` (scores, ranking, allocation, trace),
``money_flows`` and the store's ``round_data``.

Run: ``PYTHONPATH=src python bench/bench_rounds.py [--runs 5]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

import numpy as np


def build(path: str):
    """Build the synthetic city; return (project, id of the round in assessment)."""
    from k360desk.projectfile import (
        Application,
        Criterion,
        District,
        FundingRound,
        Programme,
        Project,
        Provider,
    )

    rng = np.random.default_rng(8)
    project = Project.create("Großstadt", path)
    districts = project.add_many([District(code=f"{i:04d}", name=f"Planungsraum {i}") for i in range(550)])
    providers = project.add_many([Provider(name=f"Träger {i}", umbrella=["AWO", "Caritas", "Diakonie", "DRK",
                                                                         "Paritätischer"][i % 5])
                                  for i in range(800)])
    prog = project.add(Programme(name="Sozialraumbudget", max_years=5))
    project.execute_link("index_runs", [{"id": 1, "uuid": "bench", "index_id": None, "period": 2024,
                                         "computed_at": "2026-01-01T00:00:00", "parameters": "{}"}])
    project.execute_link("index_results", [
        {"run_id": 1, "district_id": d, "status_value": None, "status_class": str(int(v // 25)),
         "dynamics_value": None, "dynamics_class": None, "need_score": float(v), "included": 1,
         "reason": "", "details": "{}"} for d, v in zip(districts, rng.uniform(0, 100, len(districts)),
                                                        strict=True)])
    last = None
    for r in range(21):
        status = "decided" if r < 20 else "assessment"
        rid = project.add(FundingRound(programme_id=prog, name=f"Runde {r}", first_year=2010 + r,
                                       last_year=2014 + r, status=status))
        last = rid
        project.execute_link("round_budgets", [{"round_id": rid, "year": 2010 + r + k, "amount": 2e6}
                                               for k in range(5)])
        crits = project.add_many([Criterion(round_id=rid, name=f"Kriterium {k}", weight=1 + k % 3,
                                            derived="need" if k == 7 else None, sort=k)
                                  for k in range(8)])
        apps = project.add_many([Application(round_id=rid, provider_id=int(rng.choice(providers)),
                                             title=f"Projekt {r}-{a}", start_year=2010 + r,
                                             duration=int(rng.integers(1, 6)),
                                             status="awarded" if status == "decided" else "submitted",
                                             submitted=f"20{10 + r}-0{1 + a % 9}-1{a % 10}")
                                 for a in range(60)])
        amounts, served, scores = [], [], []
        for app in apps:
            years = int(rng.integers(1, 6))
            for k in range(years):
                value = float(rng.integers(5, 80) * 1000)
                amounts.append({"application_id": app, "year": 2010 + r + k, "requested": value,
                                "awarded": value / 4 if status == "decided" else None,
                                "override_reason": ""})
            chosen = rng.choice(districts, size=3, replace=False)
            for d, share in zip(chosen, (0.5, 0.3, 0.2), strict=True):
                served.append({"application_id": app, "district_id": int(d), "share": share})
            for crit in crits[:7]:
                for rater in ("A", "B", "C", "D", "E"):
                    scores.append({"application_id": app, "criterion_id": crit, "rater": rater,
                                   "score": float(rng.integers(0, 6)), "comment": ""})
        project.execute_link("application_amounts", amounts)
        project.execute_link("application_districts", served)
        project.execute_link("scores", scores)
    return project, last


def median_time(fn, runs: int) -> float:
    """Median seconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Build once, then time the round functions."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("K360DESK_DATA_DIR", os.path.join(tmp, "data"))
        from k360desk.figures.rounds import money_flows, ranking_for_round
        from k360desk.models import rounds as store

        start = time.perf_counter()
        project, round_id = build(os.path.join(tmp, "bench.k360"))
        print(f"Aufbau: {time.perf_counter() - start:.1f} s (21 Runden × 60 Anträge, 550 Sozialräume)")
        for label, fn in (
            ("round_data (eine Runde laden)", lambda: store.round_data(project, round_id)),
            ("ranking_for_round full", lambda: ranking_for_round(project, round_id)),
            ("ranking_for_round partial", lambda: ranking_for_round(project, round_id, rule="partial")),
            ("money_flows (eine Runde)", lambda: money_flows(project, round_id)),
            ("money_flows (alle Runden)", lambda: money_flows(project)),
        ):
            print(f"{label:34s} Median {median_time(fn, args.runs) * 1000:8.1f} ms")
        project.close()


if __name__ == "__main__":
    main()
