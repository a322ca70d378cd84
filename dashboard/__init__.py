"""Composition root: settings, the app factory, pages, the command line and the WSGI entry."""
