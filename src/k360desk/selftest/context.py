"""What the self-test's steps share: the context they write into and the result of one step."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class Unavailable(Exception):
    """A step whose part of the application does not exist in this build."""


@dataclass
class StepResult:
    """What one step found, how long it took and, on failure, why."""

    key: str
    label: str
    status: str
    seconds: float = 0.0
    info: dict = field(default_factory=dict)
    error: str = ""
    traceback: str = ""


@dataclass
class Context:
    """State the steps share: the output folder and what earlier steps produced."""

    outdir: Path
    files: dict[str, Path] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)

    def path(self, name: str) -> Path:
        """A file in the output folder, remembered under its name for later steps."""
        target = self.outdir / name
        self.files[name] = target
        return target
