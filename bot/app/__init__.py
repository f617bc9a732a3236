"""Running the coach: the `coach` command (split by concern), the terminal chat and server supervision."""
