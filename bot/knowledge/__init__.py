"""What inspectors look for: the knowledge base, theme recognition and example questions."""
