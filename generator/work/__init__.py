"""What derived work runs on, below every cache: the workers, and whole-file writes."""
