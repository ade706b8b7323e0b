"""Many reports: parallel builds into the store, year-over-year digests and follow-through."""
