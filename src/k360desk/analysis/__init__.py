"""Pure computations over pandas frames: no I/O, no Qt."""
