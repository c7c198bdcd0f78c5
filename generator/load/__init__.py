"""Files to a validated Catalog: where content lives, how it is read and checked."""
