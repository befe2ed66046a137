"""Synthetic, deterministic demo data: visits of Vietnamese citizens to a support counter.

Rows go straight into the tables through Core bulk inserts (batches of about 2,000 visits,
one commit each) instead of :class:`~kiosk.services.visits.transactions.TransactionLog`, so
100,000 visits take well under a minute on SQLite. The data keeps the rules the real flow
keeps:

- every ID number is valid: a real province code, a century/gender digit that agrees with
  the birth year and gender, ``YY`` equal to the birth year's last two digits;
- visits on weekdays, 07:30–11:30 and 13:00–17:00 Vietnam time, 5–40 minutes long;
- receipt numbers in finishing order per day, continuing a day's existing sequence, and
  ``receipt_sequences`` left at the last number used, so real finishes carry on;
- days already closed for the counter are **skipped** (a closed day is read-only);
  :class:`InputError` when every day of the range is closed;
- open (unfinished) visits on the last day only; a few corrections of earlier visits;
- a returning citizen keeps one row, matched by the keyed ID hash (also against citizens
  already in the database); one consent per identified visit, as in the real flow.

Demo helpers are created only when the database has no helper at all. Their PINs are
random and shown to nobody: ``kiosk helper reset-pin demo.lan`` sets one to sign in.

The same seed, arguments and starting database give the same data, except the values that
are random by design (UUIDs, ciphertext nonces, PIN hashes).

- :mod:`.population`: names, ages, ID numbers (:func:`synthetic_citizen`);
- :mod:`.visits`: what happens at the counter (services, outcomes, details, corrections);
- :mod:`.days`: a day's shape (how many visits, when, receipts in finishing order);
- :mod:`.writer`: the bulk inserts; :mod:`.seeding`: :func:`seed_demo`, checks and set-up.
"""

from kiosk.tools.demo.population import FAMILY_NAMES, id_number, synthetic_citizen
from kiosk.tools.demo.seeding import DEMO_HELPERS, DemoResult, seed_demo

__all__ = [
    "DEMO_HELPERS",
    "FAMILY_NAMES",
    "DemoResult",
    "id_number",
    "seed_demo",
    "synthetic_citizen",
]
