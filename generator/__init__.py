"""brandsite: service-brand showcase generator.

Pipeline: load -> check -> score -> produce -> engine -> publish.
The core (load, check, produce) works on plain dataclasses and knows nothing of MkDocs.
"""

__version__ = "0.1.0"
