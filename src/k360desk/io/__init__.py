"""Importers and file exchange: boundaries, indicator tables, facilities (no Qt)."""
