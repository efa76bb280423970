"""The "Trägerabfrage" area: questionnaire designer, workbook export and import, statements
per district, goals with their progress and the history of committee meetings."""
