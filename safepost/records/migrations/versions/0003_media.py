"""media: pictures checked for posts, with their clean copies and findings

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "media",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("original_sha256", sa.String(length=64), nullable=False),
        sa.Column("clean_sha256", sa.String(length=64), nullable=False),
        sa.Column("clean_format", sa.String(length=10), nullable=False),
        sa.Column("clean_image", sa.LargeBinary(), nullable=False),
        sa.Column("faces_kept_sha256", sa.String(length=64), nullable=True),
        sa.Column("faces_kept_image", sa.LargeBinary(), nullable=True),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("metadata_found", sa.JSON(), nullable=False),
        sa.Column("detector_version", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["org_id"], ["organizations.id"]),
        sa.ForeignKeyConstraint(["uploaded_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_media_org_id", "media", ["org_id"])
    op.create_index("ix_media_clean_sha256", "media", ["clean_sha256"])
    op.create_index("ix_media_faces_kept_sha256", "media", ["faces_kept_sha256"])


def downgrade() -> None:
    op.drop_index("ix_media_faces_kept_sha256", table_name="media")
    op.drop_index("ix_media_clean_sha256", table_name="media")
    op.drop_index("ix_media_org_id", table_name="media")
    op.drop_table("media")
