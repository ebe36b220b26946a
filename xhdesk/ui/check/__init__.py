"""工具 → 数据体检: the data check in the window."""
