"""The 积分审核 tab's parts: review queue, declaration dialog, ledger and benefits pages."""
