# A file that holds only comments and blank lines (a stub).
   	
    # indented

# speclint: ignore-file[V002] reason: glossary lives in another file
	# tab-indented
