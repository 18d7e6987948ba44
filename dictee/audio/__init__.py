"""Audio: reading and writing recordings (io), and later alignment and pacing."""
