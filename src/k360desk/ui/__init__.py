"""Qt user interface: main window, editors, views, dialogs, undo commands, workers."""
