"""Media: a media file in VOD, made from a local file or a URL (vodops.resources.media, its spec
model, says how). Its identity is a marker in SourceContext (vodops/media/marker.py): the kind
reads its listing itself (`read`), finds it by search (`list_all`), makes it by upload or pull
(`make`) and changes it with ModifyMediaInfo (`modify`), all in vodops/media/. The content, the
storage region and the procedure are replaced; media are deleted only when the project lists
Media in `safety.deleteKinds`, each delete named with --allow-delete (or --force).
"""

from __future__ import annotations

from vodops.media import declared
from vodops.media.search import uploaded
from vodops.resources.kind import Identity, Kind, Schedule, Wire

MEDIA = "Media"
PAST_EXPIRY = (
    "VOD deletes a media file when its expireTime passes, so vodops does not send it "
    "(set a later one, or remove it and opt in to deleting Media)"
)


def _media_name(name: str) -> str | None:
    """MediaName: at most 64 characters (api.json ApplyUpload; ModifyMediaInfo Name)."""
    return f"is {len(name)} characters; media names can be at most 64" if len(name) > 64 else None


KIND = Kind(
    MEDIA,
    "vodops.resources.media:MediaSpec",
    Wire(
        "SearchMedia",
        "MediaInfoSet",
        True,
        "ApplyUpload",
        "ModifyMediaInfo",
        "DeleteMedia",
        "FileId",
        "FileId",
        "FileIds",
        name_field="MediaName",  # as ApplyUpload and PullUpload take it
        marker_field="SourceContext",  # set at creation only (vodops/media/marker.py)
    ),
    _media_name,
    folder="media",
    identity=Identity.ASSIGNED,
    is_preset=lambda raw: False,
    immutable=("source", "storageRegion", "procedure"),
    export_prefix="media",
    list_all=uploaded,
    read=declared.read,
    prepare=declared.prepare,
    make=declared.make,
    modify=declared.modify,
    adoptable=False,  # SourceContext is set at creation only: media vodops did not make stay foreign
    delete_opt_in=True,
    brake_each_delete=True,
    only_when_declared=("cover",),
    # VOD deletes a media file once its ExpireTime passes: a past one is never sent (plan/schedule.py)
    schedule=Schedule(None, "expireTime", past=PAST_EXPIRY),
    export_spec=declared.export_spec,
)
