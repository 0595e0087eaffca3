"""The st commands over stset data that are not estimation commands (sts)."""
