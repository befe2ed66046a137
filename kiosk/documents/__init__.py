"""Printed documents (receipts) rendered to PDF bytes with reportlab; no Qt here."""
