"""The interactive debate map: what it shows (:mod:`.data`) and the HTML page (:mod:`.render`)."""
