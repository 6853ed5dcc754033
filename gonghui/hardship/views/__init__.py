"""Hardship pages: staff pages (files, campaigns, pairs, reports) and the worker's phone
pages (portal). Views parse input, call a service or a selector, and render."""
