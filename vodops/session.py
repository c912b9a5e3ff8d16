"""The pipeline in one place: manifests -> desired, live -> plan -> apply. The CLI only calls this.

What plans, applies and reports drift is imported by the method that uses it: a session reads
the account from the moment it opens (vodops/readahead.py), and that import is made meanwhile,
while the read waits for the API, instead of before the read starts.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vodops.application.locate import Application, Declaration, locate
from vodops.application.wire import APPLICATION
from vodops.apply.lock import CREATION_LOCK_NAME, ApplyLock, LockError
from vodops.cloud.retry import Observer
from vodops.cloud.vod import VodApi
from vodops.desired import DesiredResource, desired_state
from vodops.errors import SettingsError
from vodops.live import LiveState, read_live
from vodops.logs import api_observer, tee
from vodops.media.transfers import TransferProgress
from vodops.project import Project, check_dialect, load_project
from vodops.readahead import ReadAhead
from vodops.resources import APPLICATION_LEVEL, DEPENDENCY_ORDER
from vodops.targets import Target, TargetChoice, connect, resolve_target

if TYPE_CHECKING:  # imported where used, once the account's read has started (see above)
    from vodops.apply.run import Consent, Outcome, Progress
    from vodops.drift.report import DriftReport
    from vodops.plan.build import Policy
    from vodops.plan.changes import Plan
    from vodops.refs import References

Notes = Callable[[tuple[str, ...]], None]  # told what the manifests were not read from, and why


@dataclass
class Session:
    """One target, connected: plans against its live state and applies to it."""

    project: Project
    target: Target
    desired: tuple[DesiredResource, ...]
    api: VodApi
    application: Application = field(default_factory=lambda: Application("default"))
    _refs: References | None = None
    _live: LiveState | None = None
    _claim: Callable[[], None] = lambda: None  # takes the lock of the application apply creates
    _ahead: ReadAhead | None = None  # the account, being read since the session opened

    def plan(self, only: frozenset[str] = frozenset(), prune: bool | None = None) -> Plan:
        """The plan for the manifests against the account read now (the first plan: read since
        the session opened); `prune` overrides the settings' (drift plans with it on, to see what
        nothing declares)."""
        from vodops.application.plan import scope_parts
        from vodops.plan.build import Policy
        from vodops.plan.guards import guarded

        settings = self.project.settings
        declared = {item.kind for item in self.desired}
        ahead, self._ahead = self._ahead, None
        if self.application.pending:  # a new application is empty: nothing to read
            self._live = LiveState((), read=False)
        elif ahead is not None:
            self._live = ahead.take()
        else:
            self._live = read_live(self.api, _kinds(self.api, declared))
        pruning = settings.prune if prune is None else prune
        contents, own = scope_parts(only, self.desired)
        policy = Policy(prune=pruning, safety=settings.safety, only=contents, now=self.api.now())
        documented = self.api.quotas if self.api.quotas is not None else policy.quotas
        raised = {str(kind): limit for kind, limit in settings.quotas.items()}
        listed = {k: n for k, n in self.api.listed_quotas.items() if k in declared or self._live.of_kind(k)}
        policy = replace(policy, quotas={**documented, **listed, **raised})
        plan, self._refs = self._build(policy)
        # The legacy API has no media search (and vodops makes no media there): no guard to ask.
        protected = frozenset() if self.target.legacy else guarded(plan, self.api.call_app)
        if protected:  # plan again, keeping what the API would refuse to delete
            plan, self._refs = self._build(replace(policy, protected=protected))
        if only and not contents:  # --only names the application's own declarations only
            plan = replace(plan, changes=())
        return self._with_application(plan, only, own)

    def _build(self, policy: Policy) -> tuple[Plan, References]:
        """The plan of the application's contents (its own settings are planned apart)."""
        from vodops.plan.build import build_plan

        assert self._live is not None
        settings = self.project.settings
        return build_plan(
            tuple(d for d in self.desired if d.kind not in APPLICATION_LEVEL),
            self._live,
            stack=settings.stack,
            target=self.target.name,
            sub_app_id=self.target.sub_app_id,
            policy=policy,
        )

    def _with_application(self, plan: Plan, only: frozenset[str], own: frozenset[str]) -> Plan:
        """`plan` after the application's own changes, which run first (vodops/application/);
        with --only, those it names (all of them while the application is to be created)."""
        from vodops.application.plan import application_changes, pending_note

        changes, notes = application_changes(self.application, self.desired, self.api)
        if only and not self.application.pending:
            changes = [change for change in changes if change.address in own]
        first = (pending_note(self.application),) if self.application.pending else ()
        notes = [*first, *notes, *plan.notes]
        return replace(plan, changes=(*changes, *plan.changes), notes=tuple(notes), scope=tuple(sorted(only)))

    def drift(self) -> DriftReport:
        """What moved in the account since vodops last wrote it (vodops/drift/report.py)."""
        from vodops.drift.report import find_drift

        made = self.plan(prune=True)
        assert self._live is not None and self._refs is not None
        names = self.project.settings.drift.names
        return find_drift(made, self._live, self._refs, self.desired, names)

    def document(self, plan: Plan, created_at: str | None = None) -> dict[str, Any]:
        """The plan as the versioned JSON document `--out` saves (made now, unless `created_at`)."""
        from vodops.plan.document import now_utc, plan_document

        assert self._refs is not None and self._live is not None, "document the plan this session made"
        return plan_document(plan, self.target, self._live, self._refs, created_at or now_utc())

    def verify(self, saved: dict[str, Any], plan: Plan) -> tuple[str, ...]:
        """Check a saved plan against `plan`, made by this session; the saved changes already done."""
        from vodops.plan.verify import verify

        assert self._live is not None, "verify against the plan this session made"
        derived = self.document(plan)
        return verify(saved, derived, plan, self.desired, self._live, self.project.settings.safety)

    @contextmanager
    def locked(self, wait: float, notify: Callable[[str], None]) -> Iterator[None]:
        """Hold the target's apply lock (vodops/apply/lock.py), waiting up to `wait` seconds for
        another apply to finish; raises LockError naming the holder when it does not.

        An application the project declares may be created by an apply: the account's default
        application holds the lock of creating applications (CREATION_LOCK_NAME), and every apply
        to a declared application takes that lock before its own. Holding it, an application
        still to be created is looked up again (another apply may have created it meanwhile: this
        one then applies to it); once apply creates it, apply takes its lock before setting
        anything in it and only then lets the account's go, so an apply that finds it just
        created waits until it is filled."""
        if self._ahead is not None:  # read before the lock: another apply may change the account first
            self._ahead.abandon()
            self._ahead = None
        declared = any(d.kind == APPLICATION.name and d.name == self.application.name for d in self.desired)
        if not (self.application.pending or declared):
            with ApplyLock(self.api, wait=wait, notify=notify).held():
                yield
            return
        with ExitStack() as held:
            creation, lock = ExitStack(), functools.partial(ApplyLock, wait=wait, notify=notify)
            held.callback(creation.close)  # released after the application's own lock
            account = self.api.in_application(None)
            creation.enter_context(lock(account, name=CREATION_LOCK_NAME).held())
            if self.application.pending:
                self._locate_again()
            if self.application.pending:
                self._claim = functools.partial(self._claim_created, held, notify)
            else:
                held.enter_context(lock(self.api).held())
                creation.close()  # the application exists: its own lock is enough from here
            yield

    def _locate_again(self) -> None:
        self.application = _application(self.api, self.target, self.desired, named=False)
        self.api.sub_app_id = self.application.sub_app_id
        self.target = replace(self.target, sub_app_id=self.application.sub_app_id)

    def _claim_created(self, held: ExitStack, notify: Callable[[str], None]) -> None:
        """Take the lock of the application apply just created, at once: another apply that found
        it already may have taken it to fill it, and then this one changes nothing more."""
        try:
            held.enter_context(ApplyLock(self.api, wait=0, notify=notify).held())
        except LockError:
            raise LockError(
                f"it was created (SubAppId {self.api.sub_app_id}), but another apply took its lock "
                "first and is filling it: nothing else was changed; run `vodops plan` once it is done"
            ) from None

    def apply(
        self,
        plan: Plan,
        *,
        consent: Consent,
        progress: Progress,
        stop: threading.Event | None = None,
        transfer: TransferProgress | None = None,
    ) -> Outcome:
        """Run `plan`; `transfer` shows media uploads (bytes) and pulls (waits) as they run."""
        from vodops.application.apply import apply_application
        from vodops.apply.run import Outcome, apply_plan

        assert self._refs is not None, "apply runs the plan this session made"
        if transfer is not None:
            self.api.transfers.on_bytes, self.api.transfers.on_wait = transfer.on_bytes, transfer.on_wait
        if stop is not None:
            self.api.transfers.stop = stop  # a Ctrl-C ends the wait for a pull, not only new calls
        first = [change for change in plan.changes if change.kind in APPLICATION_LEVEL]
        rest = replace(plan, changes=tuple(c for c in plan.changes if c.kind not in APPLICATION_LEVEL))
        done, failure = apply_application(first, self.api, progress, self._claim)
        if failure is not None:
            left = [c for c in plan.changes if c not in done and c is not failure[0]]
            return Outcome(done=done, failed=[failure], not_attempted=left)
        parallelism = self.target.parallelism
        outcome = apply_plan(
            rest, self.api, self._refs, consent=consent, progress=progress, parallelism=parallelism, stop=stop
        )
        outcome.done[:0] = done
        return outcome


