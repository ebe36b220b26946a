"""The network from the window: the first-run wizard, organisation management, node management,
and 文件 → 新建 / 打开 / 最近使用."""
