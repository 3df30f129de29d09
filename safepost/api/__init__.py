"""The REST API (FastAPI) over the check, records and workflows."""
