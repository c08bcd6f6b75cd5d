"""Keeping the books honest: verify (the journal against every table), sealed values, backups
and the journal anchor. Imports every area below it."""
