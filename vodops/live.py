"""The live account as vodops sees it: every object of every kind, read leniently.

Specs come back in manifest spelling (`videoTemplate`, not `VideoTemplate`), with identity and
server bookkeeping fields removed and the ownership marker split off the comment. Server quirks
are left for `normalize` to undo, so that the same tables serve both sides of a diff.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from vodops.apply.lock import LOCK_KIND, is_ticket
from vodops.cloud.vod import LiveId, VodApi
from vodops.gcpace import unhurried
from vodops.ownership import Owner, content_digest, split_comment, url_tag
from vodops.resources import DEPENDENCY_ORDER, KINDS
from vodops.resources.base import manifest_key, rekey
from vodops.resources.kind import Kind, Nodes


@dataclass(frozen=True)
class LiveResource:
    """One object the account holds, as read: `spec` in manifest spelling, `raw` as the API
    answered it, `owner` from its marker (None: no vodops stack owns it), `preset` for the
    system's own."""

    kind: str
    name: str  # the object's Name; a tree node's path
    id: LiveId  # the id the wire names it by (Definition, ClassId), or the Name of a kind keyed by name
    spec: dict[str, Any]
    owner: Owner | None
    preset: bool
    raw: dict[str, Any]
    previous_name: str | None = None  # a class's path before the plan's renames (plan/rename.py)
    state: str | None = None  # what it is doing, for kinds that say (a relay: "running", "ended")

    @property
    def label(self) -> str:
        return f"{self.kind} {self.name!r} (id {self.id})"


@dataclass(frozen=True)
class LiveState:
    """Every live object, with indexes by kind and by (kind, name) so that finding the objects
    of a declaration takes the same time however large the account is. `read` is False for an
    application apply has yet to create: nothing could be listed, so its presets are unknown too."""

    resources: tuple[LiveResource, ...]
    read: bool = True

    def __iter__(self) -> Iterator[LiveResource]:
        return iter(self.resources)

    def of_kind(self, kind: str) -> list[LiveResource]:
        """The objects of `kind`, presets included, in listing order."""
        return list(self._by_kind.get(kind, ()))

    def named(self, kind: str, name: str) -> list[LiveResource]:
        """The objects of `kind` whose name (a class's path) is `name`, presets included."""
        return list(self._by_name.get((kind, name), ()))

    def with_id(self, kind: str, live_id: LiveId) -> LiveResource | None:
        """The custom object of `kind` with id `live_id`, if any."""
        return self._by_id.get((kind, live_id))

    @cached_property
    def _by_kind(self) -> dict[str, list[LiveResource]]:
        found: dict[str, list[LiveResource]] = {}
        for item in self.resources:
            found.setdefault(item.kind, []).append(item)
        return found

    @cached_property
    def _by_name(self) -> dict[tuple[str, str], list[LiveResource]]:
        found: dict[tuple[str, str], list[LiveResource]] = {}
        for item in self.resources:
            found.setdefault((item.kind, item.name), []).append(item)
        return found

    @cached_property
    def _by_id(self) -> dict[tuple[str, LiveId], LiveResource]:
        return {(r.kind, r.id): r for r in reversed(self.resources) if not r.preset}


@unhurried
def read_live(api: VodApi, kinds: tuple[str, ...] | None = None) -> LiveState:
    """One listing per kind (default: every kind of a service the target reaches; paged at the
    API's largest page, pages fetched concurrently): never one call per object, but for kinds
    that say what their objects are doing (see `_with_states`).
    The only other reads are of watermark images whose ImageUrl moved since vodops uploaded them
    (see `_Images`). The apply lock's tickets (vodops/apply/lock.py) are not configuration and
    are left out."""
    resources: list[LiveResource] = []
    kinds = tuple(k for k in DEPENDENCY_ORDER if api.serves(k)) if kinds is None else kinds
    images = _Images(api)
    for kind, listed in api.list_kinds(kinds).items():
        raw = [item for item in listed if not (kind == LOCK_KIND and is_ticket(item))]
        declared = KINDS[kind]
        if declared.read is not None:
            resources.extend(_read(declared, raw, api))
            continue
        resources.extend(
            _tree(declared, raw) if declared.tree else (_named(declared, r, images) for r in raw)
        )
    images.download()
    return LiveState(tuple(_with_states(resources, api)))


