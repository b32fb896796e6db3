"""What the suites share that is not a fixture: spec readers, builders, page drivers."""
