"""An application a target names by id that the account does not have.

The API refuses every call for such a SubAppId (FailedOperation.InvalidVodUser, as the emulator
answers; InvalidParameterValue.SubAppId, "invalid subappid", as the cloud has been seen to answer),
and the first call a command makes (DescribeAllClass for a plan, the apply lock's create) told
the user only that. Here, once DescribeSubAppIds confirms the account lacks the id, that refusal
becomes one error naming the id and where it was written, and what to do. No call is added while
the id is right: the account is asked only after such a refusal.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from vodops.application.wire import list_applications
from vodops.cloud.client import Caller
from vodops.cloud.vod import VodApi
from vodops.errors import ApiError, SettingsError, VodopsError

REFUSALS = frozenset({"FailedOperation.InvalidVodUser", "InvalidParameterValue.SubAppId"})


def unknown_application(sub_app_id: int, given: str, refusal: str = "") -> SettingsError:
    """The error of `sub_app_id`, written at `given` (`vodops.yaml:3:9: targets.prod.subAppId`
    or `--sub-app-id (VODOPS_SUB_APP_ID)`), which DescribeSubAppIds does not list; `refusal` is
    the code the API refused it with, which made vodops ask. (Not the action: listings run at
    once, and which of them is refused first varies.)"""
    because = f"the API refuses it with {refusal}, and " if refusal else ""
    return SettingsError(
        f"{given}: the account has no application with SubAppId {sub_app_id} ({because}DescribeSubAppIds "
        "does not list it): correct the id (DescribeSubAppIds and the VOD console list the account's "
        "applications), or name the application by its name (subApp, --sub-app)"
    )


class CheckedApplication:
    """A Caller for a target that names its application by id (`sub_app_id`, written at `given`):
    a call for that id refused as one for an application the account lacks raises SettingsError
    (unknown_application) when DescribeSubAppIds does not list the id, else the API's ApiError.
    The account is asked once; calls refused meanwhile on other threads wait for its answer."""

    def __init__(self, inner: Caller, sub_app_id: int, given: str) -> None:
        self._inner = inner
        self._id = sub_app_id
        self._given = given
        self._lock = threading.Lock()
        self._listed: bool | None = None  # whether DescribeSubAppIds lists the id, once asked

    def call(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """The inner caller's answer; raises its errors, but SettingsError for a refused id the
        account does not list."""
        try:
            return self._inner.call(action, params)
        except ApiError as error:
            if error.code in REFUSALS and params.get("SubAppId") == self._id and not self._is_listed():
                raise unknown_application(self._id, self._given, error.code) from None
            raise

    def fetch(self, url: str) -> bytes:
        """The inner caller's download of `url`."""
        return self._inner.fetch(url)

    def _is_listed(self) -> bool:
        """Whether the account lists the id; True when it cannot be asked (the refusal stands)."""
        with self._lock:
            if self._listed is None:
                try:
                    applications = list_applications(VodApi(self._inner, None))
                except VodopsError:
                    return True  # not allowed to list (CAM), say: the API's own answer is all there is
                self._listed = any(app.get("SubAppId") == self._id for app in applications)
            return self._listed
