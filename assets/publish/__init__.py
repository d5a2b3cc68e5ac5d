"""Publishing: the built site swapped into docs_out/ in one step, and the check that its links resolve."""
