"""Use cases and domain rules. Nothing here imports Qt widgets."""
