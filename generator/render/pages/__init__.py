"""One module per page type; each turns results into page contexts (templates only lay them out)."""
