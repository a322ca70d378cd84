"""Wiring: read inputs, ask data/ for plain results, hand them to layouts/."""
