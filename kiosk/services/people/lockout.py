"""When a helper may try a PIN again: a few free tries, then waits that grow with each failure.

The count of failures goes on across locks (a lock never sets it back to zero); only a right
PIN, an admin's unlock or a new PIN clears it. Each way in keeps its own count: the kiosk's
screen (:data:`SCREEN`) and the command line (:data:`TERMINAL`), so that someone at the
screen who types wrong PINs for the admin delays the admin's next try at the screen but never
locks the admin out of ``kiosk helper unlock`` at the terminal.
"""

from __future__ import annotations

from datetime import datetime, timedelta

SCREEN = "screen"
TERMINAL = "terminal"
CHANNELS = (SCREEN, TERMINAL)

#: The wait after the first failure past the free tries, after the second, …; the last
#: repeats (never longer than ``longest`` minutes, the ``security.pin_lockout_minutes`` setting).
STEPS_MINUTES = (1, 5, 15, 60, 240)


def wait_after(failures: int, free_tries: int, longest_minutes: int) -> timedelta | None:
    """How long to wait after ``failures`` wrong PINs in a row; ``None`` within the free tries.

    ``failures == free_tries`` is the first wait (1 minute), and each further failure waits
    the next step of :data:`STEPS_MINUTES`, capped at ``longest_minutes``.
    """
    if failures < free_tries:
        return None
    step = STEPS_MINUTES[min(failures - free_tries, len(STEPS_MINUTES) - 1)]
    return timedelta(minutes=min(step, longest_minutes))


def locked(locked_until: datetime | None, now: datetime) -> bool:
    """Whether a lock that ends at ``locked_until`` still holds at ``now``."""
    return locked_until is not None and locked_until > now
