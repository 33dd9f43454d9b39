"""Scores: schemes (data/schemes.yml), round files (scores/*.yml with CSV/XLSX tables) and exact ranking."""
