"""工作概览: the first tab."""
