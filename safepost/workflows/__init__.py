"""Workflows: the rules of the compliance program, applied to records in one transaction each."""
