"""Checker: brands + criteria -> findings and completeness per standard."""
