"""Application-wide settings, one of each per application: the event notification config
(Describe/ModifyEventConfig) and the default distribution config
(Describe/ModifyDefaultDistributionConfig), as api.json 2018-07-17 defines their requests."""

from __future__ import annotations

from ..checks import ON_OFF, length, matches, one_of
from ..schema import string
from .common import request

_SWITCHES = (
    "UploadMediaCompleteEventSwitch",
    "DeleteMediaCompleteEventSwitch",
    "PersistenceCompleteEventSwitch",
)
EVENT_FIELDS = ("Mode", "NotificationUrl", *_SWITCHES)
URL = matches(r"(https?://\S+)?", "an http:// or https:// address, or empty to clear it")
MODIFY_EVENTS = request(
    "ModifyEventConfig",
    string("Mode", one_of("PUSH", "PULL"), code="InvalidParameter"),
    string("NotificationUrl", URL, length(0, 512), code="InvalidParameter"),
    *(string(name, ON_OFF, code="InvalidParameter") for name in _SWITCHES),
    string(
        "SignKey", matches(r"[A-Za-z0-9]{0,32}", "at most 32 letters and digits"), code="InvalidParameter"
    ),
)
DESCRIBE_EVENTS = request("DescribeEventConfig")

PLAY_KEY = matches(r"[A-Za-z0-9]{8,20}", "8 to 20 letters and digits")
MODIFY_DISTRIBUTION = request(
    "ModifyDefaultDistributionConfig",
    string("Domain"),
    string("Scheme", one_of("HTTP", "HTTPS"), code="InvalidParameterValue.Scheme"),
    string("PlayKey", PLAY_KEY, code="InvalidParameterValue"),
)
DESCRIBE_DISTRIBUTION = request("DescribeDefaultDistributionConfig")
