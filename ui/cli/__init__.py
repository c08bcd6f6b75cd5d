"""The command line's commands, one module per group (shop, sales, catalog, customers, reports, data), each
`cmd_NAME(args, target) -> exit code`; main.py parses the arguments and dispatches to them. No Qt here:
a command runs without a display."""
