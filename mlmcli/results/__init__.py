"""Result objects: pure data produced by engines and consumed by renderers."""
