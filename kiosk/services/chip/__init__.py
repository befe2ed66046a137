"""Reading the chip of a CCCD / Căn cước card: ICAO Doc 9303 over PC/SC (no Qt here).

``bac`` derives the access keys and runs the mutual authentication, ``messaging`` wraps
every command in secure messaging, ``session`` reads the files, ``sod`` and ``trust``
check them (passive authentication), ``datagroups`` decodes DG1 and DG13.
"""
