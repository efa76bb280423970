"""The sizes the generator builds (design section 6) and seeded identities."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Scale:
    """How big a generated project is."""

    name: str
    radius: float  # metres, of the town outline
    blocks: int  # building blocks the Quartiere are made of
    quarters: int  # districts of the lowest level
    boroughs: int  # Stadtbezirke
    indicators: int
    first_period: int
    periods: int
    facilities: int
    providers: int
    rounds: int
    applications: int  # per round

    @property
    def period_range(self) -> list[int]:
        """The years with indicator values."""
        return list(range(self.first_period, self.first_period + self.periods))


SCALES: dict[str, Scale] = {
    "demo": Scale("demo", 6_000, 900, 40, 8, 30, 2015, 10, 200, 30, 2, 25),
    "city": Scale("city", 20_000, 4_400, 550, 12, 120, 2010, 15, 4_000, 800, 20, 60),
    "blocks": Scale("blocks", 14_000, 15_000, 15_000, 20, 5, 2022, 3, 0, 0, 0, 0),
}


class SeededIds:
    """UUIDs drawn from the seed, so the same seed writes the same file."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng

    def __call__(self) -> str:
        """Return the next UUID (version 4 layout) as text."""
        return str(uuid.UUID(bytes=self._rng.bytes(16), version=4))

    def hex(self) -> str:
        """Return the next UUID as 32 hex digits."""
        return uuid.UUID(bytes=self._rng.bytes(16), version=4).hex
