"""Figures, day close, Z-report, dashboard reads and exports."""
