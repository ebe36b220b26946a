"""The 同步 menu: export and import dialogs, the peers list and the conflicts view."""
