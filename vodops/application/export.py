"""The application's own manifests for `vodops export`: its `SubApplication` (unless it is the
account's default application, which cannot be declared) and each of its settings, named after
it, with every field the application has. What the setting's spec model does not hold is not
configuration and stays out (the distribution `PlayKey`, the event `SignKey`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vodops.application.locate import Application
from vodops.application.wire import SETTINGS, listed_spec
from vodops.cloud.vod import VodApi
from vodops.manifest import API_VERSION
from vodops.resources.application import SUB_APPLICATION

EXPORTED = (SUB_APPLICATION, *SETTINGS)


def application_documents(
    app: Application, api: VodApi, kinds: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    """kind -> the documents of `app` of that kind (of `kinds`)."""
    documents: dict[str, list[dict[str, Any]]] = {}
    if SUB_APPLICATION in kinds:
        spec = {k: v for k, v in listed_spec(app.listed).items() if v} if app.listed is not None else None
        documents[SUB_APPLICATION] = [] if spec is None else [_document(SUB_APPLICATION, app.name, spec)]
    for kind in (kind for kind in SETTINGS if kind in kinds):
        documents[kind] = [_document(kind, app.name, SETTINGS[kind].read(api, {}))]
    return documents


def _document(kind: str, name: str, spec: dict[str, Any]) -> dict[str, Any]:
    document: dict[str, Any] = {"apiVersion": API_VERSION, "kind": kind, "metadata": {"name": name}}
    return {**document, "spec": spec} if spec else document
