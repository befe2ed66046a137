"""Text engines with no other dependency: the Telex/VNI input method."""
