"""Rendering: templates (Word and text) filled from a case, and PDF conversion."""
