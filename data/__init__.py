"""The SQL store: schema, migrations, queries, imports, exports and demonstration data (no Dash)."""
