"""The 诉求服务 tab's parts: table model, detail, intake page and dialogs."""
