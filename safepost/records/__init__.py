"""Records: the database models, migrations and the tamper-evident audit log."""
