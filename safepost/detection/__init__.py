"""Detection: turns a text into findings (spans with labels and subjects) and a verdict."""
