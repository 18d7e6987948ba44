"""`dictee kit`: one zip holding everything for the lesson."""
