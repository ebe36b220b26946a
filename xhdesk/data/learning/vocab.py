"""Closed vocabularies of learning."""

from __future__ import annotations

COURSEWARE_KINDS = {
    "cloud_lesson": "云端党课",
    "five_minutes": "班前班后五分钟",
    "lecture": "专题讲座",
    "policy": "政策解读",
    "safety": "安全教育",
}
