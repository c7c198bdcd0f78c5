"""build() and check() top to bottom; staged, atomic, manifest-keeping writes."""
