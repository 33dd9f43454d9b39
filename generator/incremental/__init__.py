"""Incremental builds: how a build decides what to redo. Three primitives (stamp: is this file unchanged;
store: what is kept, checked and keyed; tree: an output folder brought up to date in place), the one table of
paths under .brandsite/, remembered producing steps, and the nothing-changed check. The whole account is
developers/incremental-builds.md; each module states the rule it enforces."""
