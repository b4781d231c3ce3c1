"""The Qt layer: shows and edits. PySide6 lives here and nowhere else."""
