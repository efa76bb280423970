"""Build the demo project "Musterstadt" (or the larger benchmark projects) from a seed."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from k360desk.demo import content
from k360desk.demo.districts import add_districts
from k360desk.demo.funding import add_funding, add_goals, add_social_index
from k360desk.demo.geography import build_city
from k360desk.demo.scales import SCALES, SeededIds
from k360desk.demo.supply import add_supply
from k360desk.demo.values import add_indicators, generate, indicator_specs, value_frame
from k360desk.progress import NO_PROGRESS, Progress
from k360desk.projectfile import Project, ProjectError, Topic

_STEPS = 6


def create_demo(scale: str = "demo", seed: int = 360, progress: Progress | None = None) -> Project:
    """Build the generated project in a working copy (no file name yet)."""
    if scale not in SCALES:
        raise ValueError(f"Unbekannte Größe „{scale}“ (erlaubt: {', '.join(SCALES)}).")
    size = SCALES[scale]
    progress = progress or NO_PROGRESS
    # Independent streams per part, so a change in one part leaves the others as they were.
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(6)]
    ids = SeededIds(streams[0])
    progress.step(0, _STEPS, "Stadtgebiet wird erzeugt …")
    project = Project.create(content.MUNICIPALITY, crs=25832, ags=content.AGS)
    try:
        with project.transaction():
            project.set_meta("project_uuid", ids.hex())
            project.set_meta("demo", f"{scale}, Startwert {seed}")
            shape = build_city(streams[1], size.radius, size.blocks, size.quarters,
                               size.boroughs)
            profile = add_districts(project, shape, size, streams[1], ids)
            progress.step(1, _STEPS, "Indikatoren werden erzeugt …")
            specs = indicator_specs(size)
            key_ids = add_indicators(project, specs, ids)
            periods = size.period_range
            values = generate(streams[2], profile, specs, periods)
            progress.step(2, _STEPS, "Indikatorwerte werden geschrieben …")
            project.set_values(value_frame(values, key_ids, profile, periods, specs))
            progress.step(3, _STEPS, "Träger und Einrichtungen werden erzeugt …")
            latest = {k: v[:, -1] for k, v in values.items()}
            supply = add_supply(project, streams[3], profile, size, latest, ids)
            progress.step(4, _STEPS, "Förderrunden und Gremien werden erzeugt …")
            topic_ids = {t.name: t.id for t in project.all(Topic)}
            add_funding(project, streams[4], profile, size, supply, topic_ids, ids)
            add_goals(project, profile, key_ids, ids)
            add_social_index(project, key_ids, ids, periods[-1])
            progress.step(5, _STEPS, "Projekt wird abgeschlossen …")
    except BaseException:
        project.close()
        raise
    project.modified = False
    progress.step(_STEPS, _STEPS, "Fertig")
    return project


def write_demo(path: Path, scale: str = "demo", seed: int = 360,
               progress: Progress | None = None) -> Path:
    """Build the generated project and save it to ``path``; return the file written."""
    folder = Path(path).absolute().parent
    if not folder.is_dir():
        raise ProjectError(f"Den Ordner „{folder}“ gibt es nicht.")
    project = create_demo(scale, seed, progress)
    try:
        project.save_as(path)
        return project.path  # type: ignore[return-value]
    finally:
        project.close()
