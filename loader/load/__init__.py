"""load stage: write one parsed document into the warehouse in one transaction.

``loader.load.pipeline.load_paths`` runs a whole load (``loader.batch``); ``writer.write_document``
writes one ``ParsedDocument``; ``roundtrip`` proves the published views reproduce it;
``checks`` runs ``sql/checks/``; ``render`` prints a published table.
"""
