"""k360desk – integrierte Sozialplanung für Kommunen."""

__version__ = "0.1.0"
APP_NAME = "k360desk"
FILE_SUFFIX = ".k360"
