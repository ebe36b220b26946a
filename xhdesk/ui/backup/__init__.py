"""备份与恢复: the backups list, taking a backup now, restoring one, the keeping rules."""
