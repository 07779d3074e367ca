"""speclint-house: an example plugin package (see checks.py and speclint.yaml)."""
