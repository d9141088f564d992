"""The rules the RDS API enforces on backup and maintenance windows, checked before deploying.

RDS refuses (at create or modify time, after the rest of the stack exists) a backup or maintenance
window shorter than 30 minutes, and a backup window overlapping the maintenance window. The backup
window is daily (`hh:mm-hh:mm`), the maintenance window weekly (`ddd:hh:mm-ddd:hh:mm`); either may
cross midnight (and the maintenance window the end of the week).
"""

from __future__ import annotations

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = 24 * 60
_WEEK = 7 * _DAY
MINIMUM_MINUTES = 30


def _minutes(hh_mm: str) -> int:
    hours, minutes = hh_mm.split(":")
    return int(hours) * 60 + int(minutes)


def _weekly(at: str) -> int:
    """Minutes since Monday 00:00 of `ddd:hh:mm`."""
    day, hh_mm = at.split(":", 1)
    return _DAYS.index(day) * _DAY + _minutes(hh_mm)


def _span(start: int, end: int, period: int) -> int:
    return (end - start) % period


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two intervals [start, start + length) of a week intersect, minute by minute."""
    a_minutes = {(a[0] + i) % _WEEK for i in range(a[1])}
    return any((b[0] + i) % _WEEK in a_minutes for i in range(b[1]))


def window_problem(backup: str, maintenance: str) -> tuple[str, str] | None:
    """(field to change, rule in words) for windows RDS would refuse, or None."""
    backup_start, backup_end = (_minutes(t) for t in backup.split("-"))
    backup_length = _span(backup_start, backup_end, _DAY)
    if backup_length < MINIMUM_MINUTES:
        return "backupWindow", "allowed: at least 30 minutes (RDS's minimum), e.g. 02:00-03:00"
    start_text, end_text = maintenance[:9], maintenance[10:]
    maintenance_start = _weekly(start_text)
    maintenance_length = _span(maintenance_start, _weekly(end_text), _WEEK)
    if maintenance_length < MINIMUM_MINUTES:
        return (
            "maintenanceWindow",
            "allowed: at least 30 minutes (RDS's minimum), e.g. sun:03:30-sun:04:30",
        )
    maintenance_span = (maintenance_start, maintenance_length)
    if _daily_overlaps(backup_start, backup_length, maintenance_span):
        free = next((h for h in range(24) if not _daily_overlaps(h * 60, 60, maintenance_span)), 0)
        return (
            "backupWindow",
            f"allowed: a window that does not overlap database.maintenanceWindow "
            f"({maintenance}), as RDS requires, e.g. {free:02d}:00-{(free + 1) % 24:02d}:00",
        )
    return None


def _daily_overlaps(start: int, length: int, weekly: tuple[int, int]) -> bool:
    """Whether a daily window [start, start + length) meets a weekly one on any day."""
    return any(_overlaps((day * _DAY + start, length), weekly) for day in range(7))
