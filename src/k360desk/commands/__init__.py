"""Sub-commands of the command line, one module per group (see ``k360desk.cli``)."""
