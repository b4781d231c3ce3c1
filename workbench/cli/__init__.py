"""The command-line form of every capability: `quote-workbench SUBCOMMAND ...`."""
