"""Monthly cost estimate of what the program creates, from a dated, region-aware price table."""
