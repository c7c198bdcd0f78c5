"""awards serve: the dev server, its watcher and one-page updates."""
