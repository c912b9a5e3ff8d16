"""The request (and echoed output) shapes of every action, declared with `schema.py`.

One module per kind; `common.py` holds what every action shares (SubAppId, paging).
"""
