"""The application stage of the pipeline: before the classes, templates and procedures of an
application are planned and applied, the application itself is.

    locate.py    which application the target addresses: by id, or by name (DescribeSubAppIds),
                 or one that a declared SubApplication will create (pending)
    missing.py   an id the account lacks: the API's refusal of it, said where the id was written
    wire.py      the account-level and singleton kinds on the wire: read, and the request bodies
    plan.py      SubApplication and the settings (singletons) -> Changes, planned first
    apply.py     those Changes run first; a created application's id is bound for the rest
"""
