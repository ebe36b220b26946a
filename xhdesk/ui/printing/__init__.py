"""Printing in the window: preview, print, save as PDF, awards, notices, 套打 calibration."""
