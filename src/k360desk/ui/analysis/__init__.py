"""Analysis pages of the main window: the social index and the coverage analysis."""
