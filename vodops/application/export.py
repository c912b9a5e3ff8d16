"""The application's own manifests for `vodops export`: the application (unless it is the
account's default one, which cannot be declared) and each of its settings, named after it, with
every field it has. What a setting's spec model does not hold is not configuration and stays out
(the distribution `PlayKey`, the event `SignKey`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vodops.application.locate import Application
from vodops.application.wire import APPLICATION, listed_spec, read_setting
from vodops.cloud.vod import VodApi
from vodops.manifest import API_VERSION
from vodops.resources import APPLICATION_LEVEL


def application_documents(
    app: Application, api: VodApi, kinds: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    """kind -> the documents of `app` of that kind, for each application-level kind of `kinds`."""
    documents: dict[str, list[dict[str, Any]]] = {}
    for kind in (kind for kind in APPLICATION_LEVEL if kind in kinds):
        if kind != APPLICATION.name:
            documents[kind] = [_document(kind, app.name, read_setting(api, kind, {}))]
        elif app.listed is not None:
            spec = {k: v for k, v in listed_spec(app.listed).items() if v}
            if APPLICATION.export_spec is not None:
                spec = APPLICATION.export_spec(spec, app.listed)[0]
            documents[kind] = [_document(kind, app.name, spec)]
        else:
            documents[kind] = []
    return documents


def _document(kind: str, name: str, spec: dict[str, Any]) -> dict[str, Any]:
    document: dict[str, Any] = {"apiVersion": API_VERSION, "kind": kind, "metadata": {"name": name}}
    return {**document, "spec": spec} if spec else document
