"""The network: the organisation template for a new centre, organisation management, node files."""
