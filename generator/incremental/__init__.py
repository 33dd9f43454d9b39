"""Incremental builds: how a build decides what to redo, and runs. See the README's "How a build decides what
to redo" for the whole account; each module states the rule it enforces."""
