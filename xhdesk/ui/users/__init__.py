"""Users in the window: signing in, the idle lock, account management and the 操作日志."""
