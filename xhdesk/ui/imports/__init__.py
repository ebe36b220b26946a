"""文件 → 导入: the import wizard, templates and the full export (see ``xhdesk.data.imports``)."""
