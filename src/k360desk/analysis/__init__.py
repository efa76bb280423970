"""Pure computations over pandas frames: derived indicators, reference values, social index,
disclosure control, supply analysis. No I/O, no Qt; see docs/methods.md for the formulas."""
