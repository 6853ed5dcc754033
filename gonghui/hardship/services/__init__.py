"""Writes to hardship files, one module per subject: files (household data and the lifecycle),
aid, campaigns, pairs, parameters and importing. Every function is keyword-only, named
`<entity>_<action>`, takes the acting user and runs in a transaction."""
