"""The visit log: visits, receipt numbers, stuck points."""