@contextmanager
def open_session(
    directory: Path,
    choice: TargetChoice | None = None,
    observer: Observer | None = None,
    read_ahead: bool = True,
    notes: Notes = lambda notes: None,
) -> Iterator[Session]:
    """Validate everything first: a bad manifest or setting never causes a single API call.
    `notes` is then told what the manifests were not read from, and why (skipped files), before
    the target is connected: what is said of the manifests comes before any call's log line.
    Then, with `read_ahead`, the account is read (vodops/readahead.py) while the manifests become
    the desired state; apply, which plans only once it holds the lock, reads after."""
    project, manifests = load_project(directory)
    target = resolve_target(project.settings, choice or TargetChoice())
    check_dialect(project, manifests, target.name, target.dialect)
    notes(manifests.notes)
    with open_target(project, choice, observer, manifests.resources) as (target, api, application):
        ahead = None
        if read_ahead and not application.pending:
            kinds = _kinds(api, {item.kind for item in manifests})
            ahead = ReadAhead(api, kinds)
        try:
            desired = desired_state(manifests)
            yield Session(project, target, desired, api, application, _ahead=ahead)
        finally:
            if ahead is not None:
                ahead.abandon()  # if not taken; its calls in flight end before the target's client is closed


def _kinds(api: VodApi, declared: set[str]) -> tuple[str, ...]:
    """The kinds a plan reads: every kind the target serves, and any other the project declares."""
    return tuple(kind for kind in DEPENDENCY_ORDER if api.serves(kind) or kind in declared)


