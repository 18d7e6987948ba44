"""Case content: the model, how it is read from files, and its text rules."""
