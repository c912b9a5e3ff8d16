"""vodops.yaml: project settings beside the manifests (optional). Validated like a manifest."""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, PrivateAttr, ValidationError
from pydantic_core import PydanticCustomError

from vodops.cloud.endpoint import Endpoint
from vodops.cloud.names import LIVE_REGIONS, PROFILE_PATTERN, REGION_PATTERN, SUB_APP_ID_MAX
from vodops.discovery import settings_file
from vodops.errors import Location, ManifestError, Problem, SettingsError
from vodops.localfiles import LocalFileError, read_text
from vodops.manifest.messages import SAID, field_problems
from vodops.manifest.yamlpos import Document, load_documents
from vodops.ownership import STACK_PATTERN
from vodops.resources import DEPENDENCY_ORDER, QUOTAS
from vodops.resources.base import Path, Spec
from vodops.resources.fields import Pattern, Range

LOCAL = "local"


Region = Annotated[str, Pattern(f"^{REGION_PATTERN.pattern}$", "a region id like ap-guangzhou")]
StackName = Annotated[
    str,
    Pattern(
        f"^{STACK_PATTERN.pattern}$",
        "1 to 32 letters, digits, '_', '.' or '-', starting with a letter or digit, like media-platform",
    ),
]
SubAppId = Annotated[int, Range(1, SUB_APP_ID_MAX)]
# CreateSubAppId: Name, 1 to 40 characters (api.json 2018-07-17).
AppName = Annotated[str, Field(min_length=1, max_length=40)]
Parallelism = Annotated[int, Range(1, 64, "calls in flight")]
# A plan's first round of listing is one call per kind it reads (15 VOD kinds and SearchMedia):
# at 16 they all go at once. The per-action rate limit (rateLimit, default 100/s) still holds
# every action to the API's documented limit, however many calls are in flight.
DEFAULT_PARALLELISM = 16
DIALECT_2018 = "2018-07-17"
DIALECT_2017 = "2017"  # the legacy API of seed 004 (reference/legacy-api-2017.md)
# `dialect: 2017` unquoted is a YAML integer; it can only mean the legacy dialect.
Dialect = Annotated[
    Literal["2018-07-17", "2017"], BeforeValidator(lambda value: "2017" if value == 2017 else value)
]


def _endpoint(text: str) -> str:
    """`text` when Endpoint.parse takes it (as --endpoint is checked), so validate refuses what a
    plan could not use; else its words, which name the text (but never a password in it)."""
    try:
        Endpoint.parse(text)
    except SettingsError as error:
        raise PydanticCustomError(SAID, "{said}", {"said": str(error)}) from None
    return text


EndpointText = Annotated[str, Field(min_length=1), AfterValidator(_endpoint)]


LiveRegion = Annotated[
    str, Pattern(f"^({'|'.join(LIVE_REGIONS)})$", "a region the live API serves: " + ", ".join(LIVE_REGIONS))
]


class LiveSettings(Spec):
    """Where a target's live API 2018-08-01 calls go (LivePullStreamTask)."""

    endpoint: EndpointText | None = Field(
        default=None,
        description="live API host (default live.tencentcloudapi.com for a Tencent endpoint; for any "
        "other, such as an emulator, the target's endpoint: one emulator serves both APIs)",
    )
    region: LiveRegion | None = Field(
        default=None, description="the region live calls name (default: the target's region)"
    )


class TargetSettings(Spec):
    """One target: where the VOD API is, which sub-application, and how to call it."""

    endpoint: EndpointText | None = Field(
        default=None,
        description="API host (default vod.tencentcloudapi.com; vod.api.qcloud.com for dialect 2017), "
        "or http://host:port for an emulator",
    )
    region: Region | None = Field(default=None, description="region id, like ap-guangzhou")
    sub_app_id: SubAppId | None = Field(
        default=None, description="the VOD sub-application by id (default: the main one)"
    )
    sub_app: AppName | None = Field(
        default=None,
        description="the VOD sub-application by name, found with DescribeSubAppIds (or created "
        "by apply when a SubApplication of that name is declared); not with subAppId",
    )
    parallelism: Parallelism | None = Field(
        default=None, description="API calls in flight at once, 1 to 64 (default 16)"
    )
    dialect: Dialect | None = Field(
        default=None,
        description='API dialect: "2018-07-17" (default) or "2017", the legacy API at /v2/index.php',
    )
    rate_limit: Annotated[float, Range(0.1, 10_000, "calls per second")] | None = Field(
        default=None,
        description="API calls per action: per second for 2018-07-17, per minute for 2017 "
        "(default 100, each dialect's documented limit)",
    )
    profile: (
        Annotated[
            str,
            Pattern(
                f"^{PROFILE_PATTERN.pattern}$",
                "a tccli profile name (letters, digits, '_', '-', '.'), not a path",
            ),
        ]
        | None
    ) = Field(
        default=None, description="tccli profile to read credentials from when the environment has none"
    )
    live: LiveSettings | None = Field(
        default=None, description="where the live API 2018-08-01 goes (LivePullStreamTask): endpoint, region"
    )


class DeleteLimits(Spec):
    """The most deletions a plan may hold before apply refuses it without --allow-delete or
    --force."""

    max_deletes: Annotated[int, Range(0)] | None = Field(
        default=None, description="most objects a plan may delete (default: no absolute limit)"
    )
    max_delete_percent: Annotated[float, Range(0, 100, "%")] | None = Field(
        default=None, description="most managed objects, in percent, a plan may delete"
    )


