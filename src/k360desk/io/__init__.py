"""Importers (geometries, indicator tables, facilities, questionnaires) and file exchange."""
