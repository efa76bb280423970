"""``k360desk --selftest OUTDIR``: the installed program proves it works on this PC.
May import every other package (it exercises them all); nothing imports it but ``cli``."""

from k360desk.selftest.context import Context, Unavailable
from k360desk.selftest.runner import run_selftest

__all__ = ["Context", "Unavailable", "run_selftest"]
