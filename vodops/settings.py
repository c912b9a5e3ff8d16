"""vodops.yaml: project settings beside the manifests (optional). Validated like a manifest."""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Annotated, Literal

from pydantic import Field, ValidationError

from vodops.discovery import settings_file
from vodops.errors import Location, ManifestError, Problem
from vodops.manifest.messages import field_problems
from vodops.manifest.yamlpos import load_documents
from vodops.ownership import STACK_PATTERN
from vodops.resources.base import Path, Spec

LOCAL = "local"


Region = Annotated[str, Field(pattern=r"^[a-z]{2,}-[a-z0-9-]+$")]
SubAppId = Annotated[int, Field(ge=1)]
Parallelism = Annotated[int, Field(ge=1, le=64)]
DEFAULT_PARALLELISM = 10


class TargetSettings(Spec):
    endpoint: Annotated[str, Field(min_length=1)] | None = None
    region: Region | None = None
    sub_app_id: SubAppId | None = None
    parallelism: Parallelism | None = None
    rate_limit: Annotated[float, Field(gt=0, le=10_000)] | None = Field(
        default=None, description="API calls per second per action (default 100, the API's documented limit)"
    )
    profile: Annotated[str, Field(min_length=1)] | None = Field(
        default=None, description="tccli profile to read credentials from when the environment has none"
    )


class DeleteLimits(Spec):
    max_deletes: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="most objects a plan may delete (default: no absolute limit)"
    )
    max_delete_percent: Annotated[float, Field(ge=0, le=100)] | None = Field(
        default=None, description="most managed objects, in percent, a plan may delete"
    )


class Safety(DeleteLimits):
    max_delete_percent: Annotated[float, Field(ge=0, le=100)] | None = Field(
        default=30, description="most managed objects a plan may delete, in percent (default 30; null: none)"
    )
    kinds: dict[
        Literal["MediaClass", "WatermarkTemplate", "TranscodeTemplate", "Procedure"], DeleteLimits
    ] = Field(
        default_factory=dict, description="limits for one kind's deletes, checked besides the overall ones"
    )


class Settings(Spec):
    stack: Annotated[str, Field(pattern=STACK_PATTERN.pattern + "$")] = "default"
    default_target: str = LOCAL
    targets: dict[str, TargetSettings] = Field(default_factory=dict)
    prune: bool = Field(default=True, description="false: never delete anything, only create and update")
    safety: Safety = Field(default_factory=Safety)


def load_settings(directory: FsPath) -> Settings:
    """The settings in `directory`, or the defaults when there is no settings file."""
    file = settings_file(directory)
    if file is None:
        return Settings()
    documents, problems = load_documents(file.read_text(encoding="utf-8"), str(file))
    if problems:
        raise ManifestError(problems)
    document = documents[0] if documents else None
    raw = document.value if document else {}
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as error:
        located = [
            Problem(
                f"{_dotted(path)}: {message}",
                document.locate(path) if document else Location(str(file)),
            )
            for path, message in field_problems(error, Settings, raw)
        ]
        raise ManifestError(located) from None
    _check_targets(settings, file)
    return settings


def _check_targets(settings: Settings, file: FsPath) -> None:
    problems = []
    if LOCAL in settings.targets:
        problems.append(
            Problem(f"targets.{LOCAL}: {LOCAL!r} is the built-in emulator target; choose another name")
        )
    known = {LOCAL, *settings.targets}
    if settings.default_target not in known:
        names = ", ".join(sorted(known))
        message = f"defaultTarget: no target named {settings.default_target!r} (known: {names})"
        problems.append(Problem(message))
    if problems:
        raise ManifestError([Problem(p.message, Location(str(file))) for p in problems])


def _dotted(path: Path) -> str:
    return ".".join(str(step) for step in path) or "vodops.yaml"
