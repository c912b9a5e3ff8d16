"""Drift: how the live account moved away from what vodops last made it, and watching for it.

`record` (the digest of what vodops applied, carried in the ownership marker), `report` (a plan's
changes told apart: made outside vodops, or coming from the manifests), `watch` (plan every
interval, report, heal under the apply lock and the brakes) and `metrics` (what the watcher
exposes to Prometheus).
"""
