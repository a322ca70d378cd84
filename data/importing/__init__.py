"""Loading the files programme managers have: reading, validating, loading, approving, undoing."""
