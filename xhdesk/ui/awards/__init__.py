"""荣誉证书 / 评选: the awards dialog, its candidates and nominations."""
