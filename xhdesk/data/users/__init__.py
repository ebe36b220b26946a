"""Users: local accounts per node, signing in, roles, and the audit trail that says who."""
