"""Tools for people who try the kiosk: demo data."""
