"""工作概览: the headline figures of the node's place."""
