"""dictee : des trousses de dictée pour la campagne « Écrire, ça libère »."""

__version__ = "0.1.0"
