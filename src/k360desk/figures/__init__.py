"""Qt-free queries every front end calls: frames from ``models``/``projectfile``, computed with
``analysis``, returned as figures (tables and numbers, never chart or map specs)."""
