"""Helper mode: sign-in and duty, today's visits, the dashboard, accounts and close-day.

``mode`` keeps the state (unlocked or not, where to go back to); ``sign_in``, ``visits``,
``dashboard`` and ``admin`` each drive one part off the GUI thread; ``channel`` drops late
answers; ``context`` holds what they share.
"""

from kiosk.ui.helper_mode.context import CitizenHooks, HelperScreens
from kiosk.ui.helper_mode.mode import UNLOCK_GRACE_S, HelperMode

__all__ = ["UNLOCK_GRACE_S", "CitizenHooks", "HelperMode", "HelperScreens"]
