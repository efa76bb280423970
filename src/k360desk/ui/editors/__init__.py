"""The editor pages: one module per page, each a QWidget taking ``(context, parent)``."""
