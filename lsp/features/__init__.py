"""The language server's features, as pure functions of a document view."""
