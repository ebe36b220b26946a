"""xhdesk — 兴新向荣 · 新就业群体党建工作台."""

__version__ = "0.1.0"
APP_NAME = "xhdesk"
APP_TITLE = "兴新向荣 · 新就业群体党建工作台"
