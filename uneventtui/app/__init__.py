"""The Textual explorer: app shell, screens and widgets."""