def _with_states(resources: list[LiveResource], api: VodApi) -> list[LiveResource]:
    """Each object of a kind that says what its objects are doing, with its state: judged from the
    listing at the API's time, asking the kind's status action only where the listing cannot tell
    (`parallelism` at once)."""
    stated = [r for r in resources if KINDS[r.kind].state is not None]
    if not stated:
        return resources
    now = api.now()

    def state(found: LiveResource) -> LiveResource:
        judge = KINDS[found.kind].state
        assert judge is not None
        return replace(found, state=judge(found.raw, lambda: api.run_status(found.kind, found.id), now))

    with ThreadPoolExecutor(api.parallelism, thread_name_prefix="vodops-state") as pool:
        judged = dict(zip((id(r) for r in stated), pool.map(state, stated), strict=True))
    return [judged.get(id(r), r) for r in resources]


def _named(kind: Kind, raw: dict[str, Any], images: _Images) -> LiveResource:
    comment, owner = split_comment(str(raw.get(kind.wire.marker_field) or ""))
    shown = {kind.answered_as.get(k, k): v for k, v in raw.items() if k not in kind.not_spec}
    spec = rekey(shown, manifest_key)
    spec[kind.marker_key] = comment
    image = spec.get("imageTemplate")
    if isinstance(image, dict):
        images.file(image, str(image.pop("imageUrl", None) or ""), owner)
    name = raw.get(kind.wire.name_field)
    identity: LiveId = str(name or "") if kind.keyed_by_name else _int(raw.get(kind.wire.id_field))
    if kind.name_in_marker:
        name = (owner.name if owner else None) or ""
    return LiveResource(kind.name, _name(name), identity, spec, owner, kind.is_preset(raw), raw)


def _read(kind: Kind, listed: list[dict[str, Any]], api: VodApi) -> Iterator[LiveResource]:
    """The objects of a kind that reads its listing itself (Kind.read); what it skips is not ours."""
    assert kind.read is not None
    for raw in listed:
        view = kind.read(raw, api.fetch)
        if view is not None:
            yield LiveResource(kind.name, _name(view.name), view.id, view.spec, view.owner, False, raw)


class _Images:
    """Each watermark image as `sha256:<digest>` of its content, which the API never returns. The
    marker's digest is trusted while the ImageUrl is where vodops's upload put it; when the URL
    moved (an image uploaded in the console) or was never recorded, the image is downloaded: each
    URL once, `parallelism` at a time, once the whole listing is read (`download`)."""

    def __init__(self, api: VodApi) -> None:
        self._api = api
        self._wanted: list[tuple[dict[str, Any], str]] = []  # (imageTemplate, its ImageUrl)

    def file(self, image: dict[str, Any], url: str, owner: Owner | None) -> None:
        """Set `image["imageFile"]` now, or when `download` has read the content at `url`."""
        if owner is None or owner.digest is None:
            image["imageFile"] = "(unknown content)"
        elif not url or owner.url_tag == url_tag(url):
            image["imageFile"] = f"sha256:{owner.digest}"
        else:
            image["imageFile"] = None  # holds its place among the keys until downloaded
            self._wanted.append((image, url))

    def download(self) -> None:
        urls = list(dict.fromkeys(url for _, url in self._wanted))
        if not urls:
            return
        with ThreadPoolExecutor(self._api.parallelism, thread_name_prefix="vodops-image") as pool:
            digests = dict(
                zip(urls, pool.map(lambda url: content_digest(self._api.fetch(url)), urls), strict=True)
            )
        for image, url in self._wanted:
            image["imageFile"] = f"sha256:{digests[url]}"


def _tree(kind: Kind, raw: list[dict[str, Any]]) -> Iterator[LiveResource]:
    """The nodes of a tree, each named by its path from the root (a class: "Movies/Action")."""
    by_id = {_int(item.get(kind.wire.id_field)): item for item in raw}
    for node_id, item in by_id.items():
        path = _path(kind.tree_nodes, node_id, by_id)
        yield LiveResource(kind.name, path, node_id, {}, None, kind.is_preset(item), item)


def _path(nodes: Nodes, class_id: int, by_id: dict[int, dict[str, Any]]) -> str:
    names: list[str] = []
    seen: set[int] = set()
    current: dict[str, Any] | None = by_id.get(class_id)
    while current is not None and class_id not in seen:
        seen.add(class_id)
        names.append(_name(nodes.own_name(current)))
        class_id = nodes.parent_id(current)
        current = by_id.get(class_id)
    return "/".join(reversed(names))


def _name(value: Any) -> str:
    """A live name in NFC, the form manifests' names take: "é" is one name however it was typed."""
    return unicodedata.normalize("NFC", str(value or ""))


def _int(value: Any) -> int:
    """Ids arrive as numbers or, for transcode templates, as strings (a documented quirk)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
