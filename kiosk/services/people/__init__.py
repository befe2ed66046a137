"""Helpers, citizens' personal data (privacy, retention) and the audit trail."""
