"""The pages of werkboek; each module has ``build() -> Widget`` and one notebook that shows it."""
