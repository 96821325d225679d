"""Background work, out of the web layer: the import jobs and the documents' check passes
(imports.py, checkpasses.py), the PO files in translations/ (publisher.py), and the `flask
worker` process that runs them all beside the web servers (service.py)."""
