"""Each kind's declaration (`vodops.resources.kind.Kind`): the `KIND` of one module per kind,
registered in `vodops.registered`. A declaration says what listing, matching, normalizing,
planning and applying need of the kind's objects, and names its spec model (vodops/resources/)
without importing it: a plan builds the pydantic models of the kinds its manifests declare only.
"""
