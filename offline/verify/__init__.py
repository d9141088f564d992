"""Checks over rendered cluster state: the charts' objects plus the program's own, as manifest dicts.

One module per check; each is a pure function returning a list of findings (empty means sound).
"""