@contextmanager
def open_target(
    project: Project,
    choice: TargetChoice | None = None,
    observer: Observer | None = None,
    declared: Sequence[Declaration] | None = None,
    named: bool = False,
) -> Iterator[tuple[Target, VodApi, Application]]:
    """The target vodops.yaml and `choice` name, connected to the application it addresses
    (vodops/application/locate.py: one named by `subApp` is found by name; one that `declared`
    declares and the account lacks is pending; with `named`, the name of one given by id is
    looked up). Each API call is logged (--verbose) and told to `observer` too (the watcher's
    metrics count them)."""
    target = resolve_target(project.settings, choice or TargetChoice())
    log = api_observer(target.name)
    with connect(target, project.directory, log if observer is None else tee(log, observer)) as api:
        application = _application(api, target, declared, named)
        api.sub_app_id = application.sub_app_id
        yield replace(target, sub_app_id=application.sub_app_id), api, application


def _application(
    api: VodApi, target: Target, desired: Sequence[Declaration] | None, named: bool
) -> Application:
    """The application `target` addresses; `desired` None: the manifests were not read (export,
    unlock), so an application the account lacks cannot be a declared one still to create."""
    if target.legacy and target.sub_app is not None:
        raise SettingsError(
            f"target {target.name!r}: the legacy API (dialect 2017) has no DescribeSubAppIds; give subAppId"
        )
    declared = (
        None if desired is None else {d.name: d.previous_names for d in desired if d.kind == APPLICATION.name}
    )
    named = (named or any(d.kind in APPLICATION_LEVEL for d in desired or ())) and not target.legacy
    given = {"given": target.sub_app_given, "given_id": target.sub_app_id_given}
    return locate(api, target.sub_app, target.sub_app_id, declared, named=named, **given)


@dataclass(frozen=True)
class SavedPlan:
    """A saved plan that agrees with the manifests and the account: `plan` is the one derived
    now (what runs), `done` what the saved plan lists that an earlier apply already did."""

    plan: Plan
    done: tuple[str, ...]
    run: Callable[..., Outcome]


@dataclass(frozen=True)
class LockWait:
    """How long to wait for another apply's lock, and where to say so."""

    seconds: float
    notify: Callable[[str], None]


@contextmanager
def open_saved_plan(
    directory: Path, plan_file: Path, choice: TargetChoice | None, lock: LockWait, notes: Notes
) -> Iterator[SavedPlan]:
    """The saved plan in `plan_file`, re-derived under the target's apply lock from the manifests
    in `directory` and the live account of the target vodops.yaml and `choice` name (never the
    plan's); raises PlanMismatchError or StalePlanError when it does not agree
    (vodops/plan/verify.py), before taking the lock and again holding it, LockError when
    another apply holds the lock."""
    from vodops.application.plan import check_created
    from vodops.plan.document import target_document
    from vodops.plan.planfile import read_plan_file  # its models load only for a saved plan
    from vodops.plan.verify import check_target

    document = read_plan_file(plan_file)
    with open_session(directory, choice, notes=notes) as session:
        check_created(document, session.application)
        check_target(document, target_document(session.target))
        _rederive(session, document)  # a plan refused now costs the account not even a lock
        with session.locked(lock.seconds, lock.notify):
            plan, done = _rederive(session, document)  # again: another apply may have run meanwhile
            yield SavedPlan(plan, done, functools.partial(session.apply, plan))


def _rederive(session: Session, document: dict[str, Any]) -> tuple[Plan, tuple[str, ...]]:
    plan = session.plan(only=frozenset(document["scope"]))
    return plan, session.verify(document, plan)
