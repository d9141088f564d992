"""Observability for the platform: scrape targets, alert rules, a dashboard and AWS alarms."""
