"""The one exception tree of vodops.

    VodopsError                    every error vodops raises on purpose; the CLI maps it to exit 1
    ├── ManifestError              manifests or vodops.yaml are invalid; carries every Problem found
    │   └── ManifestChangedError   a file they name changed after validation, once the target was
    │                              connected (the account may have been read; nothing was changed)
    ├── SettingsError              a target, credential or setting cannot be used
    │   └── NoCredentialsError     no credentials found anywhere vodops looks
    ├── PlanError                  the live account and the manifests cannot be reconciled
    │                              (duplicates, foreign owners, quotas); carries Problems
    ├── StalePlanError             a saved plan no longer matches the account; carries Problems
    ├── PlanMismatchError          a saved plan is not what the manifests and account produce
    ├── ApiError                   the VOD API answered with an error (code, message, RequestId)
    ├── TransportError             the API could not be reached or the reply was unreadable
    │   └── AnswerError            the API answered, in a form vodops cannot use (never retried)
    ├── ApplyError                 apply stopped part-way; says what was done and what was not
    ├── MediaError                 a media upload or pull failed (COS, a pull task, a timeout)
    └── EmulatorError              the emulator's own failures (bad store, bad settings)

Foreign exceptions (httpx, yaml, sqlite3, pydantic) are translated where they enter vodops.
"""

from __future__ import annotations

from dataclasses import dataclass

from vodops.plural import counted


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: a file and a 1-based line and column (line 0 means the whole file)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line == 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong, with where it is when that is known."""

    message: str
    location: Location | None = None

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    def sort_key(self) -> tuple[str, int, int, str]:
        """(file, line, column, message): the order problems are reported in; an unlocated problem
        sorts first, as file ''."""
        loc = self.location or Location("")
        return (loc.file, loc.line, loc.column, self.message)


class VodopsError(Exception):
    """Root of every error vodops raises on purpose."""


class ProblemsError(VodopsError):
    """An error made of several located problems, all reported at once."""

    headline = "problems found"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.render())

    def render(self) -> str:
        """The message: one line per problem, in `sort_key` order, then '<N> problem(s): <headline>'."""
        lines = [str(p) for p in self.problems]
        return "\n".join([*lines, f"{counted(len(self.problems), 'problem')}: {self.headline}"])


class ManifestError(ProblemsError):
    """The manifests or vodops.yaml are invalid; `problems` holds every one found (file:line). Raised
    before any API call, but for ManifestChangedError."""

    headline = "the manifests are invalid; nothing was sent to the API"


class ManifestChangedError(ManifestError):
    """A file the manifests name (a watermark's image, a media's source or cover) that validation
    read became unusable before vodops read it again, once the target was connected: the account
    may have been read by then, but nothing was changed."""

    headline = "a file the manifests name changed after they were validated; nothing was changed"


class PlanError(ProblemsError):
    """The manifests and the live account cannot be reconciled (duplicate names, foreign owners,
    quotas, dangling references, an --only address that names nothing); nothing was changed."""

    headline = "cannot plan; nothing was changed"


class StalePlanError(ProblemsError):
    """The account changed since a saved plan was made: an object it read changed (vodops.plan.verify),
    or an application it creates exists now; `problems` says which; nothing was changed."""

    headline = "the account changed since the plan was made; nothing was changed. Plan again"


class PlanMismatchError(ProblemsError):
    """A saved plan is not the plan the manifests and the live account produce now
    (vodops.plan.verify): its problems are the stale objects and the changes that differ."""

    headline = (
        "the saved plan is not what the manifests and the live account produce; nothing was changed. "
        "Plan again from the manifests"
    )


class SettingsError(VodopsError):
    """A target, credential or setting in vodops.yaml, the environment or a flag cannot be used; the
    message names it and what to do."""



class NoCredentialsError(SettingsError):
    """No credentials in the environment nor in a tccli profile; the message says where vodops looked."""


class ApiError(VodopsError):
    """An error answer from the VOD API."""

    def __init__(self, action: str, code: str, message: str, request_id: str = "") -> None:
        self.action = action
        self.code = code
        self.message = message
        self.request_id = request_id
        suffix = f" (RequestId {request_id})" if request_id else ""
        super().__init__(f"{action} failed: {code}: {message}{suffix}")


class TransportError(VodopsError):
    """The API was not reached, or its answer could not be read.

    `maybe_sent` is True when the request may have reached the API before the failure (a timeout
    or a dropped connection): its outcome is unknown, and a create must be looked up, not resent.
    `retryable` is False when asking again would fail the same way (a certificate that does not
    verify, a server that is not the API answering 404)."""

    def __init__(self, action: str, reason: str, *, maybe_sent: bool = True, retryable: bool = True) -> None:
        self.action = action
        self.reason = reason
        self.maybe_sent = maybe_sent
        self.retryable = retryable
        super().__init__(f"{action} failed: {reason}")


class AnswerError(TransportError):
    """The API answered, but not in a form vodops can use: not JSON, too large, or a listing,
    count, id or error of the wrong shape. Asking again would get the same answer, so it is
    never retried; for a create the outcome is unknown (`maybe_sent`)."""


class ApplyError(VodopsError):
    """apply refused or stopped: an unsafe plan without consent, adoptions without --adopt, the lock
    held elsewhere (LockError), or an object whose id a later change needs was never created."""



class MediaError(VodopsError):
    """A media file could not be put into VOD: the COS upload failed, a pull task finished with
    an error (its ErrCode and Message), or a pull did not finish in time."""


class EmulatorError(VodopsError):
    """The emulator's own failures: an unusable database or snapshot, invalid knobs, or an admin
    request (/_emulator/...) of the wrong shape."""

