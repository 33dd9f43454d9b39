"""Readers: files on disk -> plain dataclasses plus findings."""
