"""Values, the clock, the catalogue and the facts documents print; below services and documents."""
