"""The site graph: every page, URL, grouping, order and label, in Python."""
