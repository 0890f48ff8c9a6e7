"""Development tools (not shipped): mutation fuzzing of the reader, README tables from the declarations."""
