"""What saves time between runs and cores: keys, the store, shared files, workers."""
