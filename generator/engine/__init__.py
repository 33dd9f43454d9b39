"""The engine edge: hands the produced docs tree to MkDocs. Nothing else knows MkDocs."""
