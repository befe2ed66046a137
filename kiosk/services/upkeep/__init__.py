"""Keeping a counter healthy: backups and the doctor's checks."""
