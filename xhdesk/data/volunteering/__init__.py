"""Volunteer teams (志愿服务队), their service records and person-times, and the 五员 roles."""
