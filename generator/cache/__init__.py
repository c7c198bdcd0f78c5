"""What saves time between runs: keys, the store, drawn files, rendered pages."""
