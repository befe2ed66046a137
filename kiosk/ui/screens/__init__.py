"""One module per screen. A screen renders the state it is given and emits intent signals."""
