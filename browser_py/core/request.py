"""What every request handler shares: the one error a reader sees, and "today" and "now"."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from browser_py.core.dates import parse_iso, parse_timestamp
from browser_py.core.i18n import _


class RequestError(ValueError):
    """The request cannot be answered; the message is shown to the reader."""


def request_today(request: Mapping[str, Any]) -> date:
    """The request's ``today`` (``YYYY-MM-DD``), or the device's date when it has none."""
    value = request.get("today")
    if value is None:
        return date.today()
    day = parse_iso(value) if isinstance(value, str) else None
    if day is None:
        raise RequestError(_("'today' must be a date written as YYYY-MM-DD"))
    return day


def request_now(request: Mapping[str, Any]) -> datetime:
    """The request's ``now`` (ISO 8601 with an offset), or the current time in UTC."""
    value = request.get("now")
    if value is None:
        return datetime.now(UTC)
    moment = parse_timestamp(value)
    if moment is None:
        raise RequestError(_("'now' must be an ISO 8601 date and time with an offset"))
    return moment