if TYPE_CHECKING:
    KindName = str
    QuotaKind = str
else:  # the registry's names, validated (and listed in the schema) as a Literal would be
    KindName = Literal[tuple(DEPENDENCY_ORDER)]  # what plans delete: never applications or settings
    QuotaKind = Literal[tuple(QUOTAS)]


class Safety(DeleteLimits):
    """Limits on deletes, overall and per kind, and the kinds vodops may delete at all."""

    max_delete_percent: Annotated[float, Range(0, 100, "%")] | None = Field(
        default=30, description="most managed objects a plan may delete, in percent (default 30; null: none)"
    )
    kinds: dict[KindName, DeleteLimits] = Field(
        default_factory=dict, description="limits for one kind's deletes, checked besides the overall ones"
    )
    delete_kinds: list[KindName] = Field(
        default_factory=list,
        description="kinds vodops never deletes unless listed here (Media: deleting media is irreversible)",
    )


class DriftSettings(Spec):
    """What drift and watch also report: objects no stack owns, under names vodops manages."""

    names: list[Annotated[str, Field(min_length=1, max_length=256)]] = Field(
        default_factory=list,
        description="globs (`*`, `?`, `[...]`) of names where vodops manages: an object with no marker "
        "that no manifest declares is reported by drift as made outside vodops (default: none)",
    )


class Settings(Spec):
    """vodops.yaml: the project's stack, targets, safety limits, drift names and quotas."""

    stack: StackName = Field(
        default="default", description="the name in the ownership marker [vodops:<stack>]"
    )
    default_target: str = Field(default=LOCAL, description="the target commands use without --target")
    targets: dict[str, TargetSettings] = Field(
        default_factory=dict, description="named places to plan and apply against (local always exists)"
    )
    prune: bool = Field(default=True, description="false: never delete anything, only create and update")
    safety: Safety = Field(
        default_factory=Safety.model_construct, description="limits on deletes; apply refuses past them"
    )
    drift: DriftSettings = Field(
        default_factory=DriftSettings.model_construct,
        description="what `vodops drift` and `vodops watch` also report",
    )
    quotas: dict[QuotaKind, Annotated[int, Field(ge=1)]] = Field(
        default_factory=dict,
        description="custom objects per sub-application where a ticket raised the quota (default: the "
        "documented 100 transcode templates, 1000 watermark templates, 50 procedures)",
    )
    _document: Document | None = PrivateAttr(default=None)  # where each setting was written

    def written(self, path: Path) -> str:
        """The setting at `path` (("targets", "prod", "subAppId")) with where it was written, for
        errors about its value: `vodops.yaml:5:5: targets.prod.subAppId` (without the file and
        position when there is no settings file)."""
        dotted = ".".join(str(step) for step in path)
        return f"{self._document.locate(path)}: {dotted}" if self._document else dotted


def default_settings() -> Settings:
    """The settings of a project without a settings file. The defaults are valid as declared:
    they are not validated, which would build the models' validators (tens of ms at start-up)."""
    return Settings.model_construct()


def load_settings(directory: FsPath) -> Settings:
    """The settings in `directory`, or the defaults when there is no settings file."""
    file = settings_file(directory)
    if file is None:
        return default_settings()
    document = _one_document(file)
    raw = document.value if document else {}
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as error:
        located = [
            Problem(f"{_dotted(path)}: {message}", _where(document, file, path))
            for path, message in field_problems(error, Settings, raw)
        ]
        raise ManifestError(located) from None
    _check_targets(settings, document, file)
    settings._document = document
    return settings


def _one_document(file: FsPath) -> Document | None:
    """The settings document of `file`; more than one document is an error, not ignored."""
    try:
        text = read_text(file)
    except LocalFileError as error:
        raise ManifestError([Problem(f"this file {error}", Location(str(file)))]) from None
    documents, problems = load_documents(text, str(file))
    problems.extend(
        Problem(
            f"{file.name} holds one document; this is document {n} (remove it or the '---' before it)",
            d.locate(()),
        )
        for n, d in enumerate(documents[1:], start=2)
    )
    if problems:
        raise ManifestError(problems)
    return documents[0] if documents else None


def _check_targets(settings: Settings, document: Document | None, file: FsPath) -> None:
    """What the fields' types cannot say: `local` is taken, one application per target, and
    defaultTarget names a target. Each problem is located at the key it names."""
    problems: list[tuple[Path, str]] = []
    if LOCAL in settings.targets:
        problems.append(
            (("targets", LOCAL), f"{LOCAL!r} is the built-in emulator target; choose another name")
        )
    problems.extend(
        (("targets", name), "give subAppId or subApp, not both (one application per target)")
        for name, target in settings.targets.items()
        if target.sub_app_id is not None and target.sub_app is not None
    )
    known = {LOCAL, *settings.targets}
    if settings.default_target not in known:
        names = ", ".join(sorted(known))
        problems.append((("defaultTarget",), f"no target named {settings.default_target!r} (known: {names})"))
    if problems:
        raise ManifestError(
            [Problem(f"{_dotted(path)}: {said}", _where(document, file, path)) for path, said in problems]
        )


def _where(document: Document | None, file: FsPath, path: Path) -> Location:
    """Where the setting at `path` was written (the whole file when it holds no document)."""
    return document.locate(path) if document else Location(str(file))


def _dotted(path: Path) -> str:
    return ".".join(str(step) for step in path) or "vodops.yaml"
