"""The generated demo municipality "Musterstadt" and the larger benchmark projects."""

from k360desk.demo.generator import create_demo, write_demo
from k360desk.demo.scales import SCALES

__all__ = ["SCALES", "create_demo", "write_demo"]
