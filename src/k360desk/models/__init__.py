"""The planning domain over the project file: funding rounds and what follows the decision,
index definitions and runs, profile templates, the providers' questionnaire. May import
``projectfile``; nothing above it (no analysis, figures, io, export or ui)."""
