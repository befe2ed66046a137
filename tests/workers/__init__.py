"""Child processes the tests start, and the parent's side of talking to them."""
