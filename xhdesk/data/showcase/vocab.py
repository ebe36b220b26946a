"""What can be shown (四亮) or set (责任区, 示范岗), for a station or for a member."""

from __future__ import annotations

MARK_KINDS = {
    "flag": "亮旗帜",
    "identity": "亮身份",
    "vehicle": "亮车标",
    "pledge": "亮承诺",
    "area": "党员责任区",
    "post": "先锋示范岗",
}
STATION_KINDS = ("flag", "area", "post")
PERSON_KINDS = ("identity", "vehicle", "pledge", "area", "post")
# The person's own summary fields that follow the latest mark.
PERSON_FIELDS = {"area": "responsibility_area", "post": "pioneer_post"}
