"""Qt screens and widgets only; all logic lives in kiosk.services."""
