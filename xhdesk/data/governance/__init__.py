"""Governance reports (随手拍/隐患排查): station → department → resolved, with 基层治理 points."""
